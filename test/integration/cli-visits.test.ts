import { cliDbKey, withUnlock } from '../helpers/cli';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program';
import { closeApp, openApp } from '../../main/context';
import { createPerson } from '../../main/services/persons/persons';
import { personFieldsSchema } from '../../shared/schemas/persons';
import { SYSTEM_ACTOR } from '../../main/db/audit';
import { personInput } from '../helpers/persons';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(withUnlock(argv), { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err, json: () => JSON.parse(out.trim()) as { ok: boolean; value?: Record<string, number>; error?: { code: string } } };
}

describe('cadrecare visits plan', () => {
  let tmp: string;
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('plans the persons not yet planned this month, and everyone with --force', async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-visits-cli-'));
    const dataDir = path.join(tmp, 'data');
    expect((await cli('--json', 'visits', 'plan', '--data-dir', dataDir)).json().error?.code).toBe('SETUP_REQUIRED');
    const pw = path.join(tmp, 'pw');
    fs.writeFileSync(pw, 'Admin2026pass\n');
    expect((await cli('init', '--data-dir', dataDir, '--office-name', '幸福里社区', '--area-code', '140702001001', '--mode', 'community', '--admin', 'admin', '--password-file', pw)).code).toBe(0);
    // A person written without planning (as an older version of the app would have left them).
    const app = openApp({ dataDir, key: cliDbKey(dataDir) });
    try {
      const officeId = (app.db.prepare('SELECT id FROM office').get() as { id: string }).id;
      app.db.transaction(() => createPerson(app.db, { actor: SYSTEM_ACTOR, officeId, at: new Date().toISOString() }, personFieldsSchema.parse(personInput())))();
      app.db.exec('DELETE FROM visit_plan_state');
    } finally {
      closeApp(app);
    }
    const first = await cli('--json', 'visits', 'plan', '--data-dir', dataDir);
    expect(first.code).toBe(0);
    expect(first.json().value).toMatchObject({ persons: 1, created: 0 });
    const again = await cli('visits', 'plan', '--data-dir', dataDir);
    expect(again.out).toContain('已更新 0 人的走访计划');
    expect((await cli('--json', 'visits', 'plan', '--data-dir', dataDir, '--force')).json().value).toMatchObject({ persons: 1, created: 0, cancelled: 0 });
  });
});

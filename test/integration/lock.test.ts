import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, closeApp } from '../../main/context';
import { LOCK_FILE } from '../../main/db/lock';
import { TEST_DB_KEY, tempDir } from '../helpers/app';
import { formatRecoveryKey } from '../../main/db/cipher';
import { createBackup } from '../../main/db/backup';
import { backupDir } from '../../main/paths';
import { runCli } from '../../main/cli/program';

describe('one process per data folder', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const dir = () => {
    const d = tempDir('cadrecare-lock-');
    dirs.push(d);
    return d;
  };

  it('refuses a second open of the same folder until the first closes', () => {
    const d = dir();
    const first = openApp({ dataDir: d });
    expect(() => openApp({ dataDir: d })).toThrow(expect.objectContaining({ code: 'DATA_DIR_IN_USE' }));
    closeApp(first);
    expect(fs.existsSync(path.join(d, LOCK_FILE))).toBe(false);
    closeApp(openApp({ dataDir: d }));
  });

  it('a CLI restore is refused while the app has the folder open, and changes nothing', async () => {
    const d = dir();
    const app = openApp({ dataDir: d, key: TEST_DB_KEY });
    try {
      // A real backup of this office, so nothing but the folder being in use refuses the restore.
      const backup = path.join(backupDir(d), (await createBackup(app, 'manual')).name);
      const lines: string[] = [];
      const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
      const keyFile = path.join(d, 'recovery-key');
      fs.writeFileSync(keyFile, formatRecoveryKey(TEST_DB_KEY), { mode: 0o600 });
      const code = await runCli(['--json', 'restore', '--data-dir', d, backup, '--recovery-key-file', keyFile], io);
      expect(code).toBe(1);
      expect(lines.join('\n')).toContain('DATA_DIR_IN_USE');
      expect(app.db.open).toBe(true);
    } finally {
      closeApp(app);
    }
  });

  it('refuses while another live process holds the folder', () => {
    const d = dir();
    // A live process that is not this one: the parent of the test runner's shell will do.
    fs.writeFileSync(path.join(d, LOCK_FILE), JSON.stringify({ pid: process.ppid, since: 'now' }));
    expect(() => openApp({ dataDir: d })).toThrow(expect.objectContaining({ code: 'DATA_DIR_IN_USE' }));
  });

  it('takes over a lock left by a process that died', () => {
    const d = dir();
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(child.stdout.toString());
    fs.writeFileSync(path.join(d, LOCK_FILE), JSON.stringify({ pid: deadPid, since: 'then' }));
    const app = openApp({ dataDir: d });
    expect(JSON.parse(fs.readFileSync(path.join(d, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    closeApp(app);
  });
});

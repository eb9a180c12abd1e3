/**
 * The log file of main (main/log.ts): an unexpected failure is one line in logs/cadrecare.log of
 * the data folder, saying where it happened without anything of the person it happened to; the
 * user's own refusals are not logged; the file turns over at its size, keeping three; About says
 * where it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/dispatch';
import { LOG_MAX_BYTES, openFileLog, redact } from '../../main/log';
import { call, makeApp, ok, setupOffice, tempDir, type TestApp } from '../helpers/app';
import { personInput } from '../helpers/persons';
import type { Session } from '../../main/auth/session';

const logLines = (file: string): string[] => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : []);

describe('the log file', () => {
  let t: TestApp;
  let admin: Session;
  beforeEach(async () => {
    // Nothing on the console: the file is what is looked at.
    t = makeApp(tempDir(), { log: { echo: null } });
    admin = await setupOffice(t);
  });
  afterEach(() => t.close());

  it('is in logs/ of the data folder, and About says so', async () => {
    expect(t.app.log.file).toBe(path.join(t.dir, 'logs', 'cadrecare.log'));
    expect(await ok(call(t.app, admin, 'app.info', {}))).toMatchObject({ logFile: t.app.log.file });
  });

  it('an unexpected failure in a handler writes one line, without the name or ID number of the person it was about', async () => {
    const person = personInput({ seq: 7, name: '欧阳青云' });
    const { id } = await ok(call(t.app, admin, 'persons.create', person));
    // A refusal of what the user entered is theirs to read on screen, not a log line.
    const refused = await dispatch(t.app, admin, 'persons.create', person);
    expect(refused).toMatchObject({ ok: false, error: { code: 'DUPLICATE_ID_NUMBER' } });
    expect(logLines(t.app.log.file)).toEqual([]);

    // A bug, as SQLite reports it: its text quotes the person's record.
    t.app.db.exec(`CREATE TRIGGER test_fail BEFORE UPDATE ON persons BEGIN
      SELECT RAISE(ABORT, 'cannot update ' || OLD.name || ' (' || OLD.id_number || ') at ' || OLD.address);
    END`);
    const failed = await dispatch(t.app, admin, 'persons.update', { id, fields: { ...person, rank: '正处级' } });
    expect(failed).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside the app.' } });

    const lines = logLines(t.app.log.file);
    expect(lines).toHaveLength(1);
    const line = lines[0] as string;
    expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z ERROR Unexpected failure in persons\.update \| SqliteError \(SQLITE_CONSTRAINT_TRIGGER\): cannot update … \(#\) at …/);
    // Where it happened: the stack of the failure.
    expect(line).toMatch(/ \| at .*persons/);
    for (const personal of [person.name, person.idNumber, person.idNumber.slice(0, 6), person.idNumber.slice(-8), '501']) {
      expect(line).not.toContain(personal);
    }
    expect(line).not.toMatch(/\p{Script=Han}/u);
  });

  it('turns over at about 1 MB, keeping the three files before it', async () => {
    const { file } = t.app.log;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const filler = `${'x'.repeat(99)}\n`;
    fs.writeFileSync(file, filler.repeat(Math.floor(LOG_MAX_BYTES / filler.length)));
    t.app.db.exec(`CREATE TRIGGER test_fail BEFORE INSERT ON persons BEGIN SELECT RAISE(ABORT, 'no'); END`);
    expect(await dispatch(t.app, admin, 'persons.create', personInput({ seq: 8 }))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    const numbered = (n: number) => path.join(path.dirname(file), `cadrecare.${n}.log`);
    expect(logLines(file)).toHaveLength(1);
    expect(logLines(file)[0]).toContain('Unexpected failure in persons.create');
    expect(fs.readFileSync(numbered(1), 'utf8')).toBe(filler.repeat(Math.floor(LOG_MAX_BYTES / filler.length)));

    // Smaller files turn over the same way: never more than three old ones, the newest lines last.
    const small = openFileLog(path.join(t.dir, 'other'), { maxBytes: 2000, echo: null, clock: t.clock.now });
    for (let i = 0; i < 400; i++) small.warn(`event ${i}`);
    const dir = path.dirname(small.file);
    expect(fs.readdirSync(dir).sort()).toEqual(['cadrecare.1.log', 'cadrecare.2.log', 'cadrecare.3.log', 'cadrecare.log']);
    const all = ['cadrecare.3.log', 'cadrecare.2.log', 'cadrecare.1.log', 'cadrecare.log'].flatMap((name) => {
      expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(2000);
      return logLines(path.join(dir, name));
    });
    expect(all.at(-1)).toMatch(/WARN event 399$/);
    const numbers = all.map((l) => Number(/event (\d+)$/.exec(l)?.[1]));
    expect(numbers).toEqual(numbers.map((_, i) => (numbers[0] as number) + i));
    expect(numbers[0]).toBeGreaterThan(0);
  });

  it('never fails the call when it cannot write', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'logs'), 'a file where the folder would be');
    const log = openFileLog(dir, { echo: null });
    expect(() => log.error('Something failed', new Error('boom'))).not.toThrow();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes out quoted text, Chinese text, long numbers and addresses from what it writes', () => {
    expect(redact('UNIQUE failed for "王芳" 11010519491231002X, mail li.si@example.com, phone 13800138000, at x.ts:12:5')).toBe(
      'UNIQUE failed for "…" #, mail …@…, phone #, at x.ts:12:5',
    );
    expect(redact('no room at 幸福里小区3号楼2单元501 for 李四')).toBe('no room at … for …');
    expect(redact("Cannot read properties of undefined (reading 'name')")).toBe("Cannot read properties of undefined (reading '…')");
  });
});

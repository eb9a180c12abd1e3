import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/dispatch';
import { openDatabase } from '../../main/db/connection';
import { storageError } from '../../main/db/storageErrors';
import { makeApp, setupOffice, call, ok, dumpDatabase, tempDir, type TestApp, TEST_DB_KEY, openTestDb } from '../helpers/app';
import { openApp, closeApp } from '../../main/context';
import { personInput } from '../helpers/persons';
import type { Session } from '../../main/auth/session';
import type { Result } from '../../shared/errors';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('a full disk and read-only data answer their own codes and change nothing', () => {
  let t: TestApp;
  let admin: Session;
  const logged: { message: string; detail: unknown }[] = [];
  const log = { error: (message: string, detail: unknown) => logged.push({ message, detail }) };
  beforeEach(async () => {
    t = makeApp();
    admin = await setupOffice(t);
    await ok(call(t.app, admin, 'persons.create', personInput({ seq: 1 })));
    logged.length = 0;
  });
  afterEach(() => t.close());

  function expectNoStack(): void {
    for (const entry of logged) {
      expect(entry.detail).not.toBeInstanceOf(Error);
      expect(String(entry.detail)).not.toMatch(/\n\s+at /);
    }
  }

  it('a database opened read-only: DATA_READ_ONLY, nothing written, reads still work', async () => {
    t.app.db.close();
    t.app.db = openDatabase(t.app.dbPath, { readonly: true, key: TEST_DB_KEY });
    const before = dumpDatabase(t.app);
    const write = await dispatch(t.app, admin, 'persons.create', personInput({ seq: 2, name: '李四' }), {}, log);
    expect(write).toMatchObject({ ok: false, error: { code: 'DATA_READ_ONLY' } });
    const settings = await dispatch(t.app, admin, 'settings.update', { idleLockMinutes: 7 }, {}, log);
    expect(settings).toMatchObject({ ok: false, error: { code: 'DATA_READ_ONLY' } });
    expect(dumpDatabase(t.app)).toEqual(before);
    expect((await ok(call(t.app, admin, 'persons.list', {}))).total).toBe(1);
    expect(logged).toHaveLength(2);
    expectNoStack();
  });

  it.skipIf(process.platform === 'win32' || isRoot)('a database file made read-only (chmod 0444): DATA_READ_ONLY, nothing written', async () => {
    t.app.db.close();
    fs.chmodSync(t.app.dbPath, 0o444);
    t.app.db = openTestDb(t.app.dbPath);
    const before = dumpDatabase(t.app);
    const write = await dispatch(t.app, admin, 'persons.create', personInput({ seq: 2, name: '李四' }), {}, log);
    expect(write).toMatchObject({ ok: false, error: { code: 'DATA_READ_ONLY' } });
    expect(dumpDatabase(t.app)).toEqual(before);
    expectNoStack();
    fs.chmodSync(t.app.dbPath, 0o600);
  });

  it('a full disk (SQLite may not grow the file): DISK_FULL, and the call that hit it left nothing', async () => {
    const pages = t.app.db.pragma('page_count', { simple: true }) as number;
    t.app.db.pragma(`max_page_count = ${pages}`);
    let full: Result<unknown> | undefined;
    let before: Record<string, unknown[]> = {};
    for (let seq = 2; seq < 400 && !full; seq++) {
      before = dumpDatabase(t.app);
      const r = await dispatch(t.app, admin, 'persons.create', personInput({ seq, name: '王五', address: '幸福里小区'.repeat(20) }), {}, log);
      if (!r.ok) full = r;
    }
    expect(full).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    expect(dumpDatabase(t.app)).toEqual(before);
    expect(t.app.db.inTransaction).toBe(false);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toContain('DISK_FULL');
    expectNoStack();
    // Once there is room again, the same call works.
    t.app.db.pragma(`max_page_count = ${pages * 100}`);
    expect((await dispatch(t.app, admin, 'persons.create', personInput({ seq: 999, name: '赵六' }), {}, log)).ok).toBe(true);
  });

  it('a backup that meets a full disk or a read-only backup folder says so, instead of INTERNAL, and leaves no file', async () => {
    const realCopy = fs.promises.copyFile;
    const before = dumpDatabase(t.app);
    try {
      for (const [code, expected] of [
        ['ENOSPC', 'DISK_FULL'],
        ['EACCES', 'DATA_READ_ONLY'],
        ['EROFS', 'DATA_READ_ONLY'],
      ] as const) {
        // The file system refusal the backup's copy would meet (a chmod cannot make it happen for root).
        fs.promises.copyFile = (_from: unknown, file: unknown) => Promise.reject(Object.assign(new Error(`${code}: refused, open '${String(file)}'`), { code, path: file }));
        const r = await dispatch(t.app, admin, 'backup.create', {}, {}, log);
        expect(r).toMatchObject({ ok: false, error: { code: expected } });
      }
    } finally {
      fs.promises.copyFile = realCopy;
    }
    expect(fs.readdirSync(path.join(t.dir, 'backups'))).toEqual([]);
    expect(dumpDatabase(t.app)).toEqual(before);
    expectNoStack();
  });
});

describe.skipIf(process.platform === 'win32' || isRoot)('opening a data folder that may not be written', () => {
  it('answers DATA_READ_ONLY, for a new folder under a read-only one and for an existing read-only folder', () => {
    const t = makeApp();
    closeApp(t.app);
    const parent = tempDir();
    try {
      fs.chmodSync(parent, 0o555);
      expect(() => openApp({ dataDir: path.join(parent, 'CadreCare') })).toThrow(expect.objectContaining({ code: 'DATA_READ_ONLY' }));
      fs.chmodSync(t.dir, 0o555);
      expect(() => openApp({ dataDir: t.dir })).toThrow(expect.objectContaining({ code: 'DATA_READ_ONLY' }));
    } finally {
      fs.chmodSync(parent, 0o755);
      fs.chmodSync(t.dir, 0o755);
      fs.rmSync(parent, { recursive: true, force: true });
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });
});

describe('storageError', () => {
  const dataDir = path.resolve('/data/CadreCare');
  const errno = (code: string, file?: string) => Object.assign(new Error(code), { code, ...(file ? { path: file } : {}) });

  it('maps a full disk from SQLite or the file system to DISK_FULL', () => {
    expect(storageError(errno('SQLITE_FULL'), dataDir)?.code).toBe('DISK_FULL');
    expect(storageError(errno('ENOSPC', '/elsewhere/file'), dataDir)?.code).toBe('DISK_FULL');
    expect(storageError(errno('EDQUOT', path.join(dataDir, 'x')), dataDir)?.code).toBe('DISK_FULL');
  });

  it('maps read-only SQLite, and a refused write on the data folder, to DATA_READ_ONLY', () => {
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_READONLY_DIRECTORY']) {
      expect(storageError(errno(code), dataDir)?.code).toBe('DATA_READ_ONLY');
    }
    for (const code of ['EROFS', 'EACCES', 'EPERM']) {
      expect(storageError(errno(code, path.join(dataDir, 'backups', 'a.sqlite')), dataDir)?.code).toBe('DATA_READ_ONLY');
      expect(storageError(errno(code, dataDir), dataDir)?.code).toBe('DATA_READ_ONLY');
      // Creating the folder failed further up.
      expect(storageError(errno(code, path.dirname(dataDir)), dataDir)?.code).toBe('DATA_READ_ONLY');
    }
  });

  it('leaves every other error alone: refusals outside the data folder, other codes, non-errors', () => {
    expect(storageError(errno('EACCES', '/home/someone/Desktop/export.xlsx'), dataDir)).toBeNull();
    expect(storageError(errno('EACCES', `${dataDir}-other/x`), dataDir)).toBeNull();
    expect(storageError(errno('EACCES'), dataDir)).toBeNull();
    expect(storageError(errno('SQLITE_CONSTRAINT_UNIQUE'), dataDir)).toBeNull();
    expect(storageError(new Error('plain'), dataDir)).toBeNull();
    expect(storageError('SQLITE_FULL', dataDir)).toBeNull();
  });
});

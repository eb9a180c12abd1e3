import { openKeyed } from '../../main/db/connection';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program';
import { closeApp, openApp } from '../../main/context';
import { dumpDb } from '../helpers/app';
import { cliCommand, ROOT, withUnlock, cliDbKey } from '../helpers/cli';
import { dispatch } from '../../main/dispatch';
import { databasePath } from '../../main/paths';

const ADMIN_PASSWORD = 'Admin2024pass';
const USER_PASSWORD = 'Staff2024pass';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(withUnlock(argv), { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

/** A child process to its end: its exit code and output (a loaded machine may take a while to start it). */
function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 110_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** The one JSON object a --json run prints. */
function parsed(run: Run): { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: Record<string, unknown> } } {
  const lines = run.out.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string);
}

/** Every row of every table, so "nothing was written" can be checked exactly. */
function dump(dataDir: string): Record<string, unknown[]> {
  const db = openKeyed(databasePath(dataDir), cliDbKey(dataDir), { readonly: true, fileMustExist: true });
  try {
    return { user_version: [db.pragma('user_version', { simple: true })], ...dumpDb(db) };
  } finally {
    db.close();
  }
}

describe('cadrecare CLI', () => {
  let tmp: string;
  let dataDir: string;
  let adminPw: string;
  let userPw: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cadrecare-cli-'));
    dataDir = path.join(tmp, 'data');
    adminPw = path.join(tmp, 'admin.pw');
    userPw = path.join(tmp, 'user.pw');
    fs.writeFileSync(adminPw, `${ADMIN_PASSWORD}\n`);
    fs.writeFileSync(userPw, `${USER_PASSWORD}\r\n`);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const initArgs = (overrides: Record<string, string> = {}): string[] => {
    const o: Record<string, string> = {
      '--data-dir': dataDir,
      '--office-name': '幸福里社区',
      '--area-code': '140105101001',
      '--mode': 'community',
      '--admin': 'admin',
      '--password-file': adminPw,
      ...overrides,
    };
    return ['init', ...Object.entries(o).flat()];
  };

  const init = async () => {
    const run = await cli(...initArgs());
    expect(run.code, run.err).toBe(0);
    return run;
  };

  const addUser = (username: string, ...more: string[]) =>
    cli('users', 'add', '--data-dir', dataDir, '--username', username, '--name', '王小明', '--role', 'staff', '--password-file', userPw, ...more);

  describe('init and users', () => {
    it('sets up the office and admin, then adds and lists users (human output)', async () => {
      const run = await init();
      expect(run.out).toContain('已创建办公室 幸福里社区');
      expect(run.out).toContain('已创建管理员 admin');
      expect(run.err).toBe('');

      const add = await addUser('wangxm', '--phone', '13800138000');
      expect(add.code, add.err).toBe(0);
      expect(add.out).toContain('已创建用户 wangxm（王小明，工作人员）');

      const list = await cli('users', 'list', '--data-dir', dataDir);
      expect(list.code).toBe(0);
      expect(list.out).toMatch(/admin\s+管理员\s+管理员\s+正常/);
      expect(list.out).toMatch(/wangxm\s+王小明\s+工作人员\s+正常\s+13800138000/);
      expect(list.out).toContain('共 2 个用户');
    });

    it('speaks one JSON object per run with --json, before or after the command', async () => {
      const run = await cli('--json', ...initArgs({ '--mode': 'bureau', '--admin-name': '李主任' }));
      expect(run.code).toBe(0);
      const value = parsed(run).value as { office: { name: string; areaCode: string; mode: string }; admin: { username: string; displayName: string; role: string } };
      expect(value.office).toMatchObject({ name: '幸福里社区', areaCode: '140105101001', mode: 'bureau' });
      expect(value.admin).toMatchObject({ username: 'admin', displayName: '李主任', role: 'admin' });

      const add = await cli('users', 'add', '--json', '--data-dir', dataDir, '--username', 'grid1', '--name', '网格员一', '--role', 'gridworker', '--password-file', userPw);
      expect(add.code).toBe(0);
      expect(parsed(add)).toMatchObject({ ok: true, value: { username: 'grid1', role: 'gridworker', phone: null, disabled: false } });

      const list = await cli('users', 'list', '--data-dir', dataDir, '--json');
      expect(list.code).toBe(0);
      const users = parsed(list).value as { username: string; role: string }[];
      expect(users.map((u) => u.username).sort()).toEqual(['admin', 'grid1']);
      // Accounts only, never their secrets.
      expect(list.out).not.toMatch(/"password|hash|salt|scrypt/i);
    });

    it('creates accounts the app can log in with (the password file loses exactly one trailing newline)', async () => {
      await init();
      expect((await addUser('wangxm')).code).toBe(0);
      const app = openApp({ dataDir, key: cliDbKey(dataDir), transport: 'direct' });
      try {
        // The command line sets passwords at the app's real cost.
        const stored = app.db.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[];
        expect(stored).toHaveLength(2);
        for (const row of stored) expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[0-9a-f]{128}$/);
        const quiet = { error: () => undefined };
        for (const [username, password] of [
          ['admin', ADMIN_PASSWORD],
          ['wangxm', USER_PASSWORD],
        ] as const) {
          const result = await dispatch(app, app.sessions.create(), 'auth.login', { username, password }, {}, quiet);
          expect(result, username).toMatchObject({ ok: true, value: { user: { username } } });
        }
        // Written as the SYSTEM actor, and audited in the same transaction.
        const audit = app.db.prepare("SELECT username, entity, action FROM audit_log WHERE action IN ('setup', 'create') ORDER BY id").all();
        expect(audit).toEqual([
          { username: 'system', entity: 'office', action: 'setup' },
          { username: 'system', entity: 'user', action: 'create' },
          { username: 'system', entity: 'user', action: 'create' },
        ]);
      } finally {
        closeApp(app);
      }
    });

    it('refuses a second init with SETUP_ALREADY_DONE and changes nothing', async () => {
      await init();
      const before = dump(dataDir);
      const again = await cli(...initArgs({ '--office-name': '另一个社区', '--admin': 'boss' }));
      expect(again.code).toBe(1);
      expect(again.err).toContain('错误 SETUP_ALREADY_DONE');
      const json = await cli('--json', ...initArgs());
      expect(json.code).toBe(1);
      expect(parsed(json)).toMatchObject({ ok: false, error: { code: 'SETUP_ALREADY_DONE' } });
      expect(dump(dataDir)).toEqual(before);
    });

    it('refuses an invalid area code or a weak password with INVALID_INPUT and writes nothing at all', async () => {
      const badArea = await cli(...initArgs({ '--area-code': '14010510' }));
      expect(badArea.code).toBe(1);
      expect(badArea.err).toContain('错误 INVALID_INPUT');
      expect(badArea.err).toContain('--area-code');

      fs.writeFileSync(adminPw, 'password\n');
      const weak = await cli('--json', ...initArgs());
      expect(weak.code).toBe(1);
      const error = parsed(weak).error;
      expect(error?.code).toBe('INVALID_INPUT');
      expect(error?.details?.['issues']).toEqual([expect.objectContaining({ path: 'adminPassword', option: '--password-file', message: 'password.digit' })]);
      // The password itself is never echoed back.
      expect(weak.out + weak.err).not.toContain('password\n');

      const badMode = await cli(...initArgs({ '--mode': 'county' }));
      expect(badMode.code).toBe(1);
      expect(badMode.err).toContain('--mode');

      // Validation happens before the data folder is opened: no folder, no database, no office.
      expect(fs.existsSync(dataDir)).toBe(false);
    });

    it('refuses invalid or conflicting users and leaves every table as it was', async () => {
      await init();
      expect((await addUser('wangxm')).code).toBe(0);
      const before = dump(dataDir);

      fs.writeFileSync(userPw, 'short1\n');
      const weak = await addUser('lisi');
      expect(weak.code).toBe(1);
      expect(weak.err).toContain('错误 INVALID_INPUT');
      expect(weak.err).toContain('密码至少 8 位');

      fs.writeFileSync(userPw, `${USER_PASSWORD}\n`);
      const badRole = await cli('--json', 'users', 'add', '--data-dir', dataDir, '--username', 'lisi', '--name', '李四', '--role', 'root', '--password-file', userPw);
      expect(badRole.code).toBe(1);
      expect(parsed(badRole).error?.code).toBe('INVALID_INPUT');

      const badPhone = await addUser('lisi', '--phone', 'call me');
      expect(badPhone.code).toBe(1);
      expect(badPhone.err).toContain('--phone');

      const noFile = await cli('users', 'add', '--data-dir', dataDir, '--username', 'lisi', '--name', '李四', '--role', 'staff', '--password-file', path.join(tmp, 'missing.pw'));
      expect(noFile.code).toBe(1);
      expect(noFile.err).toContain('错误 INVALID_INPUT');

      // Same name in other letter case: the service refuses it inside the transaction.
      const taken = await addUser('WangXM');
      expect(taken.code).toBe(1);
      expect(taken.err).toContain('错误 USERNAME_TAKEN');

      expect(dump(dataDir)).toEqual(before);
    });

    it('answers SETUP_REQUIRED for a folder without a database, and creates nothing there', async () => {
      const list = await cli('--json', 'users', 'list', '--data-dir', dataDir);
      expect(list.code).toBe(1);
      expect(parsed(list).error?.code).toBe('SETUP_REQUIRED');
      const add = await addUser('wangxm');
      expect(add.code).toBe(1);
      expect(add.err).toContain('错误 SETUP_REQUIRED');
      expect(fs.existsSync(dataDir)).toBe(false);
    });
  });

  describe('backup and restore', () => {
    it('backs up to a file, and a restore brings back exactly that state', async () => {
      await init();
      const out = path.join(tmp, 'usb', 'office.sqlite');
      fs.mkdirSync(path.dirname(out));
      const backup = await cli('--json', 'backup', '--data-dir', dataDir, '--out', out);
      expect(backup.code, backup.out).toBe(0);
      const info = parsed(backup).value as { path: string; sizeBytes: number; backup: { name: string; path: string; reason: string } };
      expect(info.path).toBe(out);
      expect(info.backup.reason).toBe('manual');
      expect(fs.statSync(out).size).toBe(info.sizeBytes);
      expect(fs.existsSync(info.backup.path)).toBe(true);
      // Only the finished file is left behind, never a partial one.
      // The key slots travel beside the backup, so a password valid today opens it elsewhere.
      expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(['office.sqlite', 'office.sqlite.keys.json']);

      expect((await addUser('wangxm')).code).toBe(0);
      expect((await cli('users', 'list', '--data-dir', dataDir)).out).toContain('wangxm');

      const restore = await cli('restore', '--data-dir', dataDir, out);
      expect(restore.code, restore.err).toBe(0);
      expect(restore.out).toContain(`已从 ${out} 恢复数据（办公室 幸福里社区）`);

      const list = await cli('users', 'list', '--data-dir', dataDir, '--json');
      expect((parsed(list).value as { username: string }[]).map((u) => u.username)).toEqual(['admin']);

      // The data as it was before the restore was kept as a safety backup.
      const safety = fs.readdirSync(path.join(dataDir, 'backups')).filter((n) => n.endsWith('-before-restore.sqlite'));
      expect(safety).toHaveLength(1);
      const kept = openKeyed(path.join(dataDir, 'backups', safety[0] as string), cliDbKey(dataDir), { readonly: true });
      expect(kept.prepare("SELECT count(*) AS n FROM users WHERE username = 'wangxm'").get()).toEqual({ n: 1 });
      kept.close();
    });

    it('writes into a folder under the backup name, and never over the live database', async () => {
      await init();
      const folder = path.join(tmp, 'usb');
      fs.mkdirSync(folder);
      const run = await cli('backup', '--data-dir', dataDir, '--out', folder);
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain(`已备份到 ${folder}${path.sep}cadrecare-`);
      expect(fs.readdirSync(folder).sort()).toEqual([
        expect.stringMatching(/^cadrecare-\d{8}-\d{6}-\d{3}-manual\.sqlite$/),
        expect.stringMatching(/^cadrecare-\d{8}-\d{6}-\d{3}-manual\.sqlite\.keys\.json$/),
      ]);

      const before = dump(dataDir);
      const onto = await cli('--json', 'backup', '--data-dir', dataDir, '--out', databasePath(dataDir));
      expect(onto.code).toBe(1);
      expect(parsed(onto).error).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [expect.objectContaining({ message: 'out.isDatabase' })] } });
      const nowhere = await cli('backup', '--data-dir', dataDir, '--out', path.join(tmp, 'no', 'such', 'folder', 'x.sqlite'));
      expect(nowhere.code).toBe(1);
      expect(nowhere.err).toContain('目标文件夹不存在');
      expect(dump(dataDir)).toEqual(before);
    });

    it('refuses a garbage or missing file and leaves the data unchanged', async () => {
      await init();
      expect((await addUser('wangxm')).code).toBe(0);
      const before = dump(dataDir);
      const filesBefore = fs.readdirSync(dataDir).sort();

      const garbage = path.join(tmp, 'garbage.sqlite');
      fs.writeFileSync(garbage, Buffer.from('this is not a database, just some bytes on a USB stick'.repeat(200)));
      const run = await cli('restore', '--data-dir', dataDir, garbage);
      expect(run.code).toBe(1);
      expect(run.err).toContain('错误 BACKUP_INVALID');

      const json = await cli('--json', 'restore', '--data-dir', dataDir, garbage);
      expect(json.code).toBe(1);
      expect(parsed(json).error?.code).toBe('BACKUP_INVALID');

      const missing = await cli('--json', 'restore', '--data-dir', dataDir, path.join(tmp, 'nope.sqlite'));
      expect(missing.code).toBe(1);
      expect(parsed(missing).error?.code).toBe('BACKUP_NOT_FOUND');

      expect(dump(dataDir)).toEqual(before);
      // Not even a safety backup was made: the file was refused before anything else happened.
      expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
      expect(fs.readdirSync(dataDir).sort()).toEqual(filesBefore);
    });

    it('restores onto a new machine (an empty data folder)', async () => {
      await init();
      const out = path.join(tmp, 'office.sqlite');
      expect((await cli('backup', '--data-dir', dataDir, '--out', out)).code).toBe(0);
      const fresh = path.join(tmp, 'new-machine');
      // The admin's password opens the backup through the slots that came with it.
      const restore = await cli('restore', '--data-dir', fresh, out, '--user', 'admin', '--password-file', adminPw);
      expect(restore.code, restore.err).toBe(0);
      const list = await cli('--json', 'users', 'list', '--data-dir', fresh, '--user', 'admin', '--password-file', adminPw);
      expect((parsed(list).value as { username: string }[]).map((u) => u.username)).toEqual(['admin']);
    });
  });

  describe('usage', () => {
    it('exits with 2 on an unknown command, option, or missing option, and 0 for help', async () => {
      const unknown = await cli('frobnicate');
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('错误 USAGE');
      expect(unknown.err).toContain("unknown command 'frobnicate'");

      const json = await cli('--json', 'users', 'lst', '--data-dir', dataDir);
      expect(json.code).toBe(2);
      expect(parsed(json)).toMatchObject({ ok: false, error: { code: 'USAGE', details: { reason: 'commander.unknownCommand' } } });

      expect((await cli('users', 'list')).code).toBe(2); // no --data-dir
      expect((await cli('users', 'list', '--data-dir', dataDir, '--colour')).code).toBe(2);
      expect((await cli('restore', '--data-dir', dataDir)).code).toBe(2); // no file
      expect((await cli()).code).toBe(2);

      const help = await cli('--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain('Usage: cadrecare');
      expect(help.out).toContain('init');
      const initHelp = await cli('init', '--help');
      expect(initHelp.code).toBe(0);
      expect(initHelp.out).toContain('--area-code');
      expect(fs.existsSync(dataDir)).toBe(false);
    });
  });

  it('runs end to end as a real process (the built command, or tsx on the sources as npm run cli does)', async () => {
    await init();
    const [command, ...args] = cliCommand() as [string, ...string[]];
    // Two commands at once; each process may take a while to start on a loaded machine.
    const [list, bad] = await Promise.all([run(command, [...args, ...withUnlock(['--json', 'users', 'list', '--data-dir', dataDir])]), run(command, [...args, 'frobnicate'])]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout.trim())).toMatchObject({ ok: true, value: [{ username: 'admin', role: 'admin' }] });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('错误 USAGE');
  }, 120_000);
});

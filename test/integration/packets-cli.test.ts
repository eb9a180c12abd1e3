/**
 * The packet and key commands of the CLI: keys card / trust / export-identity, packet
 * export (to a card or an office, or a passphrase backup), packet import of a whole folder with a
 * summary at the end, inspect and log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/program';
import { listBackups } from '../../main/db/backup';
import { tempDir } from '../helpers/app';
import { withUnlock } from '../helpers/cli';

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

function json<T = Record<string, unknown>>(run: Run): { ok: boolean; value: T; error: { code: string; message: string; details?: Record<string, unknown> } } {
  const lines = run.out.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string);
}

describe('cadrecare keys / packet', () => {
  let tmp: string;
  let pw: string;
  const dirs = { a: '', c: '', bureau: '' };

  beforeEach(async () => {
    tmp = tempDir('cadrecare-pcli-');
    pw = path.join(tmp, 'pw');
    fs.writeFileSync(pw, 'Admin2026pass\n');
    const offices: [keyof typeof dirs, string, string, string][] = [
      ['a', '幸福里社区', '140702001001', 'community'],
      ['c', '锦绣苑社区', '140702001002', 'community'],
      ['bureau', '榆次区委老干部局', '140702000000', 'bureau'],
    ];
    for (const [key, name, area, mode] of offices) {
      dirs[key] = path.join(tmp, key);
      const r = await cli('init', '--data-dir', dirs[key], '--office-name', name, '--area-code', area, '--mode', mode, '--admin', 'admin', '--password-file', pw);
      expect(r.code, r.err).toBe(0);
    }
  });

  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function card(key: keyof typeof dirs): Promise<{ path: string; fingerprint: string }> {
    const r = json<{ path: string; fingerprint: string }>(await cli('--json', 'keys', 'card', '--data-dir', dirs[key], '--out', `${tmp}/`));
    expect(r.ok).toBe(true);
    return r.value;
  }

  async function trustCard(at: keyof typeof dirs, of: keyof typeof dirs): Promise<void> {
    const c = await card(of);
    const r = await cli('keys', 'trust', '--data-dir', dirs[at], c.path, '--fingerprint', c.fingerprint);
    expect(r.code, r.err).toBe(0);
  }

  it('shows a card’s fingerprint, trusts it only when confirmed, and exports the identity file', async () => {
    const c = await card('a');
    expect(JSON.parse(fs.readFileSync(c.path, 'utf8'))).toMatchObject({ type: 'cadrecare-key-card', name: '幸福里社区', fingerprint: c.fingerprint });
    const ask = json(await cli('--json', 'keys', 'trust', '--data-dir', dirs.bureau, c.path));
    expect(ask.error).toMatchObject({ code: 'KEY_FINGERPRINT_REQUIRED', details: { fingerprint: c.fingerprint, name: '幸福里社区' } });
    const wrong = await cli('keys', 'trust', '--data-dir', dirs.bureau, c.path, '--fingerprint', 'ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('KEY_FINGERPRINT_MISMATCH');
    const ok = await cli('keys', 'trust', '--data-dir', dirs.bureau, c.path, '--fingerprint', c.fingerprint);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('已信任 幸福里社区');
    const list = json<{ trusted: { name: string }[] }>(await cli('--json', 'keys', 'list', '--data-dir', dirs.bureau));
    expect(list.value.trusted.map((t) => t.name)).toEqual(['幸福里社区']);

    const idFile = path.join(tmp, 'bureau-identity.txt');
    const id = await cli('keys', 'export-identity', '--data-dir', dirs.bureau, '--out', idFile);
    expect(id.code, id.err).toBe(0);
    expect(fs.readFileSync(idFile, 'utf8')).toMatch(/\nAGE-SECRET-KEY-1[0-9A-Z]{58}\n$/);
    if (process.platform !== 'win32') expect(fs.statSync(idFile).mode & 0o777).toBe(0o600);
  });

  it('exports to a card or an office, imports a whole folder once with a summary, and logs it all', async () => {
    await trustCard('bureau', 'a');
    await trustCard('bureau', 'c');
    await trustCard('a', 'bureau');
    await trustCard('c', 'bureau');
    const stick = path.join(tmp, 'usb');
    fs.mkdirSync(stick);
    const bureauCard = (await card('bureau')).path;
    const fromA = json<{ path: string; kind: string; baseNote: string | null }>(await cli('--json', 'packet', 'export', '--data-dir', dirs.a, '--to', bureauCard, '--kind', 'incremental', '--out', `${stick}/`));
    expect(fromA.value).toMatchObject({ kind: 'full', baseNote: 'first' });
    const fromC = await cli('packet', 'export', '--data-dir', dirs.c, '--to', '140702000000', '--kind', 'full', '--out', path.join(stick, 'from-c.age'));
    expect(fromC.code, fromC.err).toBe(0);
    expect(fromC.out).toContain('已导出全量数据包');
    // Not trusted: refused before anything is written.
    const refused = json(await cli('--json', 'packet', 'export', '--data-dir', dirs.a, '--to', '锦绣苑社区', '--kind', 'full', '--out', `${stick}/`));
    expect(refused.error.code).toBe('RECIPIENT_NOT_TRUSTED');

    const seen = json<{ sender: { name: string }; wouldFail: string | null }>(await cli('--json', 'packet', 'inspect', '--data-dir', dirs.bureau, path.join(stick, 'from-c.age')));
    expect(seen.value).toMatchObject({ sender: { name: '锦绣苑社区' }, wouldFail: null });

    const receipts = path.join(tmp, 'receipts');
    fs.mkdirSync(receipts);
    const first = json<{ summary: Record<string, number>; results: { status: string }[] }>(
      await cli('--json', 'packet', 'import', '--data-dir', dirs.bureau, '--receipts', receipts, stick),
    );
    expect(first.ok).toBe(true);
    expect(first.value.summary).toMatchObject({ files: 2, imported: 2, skipped: 0, failed: 0 });
    expect(fs.readdirSync(receipts)).toHaveLength(2);
    // One safety copy for the whole command, however many full packets it imported.
    expect(listBackups(dirs.bureau).filter((b) => b.reason === 'before-import')).toHaveLength(1);
    // Again: both recognised and skipped; still a success.
    const again = await cli('packet', 'import', '--data-dir', dirs.bureau, stick);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('共 2 个包：导入 0，跳过 2，失败 0');

    // The receipts go back; A's next increment counts from the acknowledged packet.
    const back = await cli('packet', 'import', '--data-dir', dirs.a, '--no-receipt', receipts);
    expect(back.code).toBe(1); // one of the two receipts is for C
    expect(back.err).toContain('NOT_FOR_THIS_OFFICE');
    const next = json<{ base: { acknowledged: boolean } | null; kind: string }>(await cli('--json', 'packet', 'export', '--data-dir', dirs.a, '--to', '140702000000', '--kind', 'incremental', '--out', `${tmp}/`));
    expect(next.value).toMatchObject({ kind: 'incremental', base: { acknowledged: true } });

    const log = json<{ entries: { direction: string; kind: string; peerName: string; packetId: string; undoable: boolean }[] }>(await cli('--json', 'packet', 'log', '--data-dir', dirs.bureau));
    expect(log.value.entries.filter((e) => e.direction === 'in').map((e) => e.kind)).toEqual(['full', 'full']);

    // 撤销这次导入: C's packet is taken back, and the folder imports it again (A's is skipped).
    const fromCLog = log.value.entries.find((e) => e.direction === 'in' && e.peerName === '锦绣苑社区');
    expect(fromCLog?.undoable).toBe(true);
    const undone = await cli('packet', 'undo', '--data-dir', dirs.bureau, fromCLog?.packetId as string);
    expect(undone.code, undone.err).toBe(0);
    expect(undone.out).toContain('已撤销 锦绣苑社区 的数据包');
    const twice = json(await cli('--json', 'packet', 'undo', '--data-dir', dirs.bureau, fromCLog?.packetId as string));
    expect(twice.error).toMatchObject({ code: 'IMPORT_UNDO_UNAVAILABLE', details: { reason: 'undone' } });
    expect((await cli('packet', 'log', '--data-dir', dirs.bureau)).out).toContain('可撤销 can undo');
    const bad = json(await cli('--json', 'packet', 'undo', '--data-dir', dirs.bureau, 'not-an-id'));
    expect(bad.error.code).toBe('INVALID_INPUT');
    const reimport = await cli('packet', 'import', '--data-dir', dirs.bureau, '--no-receipt', stick);
    expect(reimport.code, reimport.err).toBe(0);
    expect(reimport.out).toContain('共 2 个包：导入 1，跳过 1，失败 0');
  });

  it('writes and reads a passphrase backup', async () => {
    const passFile = path.join(tmp, 'pass');
    fs.writeFileSync(passFile, 'a long enough passphrase\n');
    const out = path.join(tmp, 'backup.age');
    const made = json<{ kind: string; recipient: null }>(await cli('--json', 'packet', 'export', '--data-dir', dirs.a, '--passphrase-file', passFile, '--out', out));
    expect(made.value).toMatchObject({ kind: 'backup', recipient: null });
    expect(fs.readFileSync(out).subarray(0, 120).toString('latin1')).toContain('-> scrypt');
    const none = json(await cli('--json', 'packet', 'import', '--data-dir', dirs.a, out));
    expect(none.error.code).toBe('PASSPHRASE_REQUIRED');
    const back = json<{ summary: Record<string, number> }>(await cli('--json', 'packet', 'import', '--data-dir', dirs.a, '--passphrase-file', passFile, out));
    expect(back.value.summary).toMatchObject({ imported: 1 });
    const usage = await cli('packet', 'export', '--data-dir', dirs.a, '--out', out);
    expect(usage.code).toBe(1);
    expect(usage.err).toContain('INVALID_INPUT');
  }, 60_000);
});

/**
 * `cadrecare packet`: export, import and inspect encrypted, signed packets, the same
 * services as the app's packets.* channels, with files anywhere (a USB stick) instead of the
 * data folder's packets/in and packets/out.
 *
 *   packet export --data-dir D --to CARD_OR_OFFICE --kind full|incremental|transfer [--persons ID,...] --out FILE
 *   packet export --data-dir D --passphrase-file F --out FILE            (a passphrase backup)
 *   packet import --data-dir D FILE|FOLDER... [--passphrase-file F] [--receipts DIR] [--no-receipt]
 *   packet inspect --data-dir D FILE [--passphrase-file F]
 *   packet log --data-dir D [--limit N]
 *
 * A folder imports every *.age file in it, oldest name first, one transaction per packet; the run
 * ends with a summary and fails (exit 1) if any packet failed. Packets already imported are skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { exportInputSchema, type ImportResult } from '../../../shared/schemas/packets';
import { SYSTEM_ACTOR } from '../../db/audit';
import { exportPacket } from '../../services/packets/export';
import { importPacket, inspectPacket } from '../../services/packets/import';
import { parseCardText } from '../../services/packets/keys';
import { listLog } from '../../services/packets/log';
import { findTrustedPeer, getTrustedPeer, type TrustedPeer } from '../../services/packets/trust';
import type { Db } from '../../db/connection';
import { DATA_DIR_HELP, optionError, readPasswordFile, requireOffice, resolveDataDir, validate, withApp } from '../support';
import { formatTable, type CliIo } from '../io';

const KIND_TEXT: Record<string, string> = { full: '全量', incremental: '增量', transfer: '移交', backup: '口令备份', receipt: '回执' };

interface ExportOptions {
  dataDir: string;
  to?: string;
  kind?: string;
  persons?: string;
  passphraseFile?: string;
  out: string;
}

interface ImportOptions {
  dataDir: string;
  passphraseFile?: string;
  receipts?: string;
  receipt: boolean;
}

/** --to: a key card file of a trusted office (with the keys it is trusted with), or its id, area code or name. */
function recipientOf(db: Db, to: string): TrustedPeer {
  const asFile = path.resolve(to);
  if (fs.existsSync(asFile) && fs.statSync(asFile).isFile()) {
    const card = parseCardText(fs.readFileSync(asFile, 'utf8'));
    const peer = getTrustedPeer(db, card.officeId);
    if (!peer || peer.card.signingKey !== card.signingKey || peer.card.ageRecipient !== card.ageRecipient) {
      throw new AppError('RECIPIENT_NOT_TRUSTED', `${card.name} is not trusted with these keys: run "cadrecare keys trust" with the card first.`, { to: card.name });
    }
    return peer;
  }
  const peer = findTrustedPeer(db, to);
  if (!peer) throw new AppError('RECIPIENT_NOT_TRUSTED', `No trusted office is called ${to}; see "cadrecare keys list".`, { to });
  return peer;
}

/** --out: an existing folder (the packet takes its default name there) or a file in an existing folder. */
function outputTarget(out: string): string {
  const resolved = path.resolve(out);
  const isDir = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();
  const intoFolder = /[\\/]$/.test(out) || isDir(resolved);
  if (!isDir(intoFolder ? resolved : path.dirname(resolved))) throw optionError('out', '--out', 'out.noFolder');
  return resolved;
}

function packetFiles(args: string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    const p = path.resolve(arg);
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) {
      files.push(
        ...fs
          .readdirSync(p)
          .filter((f) => f.endsWith('.age') && !f.startsWith('.'))
          .sort()
          .map((f) => path.join(p, f)),
      );
    } else {
      files.push(p);
    }
  }
  return files;
}

interface FileOutcome {
  file: string;
  status: 'imported' | 'skipped' | 'failed';
  code?: ErrorCode;
  message?: string;
  details?: Record<string, unknown> | undefined;
  result?: ImportResult;
}

export function register(program: Command, io: CliIo): void {
  const packet = program.command('packet').summary('加密数据包的导出和导入 / encrypted packets').description('加密、签名的数据包：导出、导入、查看 / encrypted, signed packets: export, import, inspect');

  packet
    .command('export')
    .description(
      '导出数据包：--to 收件办公室（已信任的密钥卡文件，或其 id、区划代码、名称），--kind full|incremental|transfer；\n' +
        '或只给 --passphrase-file 导出口令加密的全量备份。\n' +
        'Exports a packet to a trusted office (--to: its key card file, id, area code or name; --kind full|incremental|transfer,\n' +
        'transfer with --persons), or with only --passphrase-file a passphrase-encrypted full backup.',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .option('--to <card-or-office>', '收件办公室 / recipient office')
    .option('--kind <kind>', 'full | incremental | transfer | backup')
    .option('--persons <ids>', '移交的人员 id，逗号分隔 / person ids to transfer, comma-separated')
    .option('--passphrase-file <file>', '口令所在文件（至少 12 个字符）/ file holding the passphrase (12 characters or more)')
    .requiredOption('--out <file>', '数据包文件或文件夹 / packet file or folder')
    .action(async (opts: ExportOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const passphrase = opts.passphraseFile ? readPasswordFile(opts.passphraseFile, '--passphrase-file') : undefined;
      const kind = opts.kind ?? (opts.to ? undefined : passphrase ? 'backup' : undefined);
      if (!kind) throw optionError('kind', '--kind', 'packet.kindRequired');
      const outArg = opts.out;
      const result = await withApp(dataDir, 'existing', async (app) => {
        requireOffice(app.db);
        const peer = opts.to ? recipientOf(app.db, opts.to) : null;
        const input = validate(
          exportInputSchema,
          {
            kind,
            ...(peer ? { to: peer.officeId } : {}),
            ...(opts.persons ? { persons: opts.persons.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
            ...(passphrase ? { passphrase } : {}),
          },
          { kind: '--kind', to: '--to', persons: '--persons', passphrase: '--passphrase-file' },
        );
        return exportPacket(app, { ...input, out: outputTarget(outArg), actor: SYSTEM_ACTOR });
      });
      const lines = [
        `已导出${KIND_TEXT[result.kind] ?? result.kind}数据包 ${result.path}（${result.total} 条记录，${(result.sizeBytes / 1024).toFixed(1)} KB）`,
        result.recipient ? `收件 to: ${result.recipient.name}（${result.recipient.areaCode}）` : '口令加密 / passphrase-encrypted',
      ];
      if (result.baseNote === 'first') lines.push('这是发给该办公室的第一个包，所以是全量包。/ The first packet to this office: a full one.');
      if (result.baseNote === 'unacknowledged') {
        lines.push('对方还没有回执：增量从上一次发出的包算起。/ No receipt yet: the increment counts from the last packet sent.');
      }
      io.success(result, lines);
    });

  packet
    .command('import')
    .description(
      '导入数据包（可给多个文件或文件夹）：每个包一个事务，导入前自动备份；已导入的包跳过。回执默认写到数据目录的 packets/out。\n' +
        'Imports packets (files or folders of *.age): one transaction each, after an automatic backup; packets already\n' +
        'imported are skipped. Receipts for the senders go to the data folder\'s packets/out unless --receipts DIR.',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .option('--passphrase-file <file>', '口令加密的包的口令 / passphrase for passphrase-encrypted packets')
    .option('--receipts <dir>', '回执写到此文件夹 / write receipts into this folder')
    .option('--no-receipt', '不写回执 / write no receipts')
    .argument('<files...>', '数据包文件或文件夹 / packet files or folders')
    .action(async (args: string[], opts: ImportOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const passphrase = opts.passphraseFile ? readPasswordFile(opts.passphraseFile, '--passphrase-file') : undefined;
      if (opts.receipts && !(fs.existsSync(opts.receipts) && fs.statSync(opts.receipts).isDirectory())) {
        throw optionError('receipts', '--receipts', 'out.noFolder');
      }
      const files = packetFiles(args);
      const outcomes = await withApp(dataDir, 'existing', async (app) => {
        requireOffice(app.db);
        const done: FileOutcome[] = [];
        for (const file of files) {
          try {
            const result = await importPacket(app, file, {
              actor: SYSTEM_ACTOR,
              passphrase,
              receipt: opts.receipt,
              receiptDir: opts.receipts ? path.resolve(opts.receipts) : undefined,
            });
            done.push({ file, status: 'imported', result });
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            done.push({ file, status: err.code === 'PACKET_ALREADY_IMPORTED' ? 'skipped' : 'failed', code: err.code, message: err.message, details: err.details });
          }
        }
        return done;
      });
      const count = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
      const totals = { inserted: 0, updated: 0, unchanged: 0, conflicts: 0 };
      for (const o of outcomes) {
        if (!o.result) continue;
        for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += o.result.report.totals[k];
      }
      const summary = { files: outcomes.length, imported: count('imported'), skipped: count('skipped'), failed: count('failed'), totals };
      const lines = outcomes.map((o) => {
        const name = path.basename(o.file);
        if (o.status === 'imported' && o.result) {
          const s = o.result.summary;
          const t = o.result.report.totals;
          return `导入 ${name}：${s.sender.name} 的${KIND_TEXT[s.kind] ?? s.kind}包，新增 ${t.inserted}，更新 ${t.updated}，未变 ${t.unchanged}，冲突 ${t.conflicts}${o.result.receipt ? `；回执 ${o.result.receipt.path}` : ''}`;
        }
        if (o.status === 'skipped') return `跳过 ${name}：已经导入过 / already imported`;
        return `失败 ${name}：${o.code ?? ''} ${o.message ?? ''}`;
      });
      lines.push(
        `共 ${summary.files} 个包：导入 ${summary.imported}，跳过 ${summary.skipped}，失败 ${summary.failed}；新增 ${totals.inserted}，更新 ${totals.updated}，冲突 ${totals.conflicts}`,
      );
      const value = { summary, results: outcomes.map((o) => ({ ...o, file: o.file })) };
      const firstFailure = outcomes.find((o) => o.status === 'failed');
      if (firstFailure) {
        if (!io.json) for (const line of lines) io.streams.err(`${line}\n`);
        throw new AppError(firstFailure.code ?? 'INTERNAL', `${summary.failed} of ${summary.files} packets failed; the others were imported or skipped.`, value);
      }
      io.success(value, lines);
    });

  packet
    .command('inspect')
    .description('解密并验证数据包，显示发件人、类型、记录数，不导入。\nDecrypts and verifies a packet and shows what it is, without importing it.')
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .option('--passphrase-file <file>', '口令 / passphrase file')
    .argument('<file>', '数据包文件 / packet file')
    .action(async (file: string, opts: { dataDir: string; passphraseFile?: string }) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const passphrase = opts.passphraseFile ? readPasswordFile(opts.passphraseFile, '--passphrase-file') : undefined;
      const result = await withApp(dataDir, 'existing', (app) => inspectPacket(app, path.resolve(file), { passphrase }));
      io.success(result, [
        `${result.sender.name}（${result.sender.areaCode}）的${KIND_TEXT[result.kind] ?? result.kind}包，${result.created}，${result.total} 条记录`,
        `收件 to: ${result.recipients.map((r) => r.name).join('、') || '口令 passphrase'}`,
        ...Object.entries(result.counts)
          .filter(([, n]) => n > 0)
          .map(([t, n]) => `  ${t}: ${n}`),
        result.wouldFail ? `不能导入 / would be refused: ${result.wouldFail}` : '可以导入 / can be imported',
      ]);
    });

  packet
    .command('log')
    .description('收发数据包的记录 / the log of packets sent and received')
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .option('--limit <n>', '条数 / entries', '50')
    .action(async (opts: { dataDir: string; limit: string }) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const limit = Math.max(1, Math.min(500, Number(opts.limit) || 50));
      const result = await withApp(dataDir, 'existing', (app) => listLog(app.db, { limit, offset: 0 }));
      io.success(
        result,
        formatTable(
          ['时间 at', '方向 dir', '类型 kind', '对方 peer', '记录 rows', '回执 acked', '包 id'],
          result.entries.map((e) => [
            e.loggedAt.slice(0, 16),
            e.direction === 'in' ? '收 in' : '发 out',
            KIND_TEXT[e.kind] ?? e.kind,
            e.peerName || '-',
            String(Object.values(e.counts).reduce((a, b) => a + b, 0)),
            e.ackedAt ? e.ackedAt.slice(0, 16) : '-',
            e.packetId,
          ]),
        ),
      );
    });
}

/**
 * `cadrecare keys`: this office's key card, the trust list, rotation and the secret identity as a
 * standard age identity file (so `age -d -i FILE packet.age | gunzip` reads a packet).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { SYSTEM_ACTOR, writeAudit } from '../../db/audit';
import { cardView, rotateOfficeKeys } from '../../services/packets/officeKeys';
import { ageIdentityFileText, cardFingerprint, fingerprintGroups, parseCardText, writePrivateFile } from '../../services/packets/keys';
import { officeIdentity } from '../../services/packets/ownIdentity';
import { checkCard, listTrusted, trustCard } from '../../services/packets/trust';
import { DATA_DIR_HELP, optionError, requireOffice, resolveDataDir, withApp } from '../support';
import { formatTable, type CliIo } from '../io';

interface OutOptions {
  dataDir: string;
  out: string;
}

/** A file to write, or an existing folder to write `name` into; the folder must exist. */
export function outputPath(out: string, name: string): string {
  const resolved = path.resolve(out);
  const intoFolder = /[\\/]$/.test(out) || isDirectory(resolved);
  const target = intoFolder ? path.join(resolved, name) : resolved;
  if (!isDirectory(path.dirname(target))) throw optionError('out', '--out', 'out.noFolder');
  return target;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function readCardFile(file: string): string {
  try {
    return fs.readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new AppError('KEY_CARD_INVALID', `Cannot read the key card ${file}.`, { reason: 'unreadable', file: path.basename(file) });
  }
}

export function register(program: Command, io: CliIo): void {
  const keys = program.command('keys').summary('密钥与信任名单 / keys and the trust list').description('密钥卡、信任名单、密钥轮换、导出身份 / key cards, trust list, rotation, identity export');

  keys
    .command('card')
    .description('导出本办公室的密钥卡（JSON），并显示指纹。\nWrites this office\'s key card (JSON) and shows its fingerprint.')
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .requiredOption('--out <file>', '密钥卡文件或文件夹 / key card file or folder')
    .action(async (opts: OutOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const result = await withApp(dataDir, 'existing', (app) => {
        const view = cardView(requireOffice(app.db), officeIdentity(app.db, app.dataDir, app.clock()));
        const target = outputPath(opts.out, view.fileName);
        fs.writeFileSync(target, view.json);
        return { path: target, card: view.card, fingerprint: view.fingerprintGroups };
      });
      io.success(result, [`已导出密钥卡 ${result.path}`, `指纹 fingerprint: ${result.fingerprint}`, '请对方核对指纹后再信任。/ Ask the other office to compare the fingerprint before trusting it.']);
    });

  keys
    .command('trust')
    .description(
      '信任另一办公室的密钥卡：先核对指纹（电话或打印的密钥卡），再用 --fingerprint 确认。\n' +
        'Trusts another office\'s key card once you have compared its fingerprint (by phone or from the printed card):\n' +
        'run it without --fingerprint to see the fingerprint, then again with --fingerprint to confirm.',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .option('--fingerprint <groups>', '核对过的指纹（至少 8 组）/ the fingerprint you compared (at least the 8 groups)')
    .argument('<card>', '密钥卡文件 / key card file')
    .action(async (cardFile: string, opts: { dataDir: string; fingerprint?: string }) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const card = parseCardText(readCardFile(cardFile));
      const result = await withApp(dataDir, 'existing', (app) => {
        const office = requireOffice(app.db);
        const groups = fingerprintGroups(cardFingerprint(card));
        if (!opts.fingerprint) {
          const check = checkCard(app.db, card);
          throw new AppError('KEY_FINGERPRINT_REQUIRED', `Compare the fingerprint ${groups} of ${card.name} with the one the office gave you, then run again with --fingerprint.`, {
            name: card.name,
            areaCode: card.areaCode,
            mode: card.mode,
            fingerprint: groups,
            alreadyTrusted: check.alreadyTrusted,
            replacesKeys: check.replacesKeys,
          });
        }
        return app.db.transaction(() => trustCard(app.db, card, opts.fingerprint as string, office.id, SYSTEM_ACTOR, app.clock().toISOString())).immediate();
      });
      io.success(result, [`已信任 ${result.name}（${result.areaCode}），指纹 ${result.fingerprintGroups}`]);
    });

  keys
    .command('list')
    .description('本办公室的密钥和信任名单 / this office\'s keys and the trust list')
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (opts: { dataDir: string }) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const result = await withApp(dataDir, 'existing', (app) => {
        const view = cardView(requireOffice(app.db), officeIdentity(app.db, app.dataDir, app.clock()));
        return { own: { card: view.card, fingerprint: view.fingerprintGroups }, trusted: listTrusted(app.db) };
      });
      io.success(result, [
        `本办公室 ${result.own.card.name} 指纹 ${result.own.fingerprint}`,
        ...formatTable(
          ['办公室 office', '区划代码 area', '指纹 fingerprint', '信任人 by', '时间 at'],
          result.trusted.map((t) => [t.name, t.areaCode, t.fingerprintGroups, t.trustedBy, t.trustedAt.slice(0, 16)]),
        ),
      ]);
    });

  keys
    .command('rotate')
    .description('更换本办公室的密钥（旧密钥保留，仍可打开发给它的包）；新密钥卡须重新交给各方。\nReplaces this office\'s keys; the old ones are kept to open packets sent to them. Send the new card to every office.')
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .requiredOption('--out <file>', '新密钥卡文件或文件夹 / new key card file or folder')
    .action(async (opts: OutOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const result = await withApp(dataDir, 'existing', (app) => {
        requireOffice(app.db);
        const view = app.db.transaction(() => rotateOfficeKeys(app.db, app.dataDir, SYSTEM_ACTOR, app.clock())).immediate();
        const target = outputPath(opts.out, view.fileName);
        fs.writeFileSync(target, view.json);
        return { path: target, fingerprint: view.fingerprintGroups };
      });
      io.success(result, [`已更换密钥，新密钥卡 ${result.path}`, `新指纹 ${result.fingerprint}`]);
    });

  keys
    .command('export-identity')
    .description(
      '导出本办公室的私钥（标准 age 身份文件，仅本人可读）。可用 age -d -i 文件 包.age | gunzip 读取发给本办公室的包。请妥善保管！\n' +
        'Writes the secret age identity as a standard identity file (mode 0600). age -d -i FILE packet.age | gunzip reads\n' +
        'packets sent to this office. Keep it safe!',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .requiredOption('--out <file>', '身份文件 / identity file')
    .action(async (opts: OutOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const result = await withApp(dataDir, 'existing', (app) => {
        const office = requireOffice(app.db);
        const identity = officeIdentity(app.db, app.dataDir, app.clock());
        const target = outputPath(opts.out, `cadrecare-identity-${office.areaCode}.txt`);
        writePrivateFile(target, ageIdentityFileText(identity, office));
        app.db.transaction(() => writeAudit(app.db, SYSTEM_ACTOR, app.clock().toISOString(), { entity: 'office_identity', entityId: office.id, action: 'backup', changes: { recipient: identity.ageRecipient } })).immediate();
        return { path: target, recipient: identity.ageRecipient };
      });
      io.success(result, [`已导出身份文件 ${result.path}（请妥善保管 / keep it safe）`, `公钥 recipient: ${result.recipient}`]);
    });
}

/** `cadrecare init`: first-run setup of the office and its first administrator, as `setup.create` does. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { formatRecoveryKey, newDatabaseKey } from '../../db/cipher';
import { slotsPath } from '../../db/keySlots';
import { databasePath } from '../../paths';
import { writeRecoveryKeyFile } from '../unlock';
import { appChannels } from '../../../shared/contracts/app';
import { AppError } from '../../../shared/errors';
import { setupOffice, getOffice, type SetupInput } from '../../services/app/office';
import type { AppContext } from '../../context';
import { getUser } from '../../services/users/users';
import { DATA_DIR_HELP, readPasswordFile, resolveDataDir, validate, withApp } from '../support';
import type { CliIo } from '../io';

export const DEFAULT_ADMIN_NAME = '管理员';

const MODE_TEXT: Record<string, string> = { community: '社区', bureau: '老干部局' };

interface InitOptions {
  dataDir: string;
  officeName: string;
  areaCode: string;
  mode: string;
  admin: string;
  adminName?: string;
  passwordFile: string;
  recoveryKeyFile: string;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('init')
    .summary('初始化办公室和第一个管理员 / first-run setup')
    .description(
      '初始化：创建办公室和第一个管理员账号（只能做一次）。\n' +
        'First-run setup: creates the office and its first administrator; refused (SETUP_ALREADY_DONE) once done.',
    )
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .requiredOption('--office-name <name>', '办公室（社区）名称 / office name')
    .requiredOption('--area-code <code>', '12 位统计用区划代码 / 12-digit area code')
    .requiredOption('--mode <mode>', '运行模式 community（社区）或 bureau（老干部局）/ community | bureau')
    .requiredOption('--admin <username>', '管理员用户名 / admin user name')
    .requiredOption('--password-file <file>', '管理员密码所在文件（至少 8 位，含字母和数字）/ file holding the admin password')
    .requiredOption('--recovery-key-file <file>', '把恢复密钥写到这个新文件（仅本人可读），请打印或抄下后妥善保管 / new file to write the recovery key to (0600)')
    .option('--admin-name <name>', `管理员姓名，默认“${DEFAULT_ADMIN_NAME}” / admin display name`)
    .action(async (opts: InitOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const password = readPasswordFile(opts.passwordFile);
      // Everything is checked before the data folder is touched: a refused init leaves no trace.
      const input = validate(
        appChannels['setup.create'].input,
        {
          officeName: opts.officeName,
          areaCode: opts.areaCode,
          mode: opts.mode,
          adminUsername: opts.admin,
          adminDisplayName: opts.adminName ?? DEFAULT_ADMIN_NAME,
          adminPassword: password,
        },
        {
          officeName: '--office-name',
          areaCode: '--area-code',
          mode: '--mode',
          adminUsername: '--admin',
          adminDisplayName: '--admin-name',
          adminPassword: '--password-file',
        },
      );
      if (fs.existsSync(databasePath(dataDir)) || fs.existsSync(slotsPath(dataDir))) {
        throw new AppError('SETUP_ALREADY_DONE', 'This office is already set up.');
      }
      const key = newDatabaseKey();
      const recoveryKeyFile = writeRecoveryKeyFile(opts.recoveryKeyFile, formatRecoveryKey(key));
      let result;
      try {
        result = await withApp(dataDir, 'create', (app) => setUp(app, input, recoveryKeyFile), { key });
      } catch (err) {
        // Nothing of a failed init stays: no key file, no database that only that key opens.
        for (const file of [recoveryKeyFile, slotsPath(dataDir), ...['', '-wal', '-shm'].map((s) => `${databasePath(dataDir)}${s}`)]) {
          fs.rmSync(file, { force: true });
        }
        throw err;
      }
      io.success(result, [
        `已创建办公室 ${result.office.name}（区划代码 ${result.office.areaCode}，${MODE_TEXT[result.office.mode] ?? result.office.mode}模式）`,
        `已创建管理员 ${result.admin.username}（${result.admin.displayName}）`,
        `数据库 ${result.databasePath}（已加密）`,
        `恢复密钥已写到 ${result.recoveryKeyFile}：请打印或抄下后妥善保管 / recovery key written to ${result.recoveryKeyFile}`,
      ]);
    });
}

function setUp(app: AppContext, input: SetupInput, recoveryKeyFile: string) {
  const at = app.clock().toISOString();
  return app.db
    .transaction(() => {
      const { adminId } = setupOffice(app.db, input, at, app.passwordCost);
      const office = getOffice(app.db);
      const admin = getUser(app.db, adminId);
      if (!office || !admin) throw new AppError('INTERNAL', 'The office or its admin was not created.');
      return { dataDir: app.dataDir, databasePath: app.dbPath, recoveryKeyFile, office, admin };
    })
    .immediate();
}

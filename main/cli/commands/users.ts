/** `cadrecare users add|list`: accounts of the office, as `users.create` and `users.list` do. */
import type { Command } from 'commander';
import { userChannels } from '../../../shared/contracts/users';
import { SYSTEM_ACTOR } from '../../db/audit';
import { createUser, listUsers } from '../../services/users/users';
import { DATA_DIR_HELP, readPasswordFile, requireOffice, resolveDataDir, validate, withApp } from '../support';
import { formatTable, ROLE_TEXT, type CliIo } from '../io';

interface AddOptions {
  dataDir: string;
  username: string;
  name: string;
  role: string;
  passwordFile: string;
  phone?: string;
}

interface ListOptions {
  dataDir: string;
}

export function register(program: Command, io: CliIo): void {
  const users = program.command('users').summary('用户账号 / user accounts').description('用户账号管理 / manage user accounts');

  users
    .command('add')
    .description('新增用户 / add a user account')
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .requiredOption('--username <username>', '用户名 / user name')
    .requiredOption('--name <name>', '姓名 / display name')
    .requiredOption('--role <role>', '角色 admin（管理员）| staff（工作人员）| gridworker（网格员）| viewer（只读）')
    .requiredOption('--password-file <file>', '密码所在文件（至少 8 位，含字母和数字）/ file holding the password')
    .option('--phone <phone>', '联系电话 / phone')
    .action(async (opts: AddOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const password = readPasswordFile(opts.passwordFile);
      const input = validate(
        userChannels['users.create'].input,
        { username: opts.username, displayName: opts.name, role: opts.role, password, phone: opts.phone ?? null },
        { username: '--username', displayName: '--name', role: '--role', password: '--password-file', phone: '--phone' },
      );
      const user = await withApp(dataDir, 'existing', (app) => {
        const at = app.clock().toISOString();
        return app.db
          .transaction(() => {
            requireOffice(app.db);
            return createUser(app.db, SYSTEM_ACTOR, input, at, app.passwordCost);
          })
          .immediate();
      });
      io.success(user, [`已创建用户 ${user.username}（${user.displayName}，${ROLE_TEXT[user.role] ?? user.role}）`]);
    });

  users
    .command('list')
    .description('列出全部用户 / list user accounts')
    .requiredOption('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (opts: ListOptions) => {
      const dataDir = resolveDataDir(opts.dataDir);
      const list = await withApp(dataDir, 'existing', (app) =>
        app.db
          .transaction(() => {
            requireOffice(app.db);
            return listUsers(app.db);
          })
          .deferred(),
      );
      const rows = list.map((u) => [u.username, u.displayName, ROLE_TEXT[u.role] ?? u.role, u.disabled ? '停用' : '正常', u.phone ?? '']);
      io.success(list, [...formatTable(['用户名', '姓名', '角色', '状态', '电话'], rows), `共 ${list.length} 个用户`]);
    });
}

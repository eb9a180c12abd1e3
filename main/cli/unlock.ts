/**
 * How a command of the CLI gets the database key: `--user NAME --password-file F` unwraps that user's
 * key slot (a wrong password counts towards the lockout, as a login does), `--recovery-key-file F`
 * reads the recovery key. Every command that opens the database takes them (`addUnlockOptions`);
 * a command whose `--password-file` already means something else (`users create`: the new user's
 * password) takes the user's as `--user-password-file`. `init` writes a new recovery key instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import { isPlaintextDatabase, parseRecoveryKey, type DatabaseKey } from '../db/cipher';
import { keyMatches, readSlotFile, slotsPath } from '../db/keySlots';
import { databasePath } from '../paths';
import { unlockWithPassword } from '../services/auth/unlock';
import { optionError, readPasswordFile } from './support';

interface UnlockRequest {
  user?: string | undefined;
  passwordFile?: string | undefined;
  recoveryKeyFile?: string | undefined;
}

/** Commands that create the database, or never open one. */
const NO_UNLOCK = new Set(['init', 'help']);

let current: UnlockRequest = {};

const USER_HELP = '用哪个用户的密码打开加密的数据库 / user whose password opens the encrypted database';
const PASSWORD_HELP = '该用户密码所在文件 / file holding that user\'s password';
const RECOVERY_HELP = '恢复密钥所在文件（代替用户和密码）/ file holding the recovery key (instead of user and password)';

/** Adds the unlock options to every command that opens the database, and remembers them when one runs. */
export function addUnlockOptions(program: Command): void {
  const walk = (cmd: Command) => {
    for (const sub of cmd.commands) {
      if (sub.commands.length > 0) {
        walk(sub);
        continue;
      }
      if (NO_UNLOCK.has(sub.name()) || !sub.options.some((o) => o.long === '--data-dir')) continue;
      sub.option('--user <name>', USER_HELP);
      if (sub.options.some((o) => o.long === '--password-file')) sub.option('--user-password-file <file>', PASSWORD_HELP);
      else sub.option('--password-file <file>', PASSWORD_HELP);
      sub.option('--recovery-key-file <file>', RECOVERY_HELP);
    }
  };
  walk(program);
  program.hook('preAction', (_root, action) => {
    const opts = action.opts<Record<string, string | undefined>>();
    const ownPassword = action.options.some((o) => o.long === '--user-password-file');
    current = NO_UNLOCK.has(action.name())
      ? {}
      : { user: opts['user'], passwordFile: ownPassword ? opts['userPasswordFile'] : opts['passwordFile'], recoveryKeyFile: opts['recoveryKeyFile'] };
  });
}

/** Forgets the options of the last command (one process may run several, as the tests do). */
export function resetUnlock(): void {
  current = {};
}

/** The recovery key in a file, as init wrote it or as typed from the sheet. */
export function readRecoveryKeyFile(file: string): DatabaseKey {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (err) {
    throw optionError('recoveryKeyFile', '--recovery-key-file', 'file.unreadable', `Cannot read the recovery key file: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return parseRecoveryKey(text.split(/\r?\n/).find((line) => /[0-9A-Fa-f]{4}/.test(line) && !line.startsWith('#')) ?? '');
}

/** Writes a recovery key for init: a new file only this user may read, never over an existing one. */
export function writeRecoveryKeyFile(file: string, text: string): string {
  const target = path.resolve(file);
  try {
    fs.writeFileSync(target, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw optionError('recoveryKeyFile', '--recovery-key-file', code === 'EEXIST' ? 'file.exists' : 'file.unwritable', `Cannot write the recovery key file: ${code ?? 'error'}`);
  }
  return target;
}

/**
 * The database key for the data folder, from the options of the running command. A database not
 * encrypted yet needs none (undefined); an encrypted one without options is refused, naming them.
 */
export function unlockKey(dataDir: string, now: Date, slots: string = slotsPath(dataDir)): DatabaseKey | undefined {
  const { user, passwordFile, recoveryKeyFile } = current;
  if (recoveryKeyFile) {
    const key = readRecoveryKeyFile(recoveryKeyFile);
    if (fs.existsSync(slots)) {
      let matches = true;
      try {
        matches = keyMatches(readSlotFile(slots), key);
      } catch {
        // A damaged slot file is what the recovery key is for: the database itself proves the key.
      }
      if (!matches) throw new AppError('DB_KEY_WRONG', 'The recovery key does not open this database (another office\'s key?). Nothing was changed.');
    }
    return key;
  }
  if (user || passwordFile) {
    if (!user) throw optionError('user', '--user', 'unlock.userMissing', 'Name the user whose password file is given (--user).');
    if (!passwordFile) throw optionError('passwordFile', '--password-file', 'unlock.passwordMissing', 'Give the password file of --user (--password-file).');
    return unlockWithPassword(slots, user, readPasswordFile(passwordFile), now);
  }
  if (isPlaintextDatabase(databasePath(dataDir)) && !fs.existsSync(slots)) return undefined;
  throw new AppError(
    'UNLOCK_REQUIRED',
    'The database is encrypted: give --user NAME --password-file FILE, or --recovery-key-file FILE.',
  );
}

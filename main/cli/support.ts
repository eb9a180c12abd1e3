/**
 * What every command of the CLI shares: opening the data folder, validating input with the
 * contract's zod schemas, reading secrets from files. The CLI is a trusted local admin tool — it
 * acts as the SYSTEM actor without a login — but it accepts nothing the app itself would refuse:
 * every value passes the same schema as the matching channel, and every write goes through the
 * same service function inside one transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { AppError, NOT_VALID } from '../../shared/errors';
import { storageError } from '../db/storageErrors';
import { closeApp, openApp, type AppContext } from '../context';
import { databasePath } from '../paths';
import { getOffice } from '../services/app/office';
import type { Office } from '../../shared/schemas/office';
import type { Db } from '../db/connection';
import type { CliIssue } from './io';
import type { DatabaseKey } from '../db/cipher';
import { unlockKey } from './unlock';

/** Help text of the --data-dir option, the same on every command. */
export const DATA_DIR_HELP = '数据目录（办公室数据库所在文件夹）/ data folder holding the office database';

/** The data folder as given, made absolute against the working directory. */
export function resolveDataDir(raw: string): string {
  if (raw.trim() === '') {
    throw optionError('dataDir', '--data-dir', 'dataDir.empty');
  }
  return path.resolve(raw);
}

export function invalidInput(issues: CliIssue[]): AppError {
  return new AppError('INVALID_INPUT', NOT_VALID, { issues });
}

/**
 * A refusal of one command-line value: fieldError's issue, with the option (or argument) to name
 * to the admin, e.g. optionError('out', '--out', 'out.noFolder').
 */
export function optionError(path: string, option: string, key: string, english: string = NOT_VALID): AppError {
  return new AppError('INVALID_INPUT', english, { issues: [{ path, option, message: key, code: 'custom' }] });
}

/**
 * Parses `raw` with a contract schema, or throws INVALID_INPUT naming the command-line option of
 * each bad field (`options` maps a field of the schema to its option).
 */
export function validate<S extends z.ZodType>(schema: S, raw: unknown, options: Record<string, string> = {}): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalidInput(
    parsed.error.issues.slice(0, 20).map((issue) => {
      const field = issue.path.join('.');
      const first = issue.path[0];
      return {
        path: field,
        option: typeof first === 'string' ? options[first] : undefined,
        message: issue.message,
        code: issue.code,
      };
    }),
  );
}

/**
 * A password kept in a file, so it never shows in the shell history or the process list.
 * One trailing newline (LF or CRLF) and a leading byte-order mark are dropped; nothing else is
 * trimmed, so the password is exactly what was meant. The file is read, never written or echoed.
 */
export function readPasswordFile(file: string, option = '--password-file'): string {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (err) {
    throw optionError('passwordFile', option, 'file.unreadable', `Cannot read the password file: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const password = text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  if (password === '') {
    throw optionError('passwordFile', option, 'file.empty');
  }
  return password;
}

export type OpenMode =
  /** The database must already exist; nothing is created (a mistyped folder creates no stray files). */
  | 'existing'
  /** Creates the folder and an empty, migrated database when missing (init, restore onto a new machine). */
  | 'create';

/**
 * Opens the data folder for one command and always closes it again, whatever the command does. The
 * key comes from the command's unlock options (main/cli/unlock.ts) unless the command brings its own
 * (init's new key, a restore's from the backup).
 */
export async function withApp<T>(dataDir: string, mode: OpenMode, fn: (app: AppContext) => T | Promise<T>, options: { key?: DatabaseKey } = {}): Promise<T> {
  if (mode === 'existing' && !fs.existsSync(databasePath(dataDir))) {
    throw new AppError('SETUP_REQUIRED', `There is no CadreCare database in ${dataDir}; run "cadrecare init" first.`, { dataDir });
  }
  let app: AppContext;
  try {
    const key = options.key ?? unlockKey(dataDir, new Date());
    app = openApp({ dataDir, transport: 'direct', key, keepOpen: true });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('DB_OPEN_FAILED', `Cannot open the data folder ${dataDir}: ${(err as Error).message}`, { dataDir });
  }
  try {
    return await fn(app);
  } catch (err) {
    throw storageError(err, dataDir) ?? err;
  } finally {
    closeApp(app);
  }
}

/** Like dispatch: every channel but setup needs the office to exist. */
export function requireOffice(db: Db): Office {
  const office = getOffice(db);
  if (!office) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet; run "cadrecare init" first.');
  return office;
}

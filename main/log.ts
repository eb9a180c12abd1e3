/**
 * The log of main: errors and warnings, one line each, in logs/cadrecare.log of the data folder, for
 * whoever supports an office (a packaged Windows app has no console to read). The file is turned
 * over at about 1 MB, keeping the three before it (cadrecare.1.log is the newest of those).
 *
 * The data folder holds names, ID numbers and health notes; its log must not. A line says what
 * failed in the caller's fixed words (a channel name, an error code), then the error: for the app's
 * own refusals (AppError) only the code, whose message may quote what was entered; for anything
 * else (a bug) its name, message and stack, with what could be a person's taken out on the way —
 * text in quotes, Chinese text, long numbers, e-mail addresses and the home folder's path.
 * Writing the log never fails a call: a full disk or a read-only folder only loses log lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../shared/errors';
import { logFilePath } from './paths';
import { privateDir, privateFile } from './db/privacy';

export interface AppLog {
  /** `what` failed: fixed words (a channel name, a code, never an input); `err` what was thrown. */
  error(what: string, err?: unknown): void;
  warn(what: string, err?: unknown): void;
}

export interface FileLog extends AppLog {
  /** Where the lines go. */
  readonly file: string;
}

/** The size at which the log is turned over, and how many turned-over files are kept. */
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_KEEP = 3;

/** Errors and warnings on the console too, as they are written there without a log file. */
export const consoleLog: AppLog = {
  error: (what, err) => (err === undefined ? console.error(what) : console.error(what, err)),
  warn: (what, err) => (err === undefined ? console.warn(what) : console.warn(what, err)),
};

export interface FileLogOptions {
  maxBytes?: number;
  keep?: number;
  /** Where each line is also said as it happens (the console by default; null for nowhere). */
  echo?: AppLog | null;
  clock?: () => Date;
}

/** The log of the data folder `dataDir`; the folder and the file are made on the first line. */
export function openFileLog(dataDir: string, options: FileLogOptions = {}): FileLog {
  const file = logFilePath(dataDir);
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const keep = options.keep ?? LOG_KEEP;
  const echo = options.echo === undefined ? consoleLog : options.echo;
  const clock = options.clock ?? (() => new Date());
  let size: number | null = null;

  const write = (level: 'ERROR' | 'WARN', what: string, err: unknown) => {
    try {
      const line = `${logLine(clock(), level, what, err)}\n`;
      const bytes = Buffer.byteLength(line);
      if (size === null) {
        privateDir(path.dirname(file));
        size = fileSize(file);
      }
      if (size > 0 && size + bytes > maxBytes) {
        rotate(file, keep);
        size = 0;
      }
      fs.appendFileSync(file, line, { mode: 0o600 });
      if (size === 0) privateFile(file);
      size += bytes;
    } catch {
      // Losing a log line is better than failing the call that had something to say.
      size = null;
    }
  };

  return {
    file,
    error(what, err) {
      write('ERROR', what, err);
      echo?.error(what, err);
    },
    warn(what, err) {
      write('WARN', what, err);
      echo?.warn(what, err);
    },
  };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** cadrecare.log becomes cadrecare.1.log, that one cadrecare.2.log, …; the oldest beyond `keep` goes. */
function rotate(file: string, keep: number): void {
  const numbered = (n: number) => file.replace(/\.log$/, `.${n}.log`);
  fs.rmSync(numbered(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (fs.existsSync(numbered(n))) fs.renameSync(numbered(n), numbered(n + 1));
  }
  if (keep > 0) fs.renameSync(file, numbered(1));
  else fs.rmSync(file, { force: true });
}

/** Stack frames kept in a line: where the error came from, not the whole way up the event loop. */
const MAX_FRAMES = 12;

/** One line of the log: time, level, what failed and the error, with nothing of a person's in it. */
export function logLine(at: Date, level: 'ERROR' | 'WARN', what: string, err: unknown): string {
  const parts = [`${at.toISOString()} ${level} ${oneLine(redact(what))}`];
  if (err !== undefined) parts.push(describeError(err));
  return parts.join(' | ');
}

function describeError(err: unknown): string {
  if (err instanceof AppError) return `AppError ${err.code}`;
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    const head = `${err.name}${typeof code === 'string' ? ` (${code})` : ''}: ${oneLine(redact(err.message))}`;
    const frames = (err.stack ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('at '))
      .slice(0, MAX_FRAMES)
      .map((l) => redact(l));
    return [head, ...frames].join(' | ');
  }
  // Something thrown that is not an error: its kind only, since its text could be anything.
  return `thrown ${err === null ? 'null' : typeof err}`;
}

const HOMES = [...new Set([os.homedir(), os.homedir().replaceAll('\\', '/')])].filter((h) => h.length > 1);

/** Quoted text, each kind of quote with its own closing one. */
const QUOTED = [/"[^"\n]*"/g, /'[^'\n]*'/g, /`[^`\n]*`/g, /“[^”\n]*”/g, /‘[^’\n]*’/g, /「[^」\n]*」/g];

/**
 * Takes out what could be a person's from text bound for the log: the home folder (a user name), text
 * in quotes, words with Chinese in them (an address's house numbers too), runs of six or more digits
 * (ID numbers, phones; an ID's final X too) and e-mail addresses. What remains is the shape of the
 * failure.
 */
export function redact(text: string): string {
  let out = text;
  for (const home of HOMES) out = out.split(home).join('~');
  for (const quoted of QUOTED) out = out.replace(quoted, (q) => `${q[0] as string}…${q[q.length - 1] as string}`);
  out = out.replace(/[^\s|()[\]{}<>'"`,;:]*[\p{Script=Han}\u3000-\u303f\uff00-\uffef][^\s|()[\]{}<>'"`,;:]*/gu, '…');
  out = out.replace(/\d{6,}[Xx]?/g, '#');
  out = out.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '…@…');
  return out;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

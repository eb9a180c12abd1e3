/**
 * The pure pieces of the Electron shell's hardening: window options, the content security policy,
 * which URLs the window may navigate to, which frames may call the contract, and the shape check of
 * IPC arguments. Nothing here imports 'electron' at run time (only its types), so the unit tests
 * load this module in plain Node and prove each rule; window.ts and ipc.ts apply them.
 */
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../shared/security';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WebPreferences } from 'electron';
import type { CallOptions } from '../../shared/contract';
import type { AppErrorShape } from '../../shared/errors';

export const WINDOW_TITLE = '离退休干部社区服务管理';
export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 700;
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 820;

/**
 * The renderer runs sandboxed and isolated, without Node; the preload is its only door to main.
 * Every flag is written out, so a change of Electron's defaults cannot loosen the window.
 */
export function buildWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export { CSP_DIRECTIVES, CONTENT_SECURITY_POLICY };

/** Response headers with our CSP put in place of any the response carried (whatever their case). */
export function withContentSecurityPolicy(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The path a file: URL names, normalised, so `/a/../a/index.html` and `/a/index.html` compare equal. */
function filePath(url: URL): string | null {
  try {
    return path.normalize(fileURLToPath(url));
  } catch {
    return null;
  }
}

/**
 * May the window go to `url`? Only to the app's own page: with a `file:` app URL, the very same file
 * (any #route or ?query); with a custom scheme or a local origin (`app://cadrecare`), the same origin.
 * Remote pages, other local files, `javascript:`, `data:` and everything unparsable are refused.
 */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appOrigin);
  if (!target || !app) return false;
  if (target.username !== '' || target.password !== '') return false;
  if (app.protocol === 'file:') {
    if (target.protocol !== 'file:' || target.host !== app.host) return false;
    const want = filePath(app);
    const got = filePath(target);
    return want !== null && got !== null && want === got;
  }
  // A custom scheme's URL has the origin "null" in WHATWG terms; compare scheme and host instead.
  if (['javascript:', 'data:', 'blob:', 'about:', 'file:', 'filesystem:'].includes(app.protocol)) return false;
  return target.protocol === app.protocol && target.host === app.host && target.host !== '';
}

/**
 * Is a call coming from the app's own page, in its top-level frame? Subframes, other pages and
 * frames that are gone (no URL) are not trusted.
 */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean, expectedUrlOrOrigin: string): boolean {
  if (isMainFrame !== true) return false;
  if (typeof frameUrl !== 'string' || frameUrl.length === 0) return false;
  return isAllowedNavigation(frameUrl, expectedUrlOrOrigin);
}

/** The URL the main window loads, for a path of dist/renderer/index.html. */
export function appUrlForFile(indexHtmlPath: string): string {
  return pathToFileURL(path.resolve(indexHtmlPath)).href;
}

export const MAX_CHANNEL_LENGTH = 128;
export const MAX_TASK_ID_LENGTH = 64;

export interface CallArgs {
  channel: string;
  input: unknown;
  options: CallOptions;
}

export type ParsedCallArgs = { ok: true; args: CallArgs } | { ok: false; error: AppErrorShape };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function invalid(message: string): ParsedCallArgs {
  return { ok: false, error: { code: 'INVALID_INPUT', message } };
}

/**
 * Checks the raw arguments of an IPC call (after the event): a channel name, the input (checked
 * later by the channel's schema), and optional options carrying at most a task id. Only the known
 * option is passed on, so nothing else rides along into dispatch.
 */
export function parseCallArgs(args: readonly unknown[]): ParsedCallArgs {
  if (args.length < 1 || args.length > 3) return invalid('An IPC call takes a channel, an input and options.');
  const [channel, input, options] = args;
  if (typeof channel !== 'string' || channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH) {
    return invalid('The channel must be a non-empty string.');
  }
  if (!/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)*$/.test(channel)) {
    return invalid('The channel name is malformed.');
  }
  const out: CallOptions = {};
  if (options !== undefined && options !== null) {
    if (!isPlainObject(options)) return invalid('The call options must be an object.');
    for (const key of Object.keys(options)) {
      if (key !== 'taskId') return invalid(`Unknown call option "${key.slice(0, 40)}".`);
    }
    const taskId = options['taskId'];
    if (taskId !== undefined) {
      if (typeof taskId !== 'string' || taskId.length === 0 || taskId.length > MAX_TASK_ID_LENGTH) {
        return invalid('The task id must be a short non-empty string.');
      }
      out.taskId = taskId;
    }
  }
  return { ok: true, args: { channel, input, options: out } };
}

export const FORBIDDEN_SENDER: AppErrorShape = {
  code: 'FORBIDDEN',
  message: 'Calls are accepted only from the app’s own window.',
};

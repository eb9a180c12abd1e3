/**
 * Which installed Chromium-family browser the command line renders a print route with
 * (main/cli/formPdf.ts). The one named by `--browser` or CADRECARE_BROWSER when given — and only
 * that one, so a typo is a refusal rather than a quiet choice of another — else the first found of
 * the well-known places: every Windows 10/11 office PC has Edge; Chrome and Chromium elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The environment variable that names the browser. */
export const BROWSER_ENV = 'CADRECARE_BROWSER';

export interface BrowserLookup {
  /** `--browser`, before the variable. */
  option?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  isFile?: (file: string) => boolean;
}

export type BrowserFound =
  | { ok: true; file: string; from: 'option' | 'env' | 'known' }
  /** `named`: the option or variable named a file that is not there; else the places searched. */
  | { ok: false; named: string | null; searched: string[] };

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The well-known places of Edge, Chrome and Chromium on a platform, most likely first. */
export function knownBrowserPaths(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string[] {
  if (platform === 'win32') {
    const roots = [env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', env['ProgramFiles'] ?? 'C:\\Program Files', env['LOCALAPPDATA']].filter((r): r is string => !!r);
    const win = path.win32;
    return [
      ...roots.map((r) => win.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
      ...roots.map((r) => win.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((r) => win.join(r, 'Chromium', 'Application', 'chrome.exe')),
    ];
  }
  if (platform === 'darwin') {
    const home = env['HOME'];
    const apps = ['/Applications', ...(home ? [path.posix.join(home, 'Applications')] : [])];
    return apps.flatMap((a) => [
      path.posix.join(a, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
      path.posix.join(a, 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
      path.posix.join(a, 'Chromium.app/Contents/MacOS/Chromium'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

export function findBrowser(lookup: BrowserLookup = {}): BrowserFound {
  const env = lookup.env ?? process.env;
  const exists = lookup.isFile ?? isFile;
  const option = lookup.option?.trim();
  const named = option ? { file: option, from: 'option' as const } : env[BROWSER_ENV]?.trim() ? { file: (env[BROWSER_ENV] as string).trim(), from: 'env' as const } : null;
  if (named) {
    const file = path.resolve(named.file);
    return exists(file) ? { ok: true, file, from: named.from } : { ok: false, named: file, searched: [] };
  }
  const searched = knownBrowserPaths(lookup.platform ?? process.platform, env);
  const file = searched.find((f) => exists(f));
  return file ? { ok: true, file, from: 'known' } : { ok: false, named: null, searched };
}

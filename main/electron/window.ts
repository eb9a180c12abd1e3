/**
 * The hardened main window: sandboxed, isolated renderer; CSP on every response; no navigation away
 * from the app's own page, no new windows, no webviews, no permissions. The rules themselves are the
 * pure functions of hardening.ts (unit-tested); this module applies them to Electron objects.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, session, type Session as ElectronSession, type WebContents } from 'electron';
import {
  appUrlForFile,
  buildWebPreferences,
  CONTENT_SECURITY_POLICY,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  isAllowedNavigation,
  isTrustedSender,
  MIN_HEIGHT,
  MIN_WIDTH,
  WINDOW_TITLE,
  withContentSecurityPolicy,
} from './hardening';
import { shellPaths } from './runtime';

export { buildWebPreferences, CONTENT_SECURITY_POLICY, isAllowedNavigation, isTrustedSender };

/** The folder of the running bundle (dist/main); window.ts is bundled into dist/main/app.js. */
export function bundleDir(): string {
  return path.dirname(fileURLToPath(import.meta.url));
}

const guardedSessions = new WeakSet<ElectronSession>();

/** CSP on every response, and no permission (camera, notifications, geolocation, …) ever granted. */
export function installSessionGuards(ses: ElectronSession = session.defaultSession): void {
  if (guardedSessions.has(ses)) return;
  guardedSessions.add(ses);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

const guardedContents = new WeakSet<WebContents>();

/** Navigation, redirects, new windows and webviews: only the app's own page, nothing else. */
export function guardWebContents(contents: WebContents, appUrl: string): void {
  if (guardedContents.has(contents)) return;
  guardedContents.add(contents);
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface MainWindowOptions {
  preloadPath?: string;
  indexHtmlPath?: string;
  /** Called when the renderer's page cannot be loaded (e.g. not built). */
  onLoadFailed?: (err: unknown) => void;
}

/** The app URL the main window loads, for the given (or default) index.html. */
export function mainWindowUrl(indexHtmlPath: string = shellPaths(bundleDir()).indexHtml): string {
  return appUrlForFile(indexHtmlPath);
}

export function createMainWindow(options: MainWindowOptions = {}): BrowserWindow {
  const defaults = shellPaths(bundleDir());
  const preloadPath = options.preloadPath ?? defaults.preload;
  const indexHtmlPath = options.indexHtmlPath ?? defaults.indexHtml;
  const appUrl = appUrlForFile(indexHtmlPath);

  installSessionGuards();
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: DEFAULT_WIDTH,
    height: DEFAULT_HEIGHT,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: buildWebPreferences(preloadPath),
  });
  guardWebContents(win.webContents, appUrl);
  // The window keeps the office application's name, whatever the page calls itself.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    win.show();
    win.focus();
  });
  win.loadFile(indexHtmlPath).catch((err: unknown) => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
    options.onLoadFailed?.(err);
  });
  return win;
}

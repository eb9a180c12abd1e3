/**
 * The Electron entry (bundled to dist/main/app.js): one instance per data folder, open the office
 * database with the Electron build of better-sqlite3, register the contract on IPC, schedule the
 * daily backup, open the hardened window. If the database cannot be opened the person is told why,
 * in Chinese, and the app quits.
 */
import fs from 'node:fs';
import { app, BrowserWindow, Menu } from 'electron';
import { closeApp, openApp, type AppContext } from '../context';
import { checkpointInBackground } from '../background/checkpoint';
import { scheduleDailyBackups } from '../db/backup';
import { keepNewFilesPrivate } from '../db/privacy';
import { openFileLog } from '../log';
import { scheduleVisitPlanning } from '../services/visits/schedule';
import { watchIdleSessions } from '../services/auth/unlock';
import { checkOfficeKeys, keysProblemNotice } from '../services/packets/ownIdentity';
import { chooseBackupCopyPath, showErrorBox, showStartupError } from './dialogs';
import { registerIpc } from './ipc';
import { installPrinting } from './print';
import { chooseDataDir, DESKTOP_USAGE, desktopHelpRequested, resolveNativeBinding, shellPaths } from './runtime';
import { bundleDir, createMainWindow, guardWebContents, installSessionGuards, mainWindowUrl } from './window';

if (desktopHelpRequested(process.argv)) {
  console.log(DESKTOP_USAGE);
  process.exit(0);
}

// Sandbox every renderer, whatever its options say.
app.enableSandbox();
// The data folder (which is also Chromium's profile) is for this user only.
keepNewFilesPrivate();

const { dataDir, fromArgv } = chooseDataDir(process.argv, () => app.getPath('userData'));
// With --data-dir, Chromium's own files live beside that database too: runs on different data
// folders do not share a profile, and the single-instance lock is per data folder.
if (fromArgv) {
  fs.mkdirSync(dataDir, { recursive: true });
  app.setPath('userData', dataDir);
}

const paths = shellPaths(bundleDir());
const appUrl = mainWindowUrl(paths.indexHtml);

let mainWindow: BrowserWindow | null = null;
let context: AppContext | null = null;
let stopIpc: () => void = () => undefined;
let stopBackups: () => void = () => undefined;

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function setMenu(): void {
  if (process.platform === 'darwin') {
    // macOS needs an app menu for Quit and an Edit menu for copy and paste shortcuts.
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]));
  } else {
    Menu.setApplicationMenu(null);
  }
}

function start(): void {
  setMenu();
  installSessionGuards();
  const nativeBinding = resolveNativeBinding(
    { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath(), bundleDir: bundleDir() },
    (file) => fs.existsSync(file),
  );
  try {
    context = openApp({ dataDir, transport: 'electron', nativeBinding });
  } catch (err) {
    // No app, but its log still says why it would not start (the folder may be readable only).
    openFileLog(dataDir, { echo: null }).error('Cannot open the data folder', err);
    showStartupError(err, { dataDir, packaged: app.isPackaged });
    app.exit(1);
    return;
  }
  // Missing or foreign key files are said at once (the keys page offers to replace them); never replaced here.
  const keysProblem = (context.isOpen ? checkOfficeKeys(context.db, context.dataDir, context.clock()) : null);
  if (keysProblem) {
    context.log.warn('Office keys problem at start', keysProblem);
    showErrorBox('CadreCare：本单位的密钥有问题', keysProblemNotice(keysProblem));
  }
  // 另存为 of a backup asks where with the desktop's own save dialog.
  context.saveAs = (name) => chooseBackupCopyPath(mainWindow, name);
  const ipc = registerIpc(context, appUrl);
  stopIpc = ipc;
  const log = context.log;
  // On the background worker's thread (main/background), so the window never waits behind them:
  // the daily backup's copy, the month's replanning, and the copy of a long import's pages from the
  // WAL into the database file.
  checkpointInBackground(context);
  const stopDailyBackups = scheduleDailyBackups(context, (err) => log.error('Daily backup failed', err), { inWorker: true });
  const stopPlanning = scheduleVisitPlanning(context, (err) => log.error('Visit planning failed', err), { inWorker: true });
  const stopIdleCheck = watchIdleSessions(context, (err) => log.error('Idle check failed', err));
  stopBackups = () => {
    stopDailyBackups();
    stopPlanning();
    stopIdleCheck();
  };
  mainWindow = createMainWindow({
    preloadPath: paths.preload,
    indexHtmlPath: paths.indexHtml,
    onLoadFailed: (err) => {
      log.error('Cannot load the renderer', err);
      showErrorBox('CadreCare 无法启动', `找不到程序界面文件，请重新安装 CadreCare（开发环境请先运行 npm run build）。\n\n${paths.indexHtml}`);
      app.quit();
    },
  });
  // Print routes asked for with window.open are printed from a hidden window (print.ts).
  installPrinting({ window: mainWindow, appUrl, preloadPath: paths.preload, shareSession: ipc.shareSession, log });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function shutdown(): void {
  stopBackups();
  stopIpc();
  if (context) {
    closeApp(context);
    context = null;
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another instance has this data folder open: it focuses its window (second-instance), we leave.
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());
  // Every webContents, including ones made later (printing), keeps to the app's own page.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appUrl));
  // Closing the window ends the app on every platform: the database must be closed cleanly.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', shutdown);
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      showStartupError(err, { dataDir, packaged: app.isPackaged });
      app.exit(1);
    });
}

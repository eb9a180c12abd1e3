/**
 * Pure decisions of the Electron lifecycle (no 'electron' import): where the bundles, the renderer
 * and the Electron build of better-sqlite3 are, which data folder to use, and the plain Chinese
 * text shown when the app cannot start.
 */
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { dataDirFromArgv } from '../paths';

/** The files the shell loads, given the folder of the bundle (dist/main). */
export function shellPaths(bundleDir: string): { preload: string; indexHtml: string } {
  return {
    preload: path.join(bundleDir, 'preload.cjs'),
    indexHtml: path.join(bundleDir, '..', 'renderer', 'index.html'),
  };
}

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

/**
 * Candidates for better_sqlite3.node built for Electron's ABI, best first. Packaged, it ships as an
 * extra resource (resources/native/better_sqlite3.node); in development it is built by
 * scripts/build-electron-native.mjs into <project>/resources/native/electron/, so the copy in
 * node_modules stays built for Node (tests, CLI, browser mode).
 */
export function nativeBindingCandidates(opts: { isPackaged: boolean; resourcesPath: string; appPath: string; bundleDir: string }): string[] {
  if (opts.isPackaged) return [path.join(opts.resourcesPath, 'native', NATIVE_BINDING_FILE)];
  const rel = path.join('resources', 'native', 'electron', NATIVE_BINDING_FILE);
  const candidates = [path.join(opts.appPath, rel), path.resolve(opts.bundleDir, '..', '..', rel)];
  return [...new Set(candidates)];
}

export function resolveNativeBinding(
  opts: { isPackaged: boolean; resourcesPath: string; appPath: string; bundleDir: string },
  exists: (file: string) => boolean,
): string | undefined {
  return nativeBindingCandidates(opts).find((file) => exists(file));
}

/** `--data-dir` from the command line (absolute), else the folder Electron calls userData. */
export function chooseDataDir(argv: readonly string[], userData: () => string, cwd: string = process.cwd()): { dataDir: string; fromArgv: boolean } {
  const fromArgv = dataDirFromArgv(argv);
  if (fromArgv !== undefined && fromArgv.trim() !== '') return { dataDir: path.resolve(cwd, fromArgv), fromArgv: true };
  return { dataDir: userData(), fromArgv: false };
}

/**
 * What `CadreCare --help` prints. Only `--help` is answered here: other unknown switches are left
 * alone, because Chromium and Electron take theirs from the same command line (and test drivers add
 * `--remote-debugging-port`), so refusing them would stop legitimate starts.
 */
export const DESKTOP_USAGE = [
  '用法 / usage: CadreCare [--data-dir 文件夹]',
  '',
  '  --data-dir 文件夹   使用另一个数据文件夹 / use another data folder',
  '  -h, --help          显示本说明后退出 / show this help and exit',
].join('\n');

export function desktopHelpRequested(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--help' || a === '-h');
}

export const STARTUP_ERROR_TITLE = 'CadreCare 无法启动';

function isAbiMismatch(message: string): boolean {
  return /NODE_MODULE_VERSION|compiled against a different Node\.js version|was compiled against|invalid ELF header|not a valid Win32 application|Could not locate the bindings file/i.test(
    message,
  );
}

/** The message shown in the error dialog when the database cannot be opened at start. */
export function describeStartupError(err: unknown, where: { dataDir: string; packaged: boolean }): { title: string; message: string } {
  const folder = `数据文件夹：${where.dataDir}`;
  if (err instanceof AppError && err.code === 'DB_FROM_NEWER_VERSION') {
    const dbVersion = err.details?.['databaseVersion'];
    const appVersion = err.details?.['appVersion'];
    const versions = typeof dbVersion === 'number' && typeof appVersion === 'number' ? `（数据库版本 ${dbVersion}，本程序支持到 ${appVersion}）` : '';
    return {
      title: STARTUP_ERROR_TITLE,
      message:
        `这个数据库是由更新版本的 CadreCare 创建的${versions}。为了不丢失数据，本程序不会打开它。\n\n` +
        `请安装最新版本的 CadreCare 后再打开。\n\n${folder}`,
    };
  }
  const detail = err instanceof Error ? err.message : String(err);
  if (isAbiMismatch(detail)) {
    const fix = where.packaged
      ? '请重新安装 CadreCare。'
      : '开发环境请先运行 node scripts/build-electron-native.mjs，再启动程序。';
    return {
      title: STARTUP_ERROR_TITLE,
      message: `数据库组件（better-sqlite3）不是为当前的 Electron 版本构建的，无法打开数据库。\n\n${fix}\n\n${folder}\n详细信息：${detail}`,
    };
  }
  if (err instanceof AppError && err.code === 'DISK_FULL') {
    return { title: STARTUP_ERROR_TITLE, message: `磁盘空间不足，无法打开数据。请清理磁盘后重新启动程序。\n\n${folder}` };
  }
  if (err instanceof AppError && err.code === 'DATA_READ_ONLY') {
    return {
      title: STARTUP_ERROR_TITLE,
      message: `数据文件只读，程序无法保存数据。请检查数据文件夹是否允许写入（不在只读的磁盘上、当前用户有写入权限），然后重新启动程序。\n\n${folder}`,
    };
  }
  if (err instanceof AppError && err.code === 'DB_OPEN_FAILED') {
    return {
      title: STARTUP_ERROR_TITLE,
      message:
        '无法打开数据库文件。可能是文件正被其他程序使用、没有读写权限，或者文件已经损坏。\n\n' +
        `请关闭其他正在运行的 CadreCare，检查文件夹权限；如文件损坏，可以从备份恢复。\n\n${folder}\n详细信息：${detail}`,
    };
  }
  return {
    title: STARTUP_ERROR_TITLE,
    message: `启动时发生错误，程序将退出。\n\n${folder}\n详细信息：${detail}`,
  };
}

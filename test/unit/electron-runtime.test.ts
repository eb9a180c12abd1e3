// Pure lifecycle decisions of the Electron shell (main/electron/runtime.ts): file locations, the
// Electron build of better-sqlite3, the data folder, and the Chinese startup error text, including
// the real error of a database from a newer version.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../main/context';
import { databasePath } from '../../main/paths';
import {
  chooseDataDir,
  describeStartupError,
  nativeBindingCandidates,
  resolveNativeBinding,
  shellPaths,
  STARTUP_ERROR_TITLE,
} from '../../main/electron/runtime';
import { AppError } from '../../shared/errors';
import { tempDir } from '../helpers/app';

describe('shell paths', () => {
  it('finds the preload beside the bundle and the renderer in dist/renderer', () => {
    const p = shellPaths(path.resolve('/app/dist/main'));
    expect(p.preload).toBe(path.resolve('/app/dist/main/preload.cjs'));
    expect(p.indexHtml).toBe(path.resolve('/app/dist/renderer/index.html'));
  });
});

describe('better-sqlite3 for Electron', () => {
  const dev = { isPackaged: false, resourcesPath: '/usr/lib/electron/resources', appPath: path.resolve('/src/cadrecare'), bundleDir: path.resolve('/src/cadrecare/dist/main') };
  const packaged = { isPackaged: true, resourcesPath: path.resolve('/opt/CadreCare/resources'), appPath: '/opt/CadreCare/resources/app.asar', bundleDir: '/opt/CadreCare/resources/app.asar/dist/main' };

  it('packaged: the extra resource native/better_sqlite3.node', () => {
    expect(nativeBindingCandidates(packaged)).toEqual([path.resolve('/opt/CadreCare/resources/native/better_sqlite3.node')]);
  });

  it('in development: resources/native/electron/ of the project, never node_modules', () => {
    const c = nativeBindingCandidates(dev);
    expect(c).toEqual([path.resolve('/src/cadrecare/resources/native/electron/better_sqlite3.node')]);
    expect(c.join()).not.toContain('node_modules');
  });

  it('is undefined when not built, so node_modules’ own build is tried (and a clear dialog follows if it fails)', () => {
    expect(resolveNativeBinding(dev, () => false)).toBeUndefined();
    const only = path.resolve('/src/cadrecare/resources/native/electron/better_sqlite3.node');
    expect(resolveNativeBinding(dev, (f) => f === only)).toBe(only);
  });

  it('launched as a file (app path is dist/main), still finds the project build from the bundle folder', () => {
    const asFile = { ...dev, appPath: path.resolve('/src/cadrecare/dist/main') };
    const want = path.resolve('/src/cadrecare/resources/native/electron/better_sqlite3.node');
    expect(resolveNativeBinding(asFile, (f) => f === want)).toBe(want);
  });
});

describe('chooseDataDir', () => {
  const userData = () => '/home/li/.config/CadreCare';
  it('takes --data-dir in both spellings, made absolute', () => {
    expect(chooseDataDir(['electron', '.', '--data-dir', '/data/office'], userData)).toEqual({ dataDir: path.resolve('/data/office'), fromArgv: true });
    expect(chooseDataDir(['electron', '.', '--data-dir=rel/dir'], userData, '/work')).toEqual({ dataDir: path.resolve('/work/rel/dir'), fromArgv: true });
  });
  it('falls back to userData without it (or with an empty one)', () => {
    expect(chooseDataDir(['electron', '.'], userData)).toEqual({ dataDir: '/home/li/.config/CadreCare', fromArgv: false });
    expect(chooseDataDir(['electron', '.', '--data-dir='], userData)).toEqual({ dataDir: '/home/li/.config/CadreCare', fromArgv: false });
  });
});

describe('describeStartupError', () => {
  const where = { dataDir: '/data/office', packaged: true };
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('explains, in Chinese, a database from a newer version (the real error of openApp)', () => {
    dir = tempDir();
    const db = new Database(databasePath(dir));
    db.pragma('user_version = 999');
    db.close();
    let caught: unknown;
    try {
      openApp({ dataDir: dir, transport: 'electron' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('DB_FROM_NEWER_VERSION');
    const { title, message } = describeStartupError(caught, { dataDir: dir, packaged: true });
    expect(title).toBe(STARTUP_ERROR_TITLE);
    expect(message).toContain('更新版本');
    expect(message).toContain('数据库版本 999');
    expect(message).toContain('请安装最新版本');
    expect(message).toContain(dir);
  });

  it('explains a native module built for another runtime, with the fix for development and for installs', () => {
    const err = new AppError(
      'DB_OPEN_FAILED',
      "Cannot open the database: The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 140.",
    );
    expect(describeStartupError(err, { ...where, packaged: false }).message).toContain('build-electron-native');
    expect(describeStartupError(err, where).message).toContain('重新安装');
    expect(describeStartupError(err, where).message).toContain('不是为当前的 Electron 版本构建的');
  });

  it('explains a database that cannot be opened', () => {
    const { message } = describeStartupError(new AppError('DB_OPEN_FAILED', 'SQLITE_CANTOPEN'), where);
    expect(message).toContain('无法打开数据库文件');
    expect(message).toContain('SQLITE_CANTOPEN');
    expect(message).toContain('/data/office');
  });

  it('explains a full disk and a read-only data folder in plain words', () => {
    expect(describeStartupError(new AppError('DISK_FULL', 'full'), where).message).toContain('磁盘空间不足');
    const readOnly = describeStartupError(new AppError('DATA_READ_ONLY', 'read-only'), where).message;
    expect(readOnly).toContain('数据文件只读');
    expect(readOnly).toContain('/data/office');
  });

  it('gives any other failure a plain message with its detail', () => {
    const { title, message } = describeStartupError(new Error('disk full'), where);
    expect(title).toBe('CadreCare 无法启动');
    expect(message).toContain('disk full');
    expect(describeStartupError('odd', where).message).toContain('odd');
  });
});

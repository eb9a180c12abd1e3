#!/usr/bin/env node
// `npm start`: build, then run the desktop app in Electron when its binary is installed, else the
// same app in browser mode (node dist/main/host.js). Arguments pass through to either, e.g.
//   npm start -- --data-dir ./demo-data
// `--no-build` (taken out, not passed on) skips the build.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rawArgs = process.argv.slice(2);
if (rawArgs.includes('--help') || rawArgs.includes('-h')) {
  console.log('用法 / usage: npm start -- [--data-dir 文件夹] [--no-build]');
  console.log('  构建后启动桌面程序（装有 Electron 时），否则启动浏览器模式 / builds, then starts the desktop app, or browser mode without Electron');
  console.log('  --data-dir 文件夹   使用另一个数据文件夹 / use another data folder');
  console.log('  --no-build          跳过构建 / skip the build');
  process.exit(0);
}
const skipBuild = rawArgs.includes('--no-build');
const args = rawArgs.filter((a) => a !== '--no-build');

/**
 * The Electron executable if it is installed. Deliberately not require('electron'): in plain Node
 * that starts a download of the binary when it is missing.
 */
function electronExecutable() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  if (!rel) return null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? path.join(override, rel) : path.join(dir, 'dist', rel);
  return fs.existsSync(exe) ? exe : null;
}

function runNode(script, scriptArgs, stdio = 'inherit') {
  return spawnSync(process.execPath, [script, ...scriptArgs], { cwd: root, stdio });
}

function build() {
  // Through the npm that runs us when there is one, so `npm start` uses the same npm.
  const npmCli = process.env.npm_execpath;
  const r = npmCli && /\.(c|m)?js$/.test(npmCli)
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error('构建失败 / build failed');
    process.exit(r.status ?? 1);
  }
}

/** Runs a child with inherited stdio, passes on Ctrl+C and termination, and exits with its code. */
function runForeground(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  // Ctrl+C in a terminal reaches the child too (same process group); pass it on only if the child
  // has not ended shortly after, e.g. when SIGINT was sent to this process alone.
  process.on('SIGINT', () => setTimeout(() => forward('SIGINT'), 2000).unref());
  child.on('error', (err) => {
    console.error(`无法启动 / cannot start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function browserMode(reason) {
  console.log(reason);
  const host = path.join(root, 'dist', 'main', 'host.js');
  if (!fs.existsSync(host)) {
    console.error('未找到 dist/main/host.js，请先运行 npm run build / dist/main/host.js is missing: run npm run build');
    process.exit(1);
  }
  runForeground(process.execPath, [host, ...args]);
}

if (!skipBuild) build();

const electron = electronExecutable();
if (!electron) {
  browserMode('未安装 Electron 可执行文件，改用浏览器模式 / Electron binary not installed; starting browser mode instead');
} else {
  // The database library (better-sqlite3-multiple-ciphers) built for Electron's ABI (node_modules keeps the Node build); a no-op when up to date.
  const native = runNode(path.join(root, 'scripts', 'build-electron-native.mjs'), []);
  if (native.status !== 0) {
    browserMode('无法为 Electron 构建数据库组件，改用浏览器模式 / the database library could not be built for Electron; starting browser mode instead');
  } else {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    // `electron .` starts package.json's "main"; should it not name the built entry, start the entry itself.
    let entry = '.';
    try {
      const main = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).main;
      if (typeof main !== 'string' || !fs.existsSync(path.join(root, main))) {
        console.warn(`package.json "main" (${main}) does not exist; starting dist/main/app.js directly`);
        entry = path.join(root, 'dist', 'main', 'app.js');
      }
    } catch {
      entry = path.join(root, 'dist', 'main', 'app.js');
    }
    runForeground(electron, [entry, ...args], env);
  }
}

#!/usr/bin/env node
// `npm run dist`: installers with electron-builder (config: electron-builder.yml, output: release/).
// electron-builder downloads Electron itself, so this first checks, quickly, that Electron
// downloads are reachable; if not it says so in one line and exits 1 instead of hanging.
// Arguments pass through to electron-builder, e.g. `npm run dist -- --win` or `-- --linux deb`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const electronVersion = readJson(path.join(root, 'node_modules', 'electron', 'package.json'))?.version;
if (!electronVersion) {
  console.error('dist: 未找到 node_modules/electron，请先运行 npm install / node_modules/electron is missing: run npm install first');
  process.exit(1);
}

/** Where electron-builder will fetch Electron from (ELECTRON_MIRROR is honoured as @electron/get does). */
function electronDownloadUrl() {
  const mirror = process.env.ELECTRON_MIRROR ?? process.env.npm_config_electron_mirror ?? 'https://github.com/electron/electron/releases/download/';
  const dir = process.env.ELECTRON_CUSTOM_DIR ?? `v${electronVersion}`;
  return `${mirror.endsWith('/') ? mirror : `${mirror}/`}${dir}/SHASUMS256.txt`;
}

/** An Electron zip of this version already in @electron/get's cache: no download needed. */
function cachedElectronZip() {
  const cacheRoot =
    process.env.ELECTRON_CACHE ??
    (process.platform === 'win32'
      ? path.join(process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'electron', 'Cache')
      : process.platform === 'darwin'
        ? path.join(os.homedir(), 'Library', 'Caches', 'electron')
        : path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'electron'));
  const prefix = `electron-v${electronVersion}-`;
  try {
    for (const entry of fs.readdirSync(cacheRoot, { withFileTypes: true })) {
      if (entry.isFile() && entry.name.startsWith(prefix) && entry.name.endsWith('.zip')) return true;
      if (entry.isDirectory()) {
        const inner = fs.readdirSync(path.join(cacheRoot, entry.name));
        if (inner.some((n) => n.startsWith(prefix) && n.endsWith('.zip'))) return true;
      }
    }
  } catch {
    // no cache
  }
  return false;
}

function reachable(url, timeoutMs = 5000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      req.destroy();
      resolve(false);
    }, timeoutMs);
    const req = https.request(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      clearTimeout(timer);
      res.resume();
      resolve((res.statusCode ?? 500) < 400);
    });
    req.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    req.end();
  });
}

function run(label, command, commandArgs) {
  // npm.cmd on Windows runs only through a shell.
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: command.endsWith('.cmd') });
  if (r.status !== 0) {
    console.error(`dist: ${label} 失败 / ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

const hasProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => process.env[k]);
if (!cachedElectronZip() && !hasProxy) {
  const url = electronDownloadUrl();
  if (!(await reachable(url))) {
    console.error(
      `dist: 无法下载 Electron ${electronVersion}，不能打包安装程序 / Electron ${electronVersion} downloads are not reachable (${new URL(url).host}); cannot package (set ELECTRON_MIRROR to use a mirror)`,
    );
    process.exit(1);
  }
}

const npmCli = process.env.npm_execpath;
if (npmCli && /\.(c|m)?js$/.test(npmCli)) run('npm run build', process.execPath, [npmCli, 'run', 'build']);
else run('npm run build', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
run('build-electron-native', process.execPath, [path.join(root, 'scripts', 'build-electron-native.mjs')]);
run('electron-builder', process.execPath, [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), '--config', 'electron-builder.yml', ...args]);

#!/usr/bin/env node
// Builds the database library, better-sqlite3-multiple-ciphers (better-sqlite3 with SQLCipher: the
// office database is encrypted), for Electron's ABI into resources/native/electron/better_sqlite3.node,
// leaving node_modules/better-sqlite3-multiple-ciphers/build alone (it stays built for Node: tests,
// CLI, browser mode). The package is copied into .native/ and built there: first a prebuilt binary
// for Electron (prebuild-install, from the fork's own releases), else from source with node-gyp
// against Electron's headers (the fork compiles SQLite with its ciphers: a few minutes).
// On failure it prints ONE line (the full log is kept in .native/build-electron-native.log) and exits 1.
//
//   node scripts/build-electron-native.mjs [--arch x64|arm64|ia32] [--force]
//
// Environment: CADRECARE_ELECTRON_HEADERS_URL  another place for Electron's headers (a mirror);
//              CADRECARE_NATIVE_NO_PREBUILD=1   skip the prebuilt binary, always compile.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = path.join(root, '.native');
const logFile = path.join(nativeDir, 'build-electron-native.log');
const outDir = path.join(root, 'resources', 'native', 'electron');
const outFile = path.join(outDir, 'better_sqlite3.node');
const infoFile = path.join(outDir, 'build-info.json');

const argv = process.argv.slice(2);
const arch = valueOf('--arch') ?? process.arch;
const force = argv.includes('--force');

function valueOf(flag) {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${flag}=`));
  return eq ? eq.slice(flag.length + 1) : undefined;
}

let cleanup = () => undefined;

function fail(line) {
  cleanup();
  console.error(`build-electron-native: ${line}`);
  process.exit(1);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const electronPkg = readJson(path.join(root, 'node_modules', 'electron', 'package.json'));
if (!electronPkg?.version) fail('未找到 node_modules/electron，请先运行 npm install / node_modules/electron is missing: run npm install first.');
const electronVersion = electronPkg.version;
// The library main's bundle loads (scripts/build-main.mjs keeps it external); the build info names
// it, so a binary of another library left from before is rebuilt, never shipped.
const LIBRARY = 'better-sqlite3-multiple-ciphers';
const sqlitePkg = readJson(path.join(root, 'node_modules', LIBRARY, 'package.json'));
if (!sqlitePkg?.version) fail(`未找到 node_modules/${LIBRARY} / node_modules/${LIBRARY} is missing: run npm install first.`);

const wanted = { electron: electronVersion, library: LIBRARY, version: sqlitePkg.version, platform: process.platform, arch };
const existing = readJson(infoFile);
if (!force && fs.existsSync(outFile) && existing && Object.entries(wanted).every(([k, v]) => existing[k] === v)) {
  console.log(`build-electron-native: up to date (${path.relative(root, outFile)}, Electron ${electronVersion}, ${arch})`);
  process.exit(0);
}

fs.mkdirSync(nativeDir, { recursive: true });
fs.writeFileSync(logFile, `build-electron-native ${new Date().toISOString()} ${JSON.stringify(wanted)}\n`);
const log = (text) => fs.appendFileSync(logFile, text.endsWith('\n') ? text : `${text}\n`);

// A clean copy of the package, without its Node build.
const src = path.join(root, 'node_modules', LIBRARY);
const work = path.join(nativeDir, `${LIBRARY}-electron-${electronVersion}-${process.platform}-${arch}`);
fs.rmSync(work, { recursive: true, force: true });
cleanup = () => fs.rmSync(work, { recursive: true, force: true });
fs.cpSync(src, work, {
  recursive: true,
  filter: (file) => {
    const rel = path.relative(src, file);
    return rel !== 'build' && !rel.startsWith(`build${path.sep}`);
  },
});
const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');

// Keep npm's settings for another target (npm_config_target, npm_config_runtime…) out of the children.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_config_(target|runtime|disturl|arch|target_arch|build_from_source)$/i.test(k)),
);

function run(label, args, timeoutMs) {
  log(`\n$ ${label}: ${process.execPath} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, args, { cwd: work, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  log(r.stdout ?? '');
  log(r.stderr ?? '');
  if (r.error) log(String(r.error));
  return r.status === 0 && !r.error;
}

function reachable(url, timeoutMs = 8000) {
  return new Promise((resolve) => {
    const req = https.request(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 400);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      log(`HEAD ${url}: ${err.message}`);
      resolve(false);
    });
    req.end();
  });
}

const hasProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'npm_config_proxy', 'npm_config_https_proxy'].some((k) => process.env[k]);

// 1. A prebuilt binary for this Electron, when one is published and reachable (no compiler needed).
const prebuildBin = path.join(root, 'node_modules', 'prebuild-install', 'bin.js');
let ok = false;
if (fs.existsSync(prebuildBin) && process.env.CADRECARE_NATIVE_NO_PREBUILD !== '1') {
  ok = run('prebuild-install', [prebuildBin, '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', process.platform, '--verbose'], 120_000);
  ok = ok && fs.existsSync(built);
}

// 2. Otherwise from source against Electron's headers.
if (!ok) {
  const distUrl = (process.env.CADRECARE_ELECTRON_HEADERS_URL || 'https://electronjs.org/headers').replace(/\/+$/, '');
  const devdir = path.join(nativeDir, 'node-gyp');
  const cachedHeaders = fs.existsSync(path.join(devdir, electronVersion, 'include', 'node', 'node.h'));
  if (!cachedHeaders && !hasProxy) {
    const headers = `${distUrl}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
    if (!(await reachable(headers))) {
      fail(`无法下载 Electron ${electronVersion} 头文件，未为 Electron 构建数据库组件 / cannot download Electron ${electronVersion} headers from ${distUrl}; ${LIBRARY} not built for Electron (log: ${path.relative(root, logFile)})`);
    }
  }
  const nodeGyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!fs.existsSync(nodeGyp)) fail('未找到 node-gyp / node_modules/node-gyp is missing: run npm install first.');
  ok = run(
    'node-gyp',
    [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--dist-url=${distUrl}`, `--devdir=${devdir}`],
    30 * 60_000,
  );
  if (!ok || !fs.existsSync(built)) {
    const text = fs.readFileSync(logFile, 'utf8');
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|404 status code downloading/i.test(text) && !cachedHeaders) {
      fail(`无法下载 Electron ${electronVersion} 头文件，未为 Electron 构建数据库组件 / cannot download Electron ${electronVersion} headers; ${LIBRARY} not built for Electron (log: ${path.relative(root, logFile)})`);
    }
    fail(`为 Electron ${electronVersion} 编译数据库组件失败 / compiling ${LIBRARY} for Electron ${electronVersion} failed (needs Python 3 and a C++20 compiler; log: ${path.relative(root, logFile)})`);
  }
}

fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(built, `${outFile}.partial`);
fs.renameSync(`${outFile}.partial`, outFile);
fs.writeFileSync(infoFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
fs.rmSync(work, { recursive: true, force: true });
console.log(`build-electron-native: built ${path.relative(root, outFile)} for Electron ${electronVersion} (${process.platform}-${arch})`);

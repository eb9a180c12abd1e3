// The start, native-build and dist scripts where Electron cannot be downloaded (as on the build
// machine): each takes its documented way out with one clear line, and none touches the Node build
// of the database library (better-sqlite3-multiple-ciphers) in node_modules.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app';

const root = process.cwd();
const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

function electronInstalled(): boolean {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!fs.existsSync(pathFile)) return false;
  return fs.existsSync(path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim()));
}

/** The environment without proxies, so "unreachable" is decided by the URLs the test gives. */
function offlineEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'npm_config_proxy', 'npm_config_https_proxy']) delete env[k];
  return env;
}

function stamp(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  const s = fs.statSync(file);
  return `${s.size}:${s.mtimeMs}`;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('npm start without an Electron binary', () => {
  it.skipIf(electronInstalled())('says so in one line and starts browser mode with the same arguments', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build', '--data-dir', dataDir, '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait for browser mode to print its address (or for the script to end, if host.js is not built);
    // the deadline only keeps a hung child from outliving the test.
    const deadline = Date.now() + 80_000;
    let ended = false;
    void exited.then(() => (ended = true));
    while (!ended && !/https?:\/\/127\.0\.0\.1:\d+/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // Browser mode starts locked (no database until a login): while it runs, our folder holds its lock.
    const usedOurFolder = fs.existsSync(path.join(dataDir, 'cadrecare.lock'));
    if (!ended) child.kill('SIGTERM');
    await exited;

    const lines = out.split('\n');
    expect(lines[0]).toBe('未安装 Electron 可执行文件，改用浏览器模式 / Electron binary not installed; starting browser mode instead');
    expect(out.match(/Electron binary not installed/g)).toHaveLength(1);
    if (fs.existsSync(path.join(root, 'dist', 'main', 'host.js'))) {
      // The host got --data-dir: it printed the address with its token and used our folder.
      expect(out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      expect(usedOurFolder).toBe(true);
    } else {
      expect(err).toContain('dist/main/host.js');
    }
  }, 90_000);
});

describe('build-electron-native without Electron headers', () => {
  const cachedHeaders = fs.existsSync(path.join(root, '.native', 'node-gyp', electronVersion, 'include', 'node', 'node.h'));

  it.skipIf(cachedHeaders)('fails with one line and leaves node_modules/better-sqlite3-multiple-ciphers/build alone', () => {
    const before = stamp(nodeBuild);
    const out = path.join(root, 'resources', 'native', 'electron', 'better_sqlite3.node');
    const outBefore = stamp(out);
    const r = spawnSync(process.execPath, ['scripts/build-electron-native.mjs', '--force'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: offlineEnv({ CADRECARE_NATIVE_NO_PREBUILD: '1', CADRECARE_ELECTRON_HEADERS_URL: 'https://127.0.0.1:9/headers' }),
    });
    expect(r.status).toBe(1);
    const errLines = r.stderr.trim().split('\n');
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(/^build-electron-native: .*cannot download Electron .* headers.*better-sqlite3-multiple-ciphers not built for Electron/);
    expect(stamp(nodeBuild)).toBe(before);
    expect(stamp(out)).toBe(outBefore);
    expect(stamp(nodeBuild)).not.toBeNull();
    expect(fs.readdirSync(path.join(root, '.native')).filter((n) => n.startsWith('better-sqlite3-multiple-ciphers-electron-'))).toEqual([]);
  });
});

describe('npm run dist without Electron downloads', () => {
  it('stops with one line and exit code 1, before building anything', () => {
    const cache = tempDir('cadrecare-electron-cache-');
    dirs.push(cache);
    const releaseBefore = fs.existsSync(path.join(root, 'release'));
    // What the build steps after the check would write: none of it may change.
    const built = ['dist/main/app.js', 'dist/main/host.js', 'dist/renderer/index.html', 'resources/native/electron/better_sqlite3.node'].map((f) => path.join(root, f));
    const builtBefore = built.map(stamp);
    const r = spawnSync(process.execPath, ['scripts/dist.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: offlineEnv({ ELECTRON_MIRROR: 'https://127.0.0.1:9/', ELECTRON_CACHE: cache }),
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dist: .*Electron .* downloads are not reachable/);
    expect(built.map(stamp)).toEqual(builtBefore);
    expect(fs.existsSync(path.join(root, 'release'))).toBe(releaseBefore);
  });
});

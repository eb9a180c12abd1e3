// Packaging and install guarantees: `npm install` cannot start an Electron download, the installer
// configuration is valid for electron-builder and says what we ship, and the pure shell modules
// never load 'electron' at run time.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const require = createRequire(import.meta.url);

function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;
}

interface Pkg {
  main?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const pkg = readJson<Pkg>('package.json');
const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare', 'postprepare'];

describe('npm install never downloads Electron', () => {
  it('package.json has no install-time scripts', () => {
    for (const hook of INSTALL_HOOKS) expect(pkg.scripts ?? {}, hook).not.toHaveProperty(hook);
  });

  it('electron is a devDependency pinned exactly to 45.x', () => {
    expect(pkg.dependencies ?? {}).not.toHaveProperty('electron');
    expect(pkg.devDependencies?.['electron']).toMatch(/^45\.\d+\.\d+$/);
  });

  it('the locked electron has that version and no install script', () => {
    const lock = readJson<{ packages: Record<string, { version?: string; hasInstallScript?: boolean; dev?: boolean }> }>('package-lock.json');
    const entry = lock.packages['node_modules/electron'];
    expect(entry?.version).toBe(pkg.devDependencies?.['electron']);
    expect(entry?.hasInstallScript ?? false).toBe(false);
  });

  it('the installed electron package (if any) has no install script either', () => {
    const file = path.join(root, 'node_modules', 'electron', 'package.json');
    if (!fs.existsSync(file)) return;
    const installed = JSON.parse(fs.readFileSync(file, 'utf8')) as Pkg & { version: string };
    expect(installed.version).toBe(pkg.devDependencies?.['electron']);
    for (const hook of INSTALL_HOOKS) expect(installed.scripts ?? {}, hook).not.toHaveProperty(hook);
  });
});

describe('the Electron entry', () => {
  it('package.json "main" is the bundle scripts/build-main.mjs writes (dist/main/app.js)', () => {
    const buildMain = fs.readFileSync(path.join(root, 'scripts', 'build-main.mjs'), 'utf8');
    // Entry points are named by their key and written to outdir dist/main: `app` becomes dist/main/app.js.
    expect(buildMain).toContain("entryPoints.app = 'main/electron/app.ts'");
    expect(buildMain).toContain("const out = 'dist/main'");
    expect(pkg.main).toBe('dist/main/app.js');
  });

  it.each(['main/electron/hardening.ts', 'main/electron/runtime.ts', 'main/electron/ipcCore.ts'])(
    '%s loads no electron at run time (types only), so it is testable in Node',
    (file) => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const valueImports = text.split('\n').filter((line) => /from ['"]electron['"]|require\(['"]electron['"]\)/.test(line) && !/^\s*import type /.test(line));
      expect(valueImports).toEqual([]);
    },
  );
});

describe('electron-builder.yml', () => {
  // js-yaml and app-builder-lib come with electron-builder; resolve them from there.
  const fromBuilder = createRequire(require.resolve('electron-builder/package.json'));
  const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('is valid for electron-builder’s own schema', async () => {
    const appBuilderRequire = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
    const { validateConfiguration } = appBuilderRequire('./out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = appBuilderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and its Chinese description', () => {
    expect(config['appId']).toBe('cn.cadrecare.app');
    expect(config['productName']).toBe('CadreCare');
    expect(config['extraMetadata']?.description).toBe('离退休干部社区服务管理');
    expect(config['extraMetadata']?.main).toBe('dist/main/app.js');
    expect(config['nsis']?.shortcutName).toBe('离退休干部社区服务管理');
    expect(config['directories']?.output).toBe('release');
  });

  it('ships our Electron build of the cipher fork of better-sqlite3 (what main loads) and never rebuilds node_modules', () => {
    expect(config['npmRebuild']).toBe(false);
    expect(config['extraResources']).toContainEqual({ from: 'resources/native/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' });
    expect(config['asarUnpack']).toContain('node_modules/better-sqlite3-multiple-ciphers/**');
    expect(config['files']).toEqual(expect.arrayContaining(['node_modules/better-sqlite3-multiple-ciphers/package.json', 'node_modules/better-sqlite3-multiple-ciphers/lib/**']));
    // The plain better-sqlite3 is no longer what main loads: shipping it would ship an unencrypted library.
    expect((config['files'] as string[]).filter((f) => f.startsWith('node_modules/better-sqlite3/'))).toEqual([]);
    expect(config['files']).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
  });

  it('ships the background worker beside the app: its own entry in the build, named where main starts it, not left out of the files', () => {
    const buildMain = fs.readFileSync(path.join(root, 'scripts', 'build-main.mjs'), 'utf8');
    expect(buildMain).toContain("background: 'main/background/worker.ts'");
    expect(fs.readFileSync(path.join(root, 'main', 'background', 'client.ts'), 'utf8')).toContain("new URL('./background.js', here)");
    const { minimatch } = fromBuilder('minimatch') as { minimatch: (file: string, pattern: string) => boolean };
    const files = config['files'] as string[];
    const shipped = (file: string) => files.reduce((kept, pattern) => (pattern.startsWith('!') ? kept && !minimatch(file, pattern.slice(1)) : kept || minimatch(file, pattern)), false);
    expect(shipped('dist/main/background.js')).toBe(true);
    expect(shipped('dist/main/app.js')).toBe(true);
    expect(shipped('dist/main/cli-users.cjs')).toBe(false);
  });

  it('builds a per-user NSIS installer in Chinese with a choice of folder, and a portable exe', () => {
    const targets = (config['win']?.target as { target: string }[]).map((t) => t.target);
    expect(targets).toEqual(expect.arrayContaining(['nsis', 'portable']));
    expect(config['nsis']).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      installerLanguages: ['zh_CN'],
    });
  });

  it('builds an AppImage and a deb in the Office category', () => {
    expect(config['linux']?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config['linux']?.category).toBe('Office');
  });
});

describe('.gitignore', () => {
  it('keeps the Electron native builds out of git', () => {
    const lines = fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(lines).toContain('.native/');
    expect(lines).toContain('resources/native/');
  });
});

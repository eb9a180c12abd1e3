// Bundles the plain-Node and Electron entry points of main/ with esbuild, and copies the SQL
// migrations beside the bundles (main/db/migrate.ts looks for them there).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const out = 'dist/main';
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Native and Electron modules stay outside the bundle and are loaded at run time.
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
};

const esm = {
  ...common,
  format: 'esm',
  // Some bundled CommonJS dependencies call require(); give ESM bundles one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

const entries = [
  { in: 'main/host/main.ts', out: 'host.js' },
  { in: 'main/cli/index.ts', out: 'cli.js' },
];
if (fs.existsSync('main/electron/app.ts')) entries.push({ in: 'main/electron/app.ts', out: 'app.js' });

await Promise.all(entries.filter((e) => fs.existsSync(e.in)).map((e) => build({ ...esm, entryPoints: [e.in], outfile: path.join(out, e.out) })));

// Sandboxed preloads must be CommonJS.
if (fs.existsSync('main/electron/preload.ts')) {
  await build({ ...common, format: 'cjs', entryPoints: ['main/electron/preload.ts'], outfile: path.join(out, 'preload.cjs') });
}

fs.cpSync('main/db/migrations', path.join(out, 'migrations'), { recursive: true });
console.log(`built ${out}`);

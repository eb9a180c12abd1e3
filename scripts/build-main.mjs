// Bundles the plain-Node and Electron entry points of main/ with esbuild, and copies the SQL
// migrations beside the bundles (main/db/migrate.ts looks for them there).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const out = 'dist/main';
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

// zod's `z` namespace re-exports every one of its ~40 message locales (half of zod's 750 KB), and a
// namespace cannot be tree-shaken; the app only uses zod's English default (its own texts come from
// i18n). Serving zod an index of that one locale takes 370 KB off every process's start.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Native and Electron modules stay outside the bundle and are loaded at run time.
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
  logLevel: 'warning',
  // Less text for V8 to parse at every start; the source maps keep stack traces readable.
  minify: true,
  plugins: [zodEnglishOnly],
};

const esm = {
  ...common,
  format: 'esm',
  // Some bundled CommonJS dependencies call require(); give ESM bundles one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

// One build for every entry point, split into shared chunks beside them: the CLI loads a command
// group's code only when that group runs (dynamic import), instead of compiling all of main/ first.
// The chunks stay in dist/main itself, so code that finds files beside its bundle (the migrations)
// finds them from any chunk.
const entryPoints = { host: 'main/host/main.ts', cli: 'main/cli/index.ts' };
if (fs.existsSync('main/electron/app.ts')) entryPoints.app = 'main/electron/app.ts';
await build({
  ...esm,
  entryPoints,
  outdir: out,
  splitting: true,
  chunkNames: '[name]-[hash]',
  // `META=file node scripts/build-main.mjs` writes esbuild's metafile, to read what each chunk holds.
  metafile: Boolean(process.env.META),
}).then((result) => {
  if (process.env.META) fs.writeFileSync(process.env.META, JSON.stringify(result.metafile));
});

// Sandboxed preloads must be CommonJS.
if (fs.existsSync('main/electron/preload.ts')) {
  await build({ ...common, format: 'cjs', entryPoints: ['main/electron/preload.ts'], outfile: path.join(out, 'preload.cjs') });
}

fs.cpSync('main/db/migrations', path.join(out, 'migrations'), { recursive: true });
console.log(`built ${out}`);

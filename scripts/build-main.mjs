// Bundles the plain-Node and Electron entry points of main/ with esbuild, and copies the SQL
// migrations beside the bundles (main/db/migrate.ts looks for them there).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { commandGroupsOf } from './cli-groups.mjs';

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

// `import { z } from 'zod'` is zod's whole namespace, which no bundler can shake; the app's code uses
// a handful of its builders. Serve the app (not libraries) a `z` of just the members its sources
// name, so the bundles keep half of zod's code and every process compiles and runs that much less.
const zodValues = new Set(Object.keys(await import('zod/v4')));
const zodUsed = new Set();
for (const dir of ['main', 'shared']) {
  for (const file of fs.readdirSync(dir, { recursive: true })) {
    if (!/\.tsx?$/.test(file)) continue;
    // `z.core.ParsePayload` names a type inside a namespace: no value is used there.
    for (const m of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/\bz\.([A-Za-z_$][\w$]*)(\.[A-Z])?/g)) if (zodValues.has(m[1]) && !m[2]) zodUsed.add(m[1]);
  }
}
const zodUsedOnly = {
  name: 'zod-used-only',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (args) => (/[\\/]node_modules[\\/]/.test(args.importer) ? undefined : { path: 'zod', namespace: 'zod-used' }));
    b.onLoad({ filter: /.*/, namespace: 'zod-used' }, () => {
      const names = [...zodUsed].sort();
      return {
        contents: `import { ${names.map((n, i) => `${n} as m${i}`).join(', ')} } from 'zod/v4';\nexport const z = { ${names.map((n, i) => `${JSON.stringify(n)}: m${i}`).join(', ')} };\n`,
        resolveDir: process.cwd(),
        loader: 'js',
      };
    });
  },
};

// Two libraries are large and needed by few commands: pinyin-pro's dictionary (~450 KB of code),
// used only when a name is read (by the SQL functions every connection registers,
// main/db/functions.ts, and by name search), and lunar-typescript's calendar tables (lunar
// birthdays, holidays). The command line's bundles hold a facade of each instead: every function
// (or class) the library exports stands in for the real one, and at its first use requires the
// library from its own file beside the bundle (cli-lib-<name>.cjs). A command that never reads a
// name or a lunar date neither reads nor compiles them.
const LAZY_LIBRARIES = ['pinyin-pro', 'lunar-typescript'];
const lazyLibraryFile = (library) => `cli-lib-${library.replace(/[^\w-]/g, '_')}.cjs`;
const nodeRequire = createRequire(import.meta.url);
const lazyLibraries = {
  name: 'lazy-libraries',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_LIBRARIES.map((l) => l.replace(/[^\w]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => (/[\\/]node_modules[\\/]/.test(args.importer) ? undefined : { path: args.path, namespace: 'lazy-library' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-library' }, (args) => {
      // Only functions and classes can stand in: an app import of anything else fails the build (no such export).
      const real = nodeRequire(args.path);
      const names = Object.keys(real).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && typeof real[name] === 'function');
      return {
        contents: [
          'let library;',
          // A path the bundler leaves alone: the library is its own file, read only when used.
          `const load = () => (library ??= require(require('node:path').join(__dirname, ${JSON.stringify(lazyLibraryFile(args.path))})));`,
          // A call, `new`, a static member (bound to the real class) and instanceof all reach the real export.
          'const lazy = (name) => new Proxy(function () {}, {',
          '  get: (_, key) => { const real = load()[name]; const value = real[key]; return typeof value === "function" && key !== "prototype" ? value.bind(real) : value; },',
          '  apply: (_, self, args) => Reflect.apply(load()[name], self, args),',
          '  construct: (_, args) => Reflect.construct(load()[name], args),',
          '});',
          ...names.map((name) => `export const ${name} = /* @__PURE__ */ lazy(${JSON.stringify(name)});`),
        ].join('\n'),
        resolveDir: process.cwd(),
        loader: 'js',
      };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Native and Electron modules stay outside the bundle and are loaded at run time; so does
  // playwright-core (the CLI's PDF of a form), which finds its own files beside it.
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'playwright-core'],
  logLevel: 'warning',
  // Less text for V8 to parse at every start; the source maps keep stack traces readable.
  minify: true,
  plugins: [zodEnglishOnly, zodUsedOnly],
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
// `background` is the worker thread of scheduled work (main/background/client.ts starts dist/main/background.js).
const entryPoints = { host: 'main/host/main.ts', background: 'main/background/worker.ts' };
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

// The command line: one CommonJS bundle per command group, holding only that group's code (the
// other groups' files are left out), and one with every group for help and unknown commands.
// dist/main/cli.js (main/cli/launch.ts) picks one by the command line and runs it with V8's code
// cache: CommonJS skips the ES-module loader's per-chunk work, and a cache needs one script.
const cliGroups = commandGroupsOf(fs.readFileSync('main/cli/program.ts', 'utf8'));
if (cliGroups.length === 0) throw new Error('no command groups found in main/cli/program.ts (COMMAND_GROUPS)');
const onlyGroup = (kept) => ({
  name: 'cli-one-group',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[\w-]+$/ }, (args) =>
      kept === undefined || args.path === `./commands/${kept}` || !args.importer.endsWith(path.join('cli', 'program.ts')) ? undefined : { path: args.path, namespace: 'cli-other-group' },
    );
    b.onLoad({ filter: /.*/, namespace: 'cli-other-group' }, (args) => ({
      contents: `export function register() { throw new Error(${JSON.stringify(`${args.path} is not in this bundle`)}); }`,
      loader: 'js',
    }));
  },
});
// A form's PDF (main/cli/formPdf.ts) brings browser mode's host, every service behind it and
// playwright-core: a bundle of its own, dist/main/cli-pdf.cjs, that the report commands require only
// when they write a .pdf, so no command's bundle (nor --version's) grows by it.
const PDF_JOB = 'cli-pdf.cjs';
// The stub requires it (a bundle run from a code cache has no import() of files: main/codeCache.ts).
const pdfJobApart = {
  name: 'cli-pdf-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/formPdf$/ }, () => ({ path: 'formPdf', namespace: 'cli-pdf-stub' }));
    b.onResolve({ filter: new RegExp(`^\\./${PDF_JOB.replace('.', '\\.')}$`) }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'cli-pdf-stub' }, () => ({
      contents: `export function writeFormPdf(job) { return require('./${PDF_JOB}').writeFormPdf(job); }`,
      loader: 'js',
    }));
  },
};
const cjsFromDistMain = {
  ...common,
  format: 'cjs',
  // The bundle is run from dist/main, where the migrations are copied (and dist/renderer is beside).
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};
const cliBundle = async (name, kept) => {
  const file = `cli-${name}.cjs`;
  await build({
    ...cjsFromDistMain,
    entryPoints: ['main/cli/index.ts'],
    outfile: path.join(out, file),
    plugins: [...common.plugins, lazyLibraries, onlyGroup(kept), pdfJobApart],
  });
  const hash = createHash('sha256').update(fs.readFileSync(path.join(out, file))).digest('hex').slice(0, 16);
  return { file, hash };
};
await build({ ...cjsFromDistMain, entryPoints: ['main/cli/formPdf.ts'], outfile: path.join(out, PDF_JOB) });
await Promise.all(
  LAZY_LIBRARIES.map((library) =>
    build({ ...common, format: 'cjs', stdin: { contents: `module.exports = require(${JSON.stringify(library)});`, resolveDir: process.cwd(), loader: 'js' }, outfile: path.join(out, lazyLibraryFile(library)) }),
  ),
);
const cliBuild = {
  groups: await Promise.all(cliGroups.map(async (g) => ({ names: g.names, ...(await cliBundle(g.file, g.file)) }))),
  all: { names: [], ...(await cliBundle('all', undefined)) },
};
await build({
  ...common,
  format: 'esm',
  stdin: {
    contents: "import { launch } from './launch'; launch(CLI_BUILD, import.meta.dirname);",
    resolveDir: 'main/cli',
    sourcefile: 'cli-entry.ts',
    loader: 'ts',
  },
  outfile: path.join(out, 'cli.js'),
  define: { CLI_BUILD: JSON.stringify(cliBuild) },
});

// Sandboxed preloads must be CommonJS.
if (fs.existsSync('main/electron/preload.ts')) {
  await build({ ...common, format: 'cjs', entryPoints: ['main/electron/preload.ts'], outfile: path.join(out, 'preload.cjs') });
}

fs.cpSync('main/db/migrations', path.join(out, 'migrations'), { recursive: true });
console.log(`built ${out}`);

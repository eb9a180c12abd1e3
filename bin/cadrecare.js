#!/usr/bin/env node
// The installed `cadrecare` command: runs the bundled CLI (main/cli/index.ts → dist/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/main/cli.js', import.meta.url);
if (existsSync(fileURLToPath(cli))) {
  await import(cli.href);
} else {
  process.stderr.write('CadreCare 命令行尚未构建，请先运行 npm run build / the CLI is not built (dist/main/cli.js missing): run `npm run build`\n');
  process.exitCode = 1;
}

/**
 * The command line of browser mode (`node dist/main/host.js`). It is parsed strictly and before
 * anything is opened: `--help` or a mistyped flag must print the usage and exit, never start a
 * server on the default data folder and create a database there.
 */
import { parseArgs } from 'node:util';

export const HOST_USAGE = [
  '用法 / usage: node dist/main/host.js [--data-dir 文件夹] [--port 端口]',
  '',
  '  启动浏览器模式：在本机打开一个只接受本机访问的服务，并打印要在浏览器中打开的链接（链接里带有本次启动的口令 token）。',
  '  Starts browser mode on this computer only and prints the link to open (it carries this start’s token).',
  '',
  '  --data-dir 文件夹   数据文件夹（默认：本用户的 CadreCare 文件夹） / data folder (default: this user’s CadreCare folder)',
  '  --port 端口         端口，默认 5170；被占用时另选一个 / port, default 5170; another one when it is taken',
  '  -h, --help          显示本说明 / show this help',
].join('\n');

export type HostArgs =
  | { kind: 'run'; dataDir: string | undefined; port: number }
  | { kind: 'exit'; code: 0 | 2; text: string };

export const DEFAULT_PORT = 5170;

export function parseHostArgs(argv: readonly string[]): HostArgs {
  let values: { 'data-dir'?: string | undefined; port?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { kind: 'exit', code: 2, text: `命令行参数有误 / wrong argument: ${why}\n\n${HOST_USAGE}` };
  }
  if (values.help) return { kind: 'exit', code: 0, text: HOST_USAGE };
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') {
    return { kind: 'exit', code: 2, text: `--data-dir 后面要写一个文件夹 / --data-dir needs a folder\n\n${HOST_USAGE}` };
  }
  let port = DEFAULT_PORT;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      return { kind: 'exit', code: 2, text: `端口要写 0 到 65535 之间的整数，现在是“${values.port}” / --port takes a whole number from 0 to 65535\n\n${HOST_USAGE}` };
    }
  }
  return { kind: 'run', dataDir, port };
}

/**
 * The `cadrecare` command line: a trusted local admin tool over the same services as the app.
 *
 * Each command group lives in its own file under ./commands and exports `register(program, io)`;
 * add a group by writing such a file and listing it in COMMAND_GROUPS. A command validates its
 * input, does its work (throwing AppError on failure) and reports its result with `io.success`;
 * errors are reported here, once, so every command fails the same way.
 *
 * Exit codes: 0 success, 1 the operation failed (an AppError; its code is printed),
 * 2 the command line itself is wrong (unknown command or option, missing option or argument).
 */
import { Command, CommanderError } from 'commander';
import { AppError } from '../../shared/errors';
import { APP_VERSION } from '../version';
import { CliIo, processStreams, USAGE_CODE, type CliStreams } from './io';
import { register as registerInit } from './commands/init';
import { register as registerUsers } from './commands/users';
import { register as registerBackup } from './commands/backup';
import { register as registerRoster } from './commands/roster';
import { register as registerDemo } from './commands/demo';
import { register as registerVisits } from './commands/visits';
import { register as registerKeys } from './commands/keys';
import { register as registerPacket } from './commands/packet';
import { register as registerReport } from './commands/report';

export type CommandGroup = (program: Command, io: CliIo) => void;

export const COMMAND_GROUPS: readonly CommandGroup[] = [registerInit, registerUsers, registerBackup, registerRoster, registerDemo, registerVisits, registerKeys, registerPacket, registerReport];

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** `--json` anywhere before a `--`; known before parsing, so even usage errors come out as JSON. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** Builds the program for one run. It never exits the process and writes only to `io`. */
export function buildProgram(io: CliIo, groups: readonly CommandGroup[] = COMMAND_GROUPS): Command {
  const program = new Command('cadrecare');
  // Set before any subcommand is added: subcommands inherit both settings when they are created.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.streams.out(text),
      writeErr: (text) => io.streams.err(text),
      // Usage errors are reported by runCli in the CLI's own format (text or JSON).
      outputError: () => undefined,
    });
  program
    .description('CadreCare 离退休干部社区服务管理 — 命令行管理工具 / command-line admin tool')
    .version(APP_VERSION, '-V, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示命令的帮助 / show help for a command')
    .option('--json', '输出一个 JSON 对象 {ok, value | error}，供脚本使用 / machine-readable output')
    .addHelpText(
      'after',
      '\n每个命令都需要 --data-dir（没有默认值）。/ Every command needs --data-dir (no default).\n' +
        '退出码 / exit codes: 0 成功 success; 1 操作失败 failed (错误代码 error code printed); 2 用法错误 usage error.',
    );
  for (const register of groups) register(program, io);
  return program;
}

/** Runs one command line (without the node and script arguments) and answers its exit code. */
export async function runCli(argv: string[], streams: CliStreams = processStreams): Promise<number> {
  const io = new CliIo(streams, wantsJson(argv));
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
      const message =
        err.code === 'commander.help'
          ? 'A command is needed; see the help above.'
          : err.message.replace(/^error: /, '').trim();
      io.failure({ code: USAGE_CODE, message, details: { reason: err.code } });
      if (!io.json && err.code !== 'commander.help') io.streams.err('运行 cadrecare --help 查看用法 / run cadrecare --help for usage\n');
      return EXIT_USAGE;
    }
    if (err instanceof AppError) {
      io.failure(err.toShape());
      return EXIT_FAILED;
    }
    io.failure({ code: 'INTERNAL', message: `Something went wrong inside the CLI: ${err instanceof Error ? err.message : String(err)}` });
    return EXIT_FAILED;
  }
}

/**
 * The `cadrecare` command line: a trusted local admin tool over the same services as the app.
 *
 * Each command group lives in its own file under ./commands and exports `register(program, io)`;
 * add a group by writing such a file and listing it in COMMAND_GROUPS with the top-level command
 * names it registers. A run loads only the group its command line names (each group pulls in its
 * services, and loading all of them cost most of a command's time); help and unknown commands
 * load every group. A command validates its
 * input, does its work (throwing AppError on failure) and reports its result with `io.success`;
 * errors are reported here, once, so every command fails the same way.
 *
 * Exit codes: 0 success, 1 the operation failed (an AppError; its code is printed),
 * 2 the command line itself is wrong (unknown command or option, missing option or argument).
 */
import { addUnlockOptions, resetUnlock } from './unlock';
import { Command, CommanderError } from 'commander';
import { AppError } from '../../shared/errors';
import { APP_VERSION } from '../version';
import { CliIo, processStreams, USAGE_CODE, type CliStreams } from './io';
import { owningGroup } from './groups';
export type CommandGroup = (program: Command, io: CliIo) => void;

/** One file of ./commands: the top-level commands it registers, and how to load it. */
export interface CommandGroupEntry {
  readonly names: readonly string[];
  readonly load: () => Promise<{ register: CommandGroup }>;
}

export const COMMAND_GROUPS: readonly CommandGroupEntry[] = [
  { names: ['init'], load: () => import('./commands/init') },
  { names: ['users'], load: () => import('./commands/users') },
  { names: ['backup', 'restore'], load: () => import('./commands/backup') },
  { names: ['roster'], load: () => import('./commands/roster') },
  { names: ['demo'], load: () => import('./commands/demo') },
  { names: ['visits'], load: () => import('./commands/visits') },
  { names: ['keys'], load: () => import('./commands/keys') },
  { names: ['packet'], load: () => import('./commands/packet') },
  { names: ['report'], load: () => import('./commands/report') },
];

/**
 * The groups a command line needs: the one owning its first word (or the word after `help`), else
 * all of them, so that help lists every command and an unknown one is refused as before.
 */
export function groupsFor(argv: readonly string[], groups: readonly CommandGroupEntry[] = COMMAND_GROUPS): readonly CommandGroupEntry[] {
  const owner = owningGroup(argv, groups);
  return owner ? [owner] : groups;
}

/** Loads the groups' files, keeping their order. */
export async function loadGroups(entries: readonly CommandGroupEntry[]): Promise<CommandGroup[]> {
  return (await Promise.all(entries.map((e) => e.load()))).map((m) => m.register);
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** `--json` anywhere before a `--`; known before parsing, so even usage errors come out as JSON. */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** Builds the program for one run. It never exits the process and writes only to `io`. */
export function buildProgram(io: CliIo, groups: readonly CommandGroup[]): Command {
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
  addUnlockOptions(program);
  return program;
}

/** Runs one command line (without the node and script arguments) and answers its exit code. */
export async function runCli(argv: string[], streams: CliStreams = processStreams): Promise<number> {
  const io = new CliIo(streams, wantsJson(argv));
  const program = buildProgram(io, await loadGroups(groupsFor(argv)));
  try {
    resetUnlock();
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

/**
 * dist/main/cli.js, the `cadrecare` command's entry: picks the bundle of the command group the
 * command line names and runs it with V8's code cache (main/codeCache.ts).
 *
 * scripts/build-main.mjs builds the command line as one CommonJS bundle per command group (holding
 * only that group's code) plus one with every group (help, the version, unknown commands). This
 * entry chooses among them with the rule the program itself uses to load a group (owningGroup).
 * A command line asking only for the version is answered here, as the program would answer it:
 * loading the bundle with every group for it cost several times a bare Node start.
 */
import { runBundle, type BuiltBundle } from '../codeCache';
import { APP_VERSION } from '../version';
import { owningGroup } from './groups';

/** A command group's bundle, as the build wrote it. */
export interface CliBundle extends BuiltBundle {
  /** The top-level commands of the group (COMMAND_GROUPS' names). */
  readonly names: readonly string[];
}

export interface CliBuild {
  readonly groups: readonly CliBundle[];
  /** The bundle with every group, for help, the version and unknown commands. */
  readonly all: CliBundle;
}

/** The bundle a command line runs: its group's, else the one with every group. */
export function bundleFor(argv: readonly string[], build: CliBuild): CliBundle {
  return owningGroup(argv, build.groups) ?? build.all;
}

/** True for a command line of nothing but `--version` / `-V` (and `--json`, which the version's output ignores). */
export function asksOnlyVersion(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--version' || a === '-V') && argv.every((a) => a === '--version' || a === '-V' || a === '--json');
}

/** Starts the command line of this process from the build's bundles in `dir`. */
export function launch(build: CliBuild, dir: string): void {
  const argv = process.argv.slice(2);
  if (asksOnlyVersion(argv)) {
    process.stdout.write(`${APP_VERSION}\n`);
    return;
  }
  runBundle(dir, bundleFor(argv, build));
}

/** The `cadrecare` command (bundled to dist/main/cli.js): runs the command line, sets the exit code. */
import { runCli } from './program';
import { keepNewFilesPrivate } from '../db/privacy';

keepNewFilesPrivate();

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

// Browser mode's command line: `--help` and mistyped flags print the usage and exit without opening
// (or creating) any data folder; the desktop entry answers --help the same way.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_USAGE, parseHostArgs } from '../../main/host/args';
import { DESKTOP_USAGE, desktopHelpRequested } from '../../main/electron/runtime';
import { hostCommand, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/app';

function runHost(args: string[], home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [command, ...first] = hostCommand() as [string, ...string[]];
  return new Promise((resolve) => {
    execFile(
      command,
      [...first, ...args],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), APPDATA: path.join(home, 'AppData') } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('browser mode command line', () => {
  it('reads the data folder and port, and refuses what it does not know with the usage', () => {
    expect(parseHostArgs(['--data-dir', '/srv/office', '--port', '0'])).toEqual({ kind: 'run', dataDir: '/srv/office', port: 0 });
    expect(parseHostArgs([])).toEqual({ kind: 'run', dataDir: undefined, port: 5170 });
    expect(parseHostArgs(['-h'])).toEqual({ kind: 'exit', code: 0, text: HOST_USAGE });
    for (const wrong of [['--bogus'], ['--data-dir'], ['--data-dir', ''], ['--port', 'abc'], ['--port', '70000'], ['stray']]) {
      const parsed = parseHostArgs(wrong);
      expect(parsed.kind, wrong.join(' ')).toBe('exit');
      if (parsed.kind === 'exit') {
        expect(parsed.code).toBe(2);
        expect(parsed.text).toContain('用法');
      }
    }
  });

  it('prints the usage for --help and a mistyped flag as a real process, and creates no data folder', async () => {
    const home = tempDir();
    const help = await runHost(['--help'], home);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--data-dir');
    const wrong = await runHost(['--dta-dir', path.join(home, 'office')], home);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('命令行参数有误');
    expect(fs.readdirSync(home)).toEqual([]);
  }, 120_000);

  it('the desktop app answers --help with its own usage', () => {
    expect(desktopHelpRequested(['/opt/CadreCare/cadrecare', '--help'])).toBe(true);
    expect(desktopHelpRequested(['/opt/CadreCare/cadrecare', '--data-dir', 'D', '--remote-debugging-port=0'])).toBe(false);
    expect(DESKTOP_USAGE).toContain('--data-dir');
  });
});

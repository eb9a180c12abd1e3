/**
 * The crash tests' harness: a child process doing the work under test, killed with SIGKILL at a
 * chosen moment (test/integration/packets-crash.test.ts, upgrade-kill.test.ts); the moments come
 * from `prng` (test/helpers/prng.ts).
 */
import { spawn } from 'node:child_process';

export interface KillRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether it was killed (rather than ending by itself first). */
  killed: boolean;
  /** From the start (or the "go", with `handshake`) to the end. */
  ms: number;
  /** When `mark` first answered true, from the same start; null if it never did. */
  markAtMs: number | null;
  stdout: string;
  stderr: string;
}

/** When to kill: this long after the start, or after the mark; never when null. */
export type KillAt = { after: 'start' | 'mark'; ms: number } | null;

export interface KillOptions {
  cwd?: string;
  /** The child says "ready" on stdout when set up and waits for a line on stdin: the clock starts at the "go" it is sent. */
  handshake?: boolean;
  /** Something that shows from outside how far the child is (a file appearing), looked at every 2 ms. */
  mark?: () => boolean;
  kill: KillAt;
}

/** Runs `command` and kills it as `kill` says; answers how it ended (it never rejects on the child's exit code). */
export function runAndKill(command: string, args: string[], options: KillOptions): Promise<KillRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(options.cwd ? { cwd: options.cwd } : {}) });
    // Nothing to say to a child without the handshake: its stdin is closed, as if it were ignored.
    if (!options.handshake) child.stdin.end();
    let stdout = '';
    let stderr = '';
    let started = options.handshake ? 0 : performance.now();
    let markAtMs: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    const killIn = (ms: number) => {
      timer = setTimeout(() => child.kill('SIGKILL'), ms);
    };
    if (!options.handshake && options.kill?.after === 'start') killIn(options.kill.ms);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (options.handshake && started === 0 && stdout.includes('ready\n')) {
        started = performance.now();
        child.stdin.write('go\n');
        if (options.kill?.after === 'start') killIn(options.kill.ms);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const watch = options.mark
      ? setInterval(() => {
          if (markAtMs !== null || started === 0 || !options.mark?.()) return;
          markAtMs = performance.now() - started;
          if (options.kill?.after === 'mark') killIn(options.kill.ms);
        }, 2)
      : null;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (watch) clearInterval(watch);
      resolve({ code, signal, killed: signal === 'SIGKILL', ms: started ? performance.now() - started : 0, markAtMs, stdout, stderr });
    });
  });
}

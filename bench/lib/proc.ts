/**
 * Child processes measured from outside: wall time, peak memory and bytes written, as GNU time
 * reports them for the process itself (never for the parent, whose peak a child's own
 * resourceUsage() would still show on Linux). Falls back to the wall time alone where
 * /usr/bin/time is missing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

export interface Measured {
  ms: number;
  /** Peak resident memory of the process (VmHWM), MB; NaN without /usr/bin/time. */
  peakMb: number;
  /** Bytes the process wrote to files (its block output), MB; NaN without /usr/bin/time. */
  writtenMb: number;
  /**
   * CPU time the process (and its children) used, user + system, ms; NaN without /usr/bin/time. On a
   * shared machine the wall time also holds the waits for a core: this is what the work itself cost.
   */
  cpuMs: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; with `shell`, `cmd` is a bash script (pipefail on) measured as a whole. */
export function measure(cmd: string, args: readonly string[], options: { cwd?: string; shell?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  const stats = path.join(os.tmpdir(), `cadrecare-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const argv = options.shell ? ['bash', '-o', 'pipefail', '-c', cmd] : [cmd, ...args];
  const full = GNU_TIME ? [GNU_TIME, '-f', '%M %O %U %S', '-o', stats, ...argv] : argv;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(full[0] as string, full.slice(1), { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = performance.now() - started;
      let peakMb = Number.NaN;
      let writtenMb = Number.NaN;
      let cpuMs = Number.NaN;
      try {
        const text = fs.readFileSync(stats, 'utf8').trim().split('\n').pop() ?? '';
        const [kb, blocks, user, system] = text.split(' ').map(Number);
        peakMb = (kb ?? Number.NaN) / 1024;
        cpuMs = ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000;
        // GNU time's %O: file system outputs in 512-byte units (Linux counts the bytes a process dirtied).
        writtenMb = ((blocks ?? Number.NaN) * 512) / 1e6;
      } catch {
        // no figures: the wall time stands alone
      } finally {
        fs.rmSync(stats, { force: true });
      }
      resolve({ ms, peakMb, writtenMb, cpuMs, status, stdout, stderr });
    });
  });
}

export function requireOk(m: Measured, what: string): Measured {
  if (m.status !== 0) throw new Error(`${what} failed (${m.status}): ${m.stderr.slice(-2000) || m.stdout.slice(-2000)}`);
  return m;
}

/** Total size of the files under a folder, bytes. */
export function folderBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
  }
  return total;
}

/** min / median / max of a few runs. */
export function spread(values: readonly number[]): { min: number; median: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0] ?? Number.NaN, median: s[Math.floor((s.length - 1) / 2)] ?? Number.NaN, max: s[s.length - 1] ?? Number.NaN };
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function loadNow(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

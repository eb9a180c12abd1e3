/**
 * What a benchmark is: a function that takes the shared context and returns tables of figures.
 * run.ts prints the tables; nothing here asserts or fails on a figure (ARCHITECTURE.md "Testing").
 */
import type { CountyFixture } from './county';

export type Cell = string | number;

export interface BenchTable {
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Lines printed under the table: targets, caveats, query plans. */
  notes?: string[];
}

export interface BenchContext {
  seed: number;
  /** Queries (or repetitions) per measured kind. */
  queries: number;
  /** The county-size database, built on first use or reused from the cache. */
  county(): Promise<CountyFixture>;
  /** Progress for a person watching; goes to stderr so the tables stay clean. */
  log(line: string): void;
  /** The bureau benchmark: how many offices send it packets, and persons per office. */
  offices?: number | undefined;
  officePersons?: number | undefined;
  /** Parts of a benchmark to run (`--parts worklist`): the benchmark names its parts; all when left out. */
  parts?: ReadonlySet<string> | undefined;
}

/** Whether a benchmark runs a part of itself: every part unless `--parts` named some. */
export function wantsPart(ctx: BenchContext, part: string): boolean {
  return ctx.parts === undefined || ctx.parts.has(part);
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchTable[]>;
}

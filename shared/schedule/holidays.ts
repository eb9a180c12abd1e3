import { Lunar } from 'lunar-typescript';

/** Lunar conversions are slow next to planning; each year's dates are computed once. */
const cache = new Map<string, string>();

function memo(key: string, compute: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** 春节: the first day of the first lunar month of `year`, as a solar date. */
export function springFestival(year: number): string {
  return memo(`sf:${year}`, () => Lunar.fromYmd(year, 1, 1).getSolar().toYmd());
}

/** 重阳节: the ninth day of the ninth lunar month. */
export function chongyang(year: number): string {
  return memo(`cy:${year}`, () => Lunar.fromYmd(year, 9, 9).getSolar().toYmd());
}

/** 七一: the Party's founding day, 1 July. */
export function partyDay(year: number): string {
  return `${year}-07-01`;
}

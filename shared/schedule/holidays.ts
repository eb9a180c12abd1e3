import { Lunar } from 'lunar-typescript';

/** 春节: the first day of the first lunar month of `year`, as a solar date. */
export function springFestival(year: number): string {
  return Lunar.fromYmd(year, 1, 1).getSolar().toYmd();
}

/** 重阳节: the ninth day of the ninth lunar month. */
export function chongyang(year: number): string {
  return Lunar.fromYmd(year, 9, 9).getSolar().toYmd();
}

/** 七一: the Party's founding day, 1 July. */
export function partyDay(year: number): string {
  return `${year}-07-01`;
}

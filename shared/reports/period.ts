/**
 * Periods of the statistics, written as short text so the same spelling works in the address bar,
 * on the command line and in a frozen report:
 *
 *   2026                     the year
 *   2026-Q4                  a quarter
 *   2026-11                  a month
 *   2026-12-31               a day (figures "as of" it)
 *   2026-11-05..2026-12-05   a range of days, both included
 *   chongyang:2026           a campaign of a year (春节 spring_festival, 重阳 chongyang, 七一 party_day, 整寿 birthday)
 *
 * Pure code (both sides use it): parsing, the dates a period covers, and how a period meets today
 * and the day the office began keeping records here. A period that has not begun, or that ended
 * before the office kept any records, is refused with its own code instead of giving a count that
 * looks real and is not; one that is still running is counted up to today and says so.
 */
import { AppError } from '../errors';
import { daysInMonth, parseYmd } from '../calendar';

export const CAMPAIGNS = ['spring_festival', 'chongyang', 'party_day', 'birthday'] as const;
export type Campaign = (typeof CAMPAIGNS)[number];

export type Period =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'date'; date: string }
  | { kind: 'range'; from: string; to: string }
  | { kind: 'campaign'; campaign: Campaign; year: number };

export type PeriodKind = Period['kind'];

/** How an indicator reads a period: a state on a day, a flow over days, or a campaign of a year. */
export type PeriodUse = 'asOf' | 'range' | 'campaign';

/** The period kinds each use accepts. */
export const PERIOD_KINDS_OF: Record<PeriodUse, readonly PeriodKind[]> = {
  asOf: ['date', 'month', 'quarter', 'year', 'range'],
  range: ['month', 'quarter', 'year', 'range'],
  campaign: ['year', 'campaign'],
};

const YEAR_MIN = 1990;
const YEAR_MAX = 2200;
const validYear = (y: number) => Number.isInteger(y) && y >= YEAR_MIN && y <= YEAR_MAX;
const pad = (n: number) => String(n).padStart(2, '0');

function day(text: string): string | null {
  const ymd = parseYmd(text);
  return ymd && validYear(ymd.year) ? text : null;
}

/** The period a text spells, or null when it spells none. */
export function parsePeriod(raw: string): Period | null {
  const text = raw.trim();
  let m = /^(\d{4})$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    return validYear(year) ? { kind: 'year', year } : null;
  }
  m = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (m) {
    const year = Number(m[1]);
    return validYear(year) ? { kind: 'quarter', year, quarter: Number(m[2]) as 1 | 2 | 3 | 4 } : null;
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return validYear(year) && month >= 1 && month <= 12 ? { kind: 'month', year, month } : null;
  }
  m = /^(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m) {
    const date = day(m[1] as string);
    return date ? { kind: 'date', date } : null;
  }
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m) {
    const from = day(m[1] as string);
    const to = day(m[2] as string);
    return from && to && from <= to ? { kind: 'range', from, to } : null;
  }
  m = /^([a-z_]+):(\d{4})$/.exec(text);
  if (m && (CAMPAIGNS as readonly string[]).includes(m[1] as string)) {
    const year = Number(m[2]);
    return validYear(year) ? { kind: 'campaign', campaign: m[1] as Campaign, year } : null;
  }
  return null;
}

/** The canonical text of a period (parsePeriod(periodText(p)) gives p back). */
export function periodText(p: Period): string {
  switch (p.kind) {
    case 'year':
      return String(p.year);
    case 'quarter':
      return `${p.year}-Q${p.quarter}`;
    case 'month':
      return `${p.year}-${pad(p.month)}`;
    case 'date':
      return p.date;
    case 'range':
      return `${p.from}..${p.to}`;
    case 'campaign':
      return `${p.campaign}:${p.year}`;
  }
}

/** The first and last day the period covers. */
export function periodDays(p: Period): { from: string; to: string } {
  switch (p.kind) {
    case 'year':
    case 'campaign':
      return { from: `${p.year}-01-01`, to: `${p.year}-12-31` };
    case 'quarter': {
      const first = (p.quarter - 1) * 3 + 1;
      const last = first + 2;
      return { from: `${p.year}-${pad(first)}-01`, to: `${p.year}-${pad(last)}-${pad(daysInMonth(p.year, last))}` };
    }
    case 'month':
      return { from: `${p.year}-${pad(p.month)}-01`, to: `${p.year}-${pad(p.month)}-${pad(daysInMonth(p.year, p.month))}` };
    case 'date':
      return { from: p.date, to: p.date };
    case 'range':
      return { from: p.from, to: p.to };
  }
}

export interface ResolvedPeriod {
  /** The canonical text. */
  text: string;
  kind: PeriodKind;
  /** The days the period covers as asked. */
  from: string;
  to: string;
  /** The day counted to: the period's last day, or today while it is still running. */
  asOf: string;
  /** The period has not ended yet: figures are counted to today. */
  running: boolean;
  /** The office began keeping records here inside the period: figures before that day are missing. */
  startsBeforeRecords: boolean;
  /** The day the office began keeping records here. */
  recordsFrom: string;
  /** For a campaign indicator: which campaign and year. */
  campaign: { campaign: Campaign; year: number } | null;
}

/**
 * The period as an indicator of `use` reads it, on `today`, for an office whose records begin on
 * `recordsFrom`. `campaign` is the indicator's own campaign (a plain year then means that campaign
 * of the year). Refusals: PERIOD_KIND_NOT_ALLOWED (e.g. a day for a flow), PERIOD_IN_FUTURE (not
 * begun), PERIOD_BEFORE_RECORDS (ended before the office kept records here).
 */
export function resolvePeriod(p: Period, use: PeriodUse, today: string, recordsFrom: string, campaign: Campaign | null = null): ResolvedPeriod {
  const text = periodText(p);
  if (!PERIOD_KINDS_OF[use].includes(p.kind)) {
    throw new AppError('PERIOD_KIND_NOT_ALLOWED', `This figure is not counted for a period like ${text}.`, { period: text, use, kinds: PERIOD_KINDS_OF[use] });
  }
  if (p.kind === 'campaign' && campaign !== null && p.campaign !== campaign) {
    throw new AppError('PERIOD_KIND_NOT_ALLOWED', `This figure counts another campaign than ${p.campaign}.`, { period: text, use, kinds: PERIOD_KINDS_OF[use] });
  }
  const { from, to } = periodDays(p);
  if (from > today) throw new AppError('PERIOD_IN_FUTURE', `The period ${text} has not begun yet.`, { period: text, from, today });
  if (to < recordsFrom) throw new AppError('PERIOD_BEFORE_RECORDS', `The office keeps records here from ${recordsFrom}; ${text} ended before that.`, { period: text, recordsFrom });
  const running = to > today;
  const camp = use === 'campaign' ? { campaign: p.kind === 'campaign' ? p.campaign : (campaign ?? 'chongyang'), year: p.kind === 'campaign' || p.kind === 'year' ? p.year : Number(from.slice(0, 4)) } : null;
  return {
    text,
    kind: p.kind,
    from,
    to,
    asOf: running ? today : to,
    running,
    startsBeforeRecords: from < recordsFrom && p.kind !== 'date',
    recordsFrom,
    campaign: camp,
  };
}

/** Parses and resolves in one step; INVALID_INPUT for a text that spells no period. */
export function resolvePeriodText(text: string, use: PeriodUse, today: string, recordsFrom: string, campaign: Campaign | null = null): ResolvedPeriod {
  const p = parsePeriod(text);
  if (!p) throw new AppError('INVALID_INPUT', `Not a period: ${text}`, { issues: [{ path: 'period', message: 'report.periodFormat', code: 'custom' }] });
  return resolvePeriod(p, use, today, recordsFrom, campaign);
}

/** The period a reader means by default on `today`: this year. */
export function defaultPeriod(today: string): string {
  return today.slice(0, 4);
}

const CAMPAIGN_ZH: Record<Campaign, string> = { spring_festival: '春节', chongyang: '重阳节', party_day: '七一', birthday: '整寿生日' };
const CAMPAIGN_EN: Record<Campaign, string> = { spring_festival: 'Spring Festival', chongyang: 'Double Ninth', party_day: 'July 1st', birthday: 'milestone birthdays' };

export function campaignLabel(c: Campaign, language: 'zh-CN' | 'en' = 'zh-CN'): string {
  return language === 'zh-CN' ? CAMPAIGN_ZH[c] : CAMPAIGN_EN[c];
}

/** "2026年", "2026年第4季度", "2026年11月", "2026-12-31", "2026-11-05 至 2026-12-05", "2026年重阳节". */
export function periodLabel(p: Period, language: 'zh-CN' | 'en' = 'zh-CN'): string {
  const zh = language === 'zh-CN';
  switch (p.kind) {
    case 'year':
      return zh ? `${p.year}年` : String(p.year);
    case 'quarter':
      return zh ? `${p.year}年第${p.quarter}季度` : `Q${p.quarter} ${p.year}`;
    case 'month':
      return zh ? `${p.year}年${p.month}月` : `${p.year}-${pad(p.month)}`;
    case 'date':
      return zh ? `截至${p.date}` : `as of ${p.date}`;
    case 'range':
      return zh ? `${p.from} 至 ${p.to}` : `${p.from} to ${p.to}`;
    case 'campaign':
      return zh ? `${p.year}年${CAMPAIGN_ZH[p.campaign]}` : `${CAMPAIGN_EN[p.campaign]} ${p.year}`;
  }
}

/** The label of a period text; the text itself when it spells none. */
export function periodTextLabel(text: string, language: 'zh-CN' | 'en' = 'zh-CN'): string {
  const p = parsePeriod(text);
  return p ? periodLabel(p, language) : text;
}

/** The day before a YYYY-MM-DD day. */
export function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (d > 1) return `${y}-${pad(m)}-${pad(d - 1)}`;
  if (m > 1) return `${y}-${pad(m - 1)}-${pad(daysInMonth(y, m - 1))}`;
  return `${y - 1}-12-31`;
}

/** The YYYY-MM-DD day `n` days after (or before, negative) a day. */
export function addDays(date: string, n: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

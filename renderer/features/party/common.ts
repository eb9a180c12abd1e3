/**
 * What the 党组织 pages share: query keys, refreshing after a change, the words for coded values
 * and money in yuan (the contract carries fen).
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { z } from 'zod';
import { dateTextProblem, parseDateOrMonthText, parseDateText } from '../../../shared/dates';
import i18n from '../../i18n';
import { useServerToday } from '../../components/serverToday';
import { asciiDigits } from '../../../shared/digits';

export const partyKeys = {
  all: ['party'] as const,
  branches: (search = '', office = '') => ['party', 'branches', search, office] as const,
  branch: (id: string) => ['party', 'branch', id] as const,
  members: (query: unknown) => ['party', 'members', query] as const,
  person: (personId: string) => ['party', 'person', personId] as const,
  meetings: (query: unknown) => ['party', 'meetings', query] as const,
  life: (branchId: string, year: number) => ['party', 'life', branchId, year] as const,
  meeting: (id: string) => ['party', 'meeting', id] as const,
  expected: (branchId: string, date: string) => ['party', 'expected', branchId, date] as const,
  duesMonth: (branchId: string, month: string) => ['party', 'dues', branchId, month] as const,
  arrears: (query: unknown) => ['party', 'arrears', query] as const,
};

/** After a change every party view asks again, and the person pages too (their change history and party section). */
export const PARTY_WRITES: readonly QueryKey[] = [partyKeys.all, ['persons']];

export async function invalidateParty(queryClient: QueryClient): Promise<void> {
  await Promise.all(PARTY_WRITES.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export type PartyLabelSet = 'kind' | 'post' | 'relation' | 'mode' | 'endReason' | 'meetingKind' | 'meetingType';

/** The words for a coded value ('multi' → 一方隶属、多方管理); the code itself when unknown. */
export function partyLabel(set: PartyLabelSet, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  const key = `party.values.${set}.${code}`;
  return i18n.exists(key) ? i18n.t(key) : code;
}

export function partyOptions(set: PartyLabelSet, codes: readonly string[]): { value: string; label: string }[] {
  return codes.map((c) => ({ value: c, label: partyLabel(set, c) }));
}

/** 1250 → '12.50' */
export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** '12.5' → 1250; null when it is not an amount of money (at most two decimals). */
export function parseYuan(text: string): number | null {
  const trimmed = asciiDigits(text).trim();
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}

/**
 * Today as main counts it: dates filled in for the reader must not be "in the future" for main,
 * whose calendar may differ from the browser's near midnight.
 */
export function usePartyToday(): string {
  return useServerToday().today;
}

/**
 * A date box of a form: '' (no date) or a date. DateTextField passes unreadable text on as typed
 * (2026-02-30), and this refuses it, so what is saved is always what the box shows.
 */
export const formDate = z.string().superRefine((v, ctx) => {
  if (v.trim() !== '' && parseDateText(v) === null) ctx.addIssue({ code: 'custom', message: dateTextProblem(v) });
});
/** As formDate, where a year and month alone will do (入党时间 from an old file: 1975年7月). */
export const formDateOrMonth = z.string().superRefine((v, ctx) => {
  if (v.trim() === '' || parseDateOrMonthText(v) !== null) return;
  const problem = dateTextProblem(v);
  ctx.addIssue({ code: 'custom', message: problem === 'date.format' ? 'date.formatOrMonth' : problem });
});
export const requiredFormDate = formDate.refine((v) => v.trim() !== '', { message: 'party.dateRequired' });

/** '2026-11' → '2026年11月' (or 'Nov 2026'). */
export function monthText(month: string): string {
  const [y, m] = month.split('-');
  return i18n.t('party.monthText', { year: y, month: Number(m) });
}

/** Attendance as "8/10 人（80%）"; a dash when nobody was expected. */
export function rateText(present: number, expected: number): string {
  if (expected === 0) return '—';
  return i18n.t('party.meetings.rate', { present, expected, percent: Math.round((present / expected) * 100) });
}

/** Words listed the way the language lists them: 10月、11月 / month 10, month 11. */
export function joinList(items: string[]): string {
  return items.join(i18n.language.startsWith('zh') ? '、' : ', ');
}

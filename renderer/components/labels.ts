/**
 * The words and colours for coded values (male → 男, routine → 例行走访, overdue → red), shared by
 * every section that shows them.
 */
import type { AdlBand } from '../../shared/barthel';
import i18n from '../i18n';
import { partialDateText } from '../../shared/dates';

export type CodedField = 'gender' | 'retirementType' | 'unitLevel' | 'unitKind' | 'politicalStatus' | 'livingSituation' | 'status' | 'ageBand' | 'adlBand';

/** The words for a coded value of a person ('male' → 男); the code itself when unknown. */
export function valueLabel(field: CodedField, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  const key = `persons.values.${field}.${code}`;
  return i18n.exists(key) ? i18n.t(key) : code;
}

export type LabelSet = 'visitReason' | 'visitMethod' | 'visitStatus' | 'requestCategory' | 'requestStatus' | 'riskFlag' | 'cancelReason' | 'contactRole' | 'listOutcome' | 'listKind';

/** The words for a coded value of care (routine → 例行走访); the code itself when unknown. */
export function label(set: LabelSet, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  const key = `labels.${set}.${code}`;
  return i18n.exists(key) ? i18n.t(key) : code;
}

export function options(set: LabelSet, codes: readonly string[]): { value: string; label: string }[] {
  return codes.map((c) => ({ value: c, label: label(set, c) }));
}

export const BAND_COLOURS: Record<AdlBand, 'success' | 'info' | 'warning' | 'error'> = {
  intact: 'success',
  mild: 'info',
  moderate: 'warning',
  severe: 'error',
};

export const PERSON_STATUS_COLOURS = { active: 'success', moved_out: 'default', deceased: 'default' } as const;

export const VISIT_STATUS_COLOURS = {
  overdue: 'error',
  due: 'warning',
  upcoming: 'info',
  missed: 'default',
  done: 'success',
  cancelled: 'default',
} as const;

export const REQUEST_STATUS_COLOURS = { open: 'warning', in_progress: 'info', resolved: 'success', declined: 'default' } as const;

export const FLAG_COLOURS = { alone: 'warning', disabled: 'error', empty_nest_old: 'warning', high_risk: 'error' } as const;

/** "张三（13800000000）" for a user or contact, or the name alone. */
export function withPhone(name: string | null | undefined, phone: string | null | undefined): string {
  if (!name) return '';
  return phone ? `${name}（${phone}）` : name;
}

/** A file size in words: 12 KB, 3.4 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return i18n.t('size.kb', { value: Math.max(1, Math.round(bytes / 1024)) });
  return i18n.t('size.mb', { value: (bytes / (1024 * 1024)).toFixed(1) });
}

/** A stored date or year-and-month (离退休时间, 入党时间) as people read it: 2008年3月 for 2008-03. */
export function dateOrMonthText(value: string | null | undefined): string {
  if (!value) return '';
  return partialDateText(value, i18n.language === 'en' ? 'en' : 'zh-CN');
}

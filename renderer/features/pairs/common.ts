/**
 * What the pages of 结对帮扶 share: query keys, the words for coded values and the colours of the
 * contact reminder.
 */
import { z } from 'zod';
import i18n from '../../i18n';
import { parseDateText } from '../../../shared/dates';
import { dateSchema } from '../../../shared/schemas/common';
import type { DueStatus, PairSummary } from '../../../shared/schemas/pairs';

export const pairKeys = {
  all: ['pairs'] as const,
  list: (query: unknown) => ['pairs', 'list', query] as const,
  one: (id: string) => ['pairs', 'one', id] as const,
  person: (personId: string) => ['pairs', 'person', personId] as const,
};

export type PairLabelSet = 'helperKinds' | 'helpKinds' | 'frequencies' | 'methods' | 'due' | 'statuses';

export function pairLabel(set: PairLabelSet, code: string): string {
  return i18n.t(`pairs.${set}.${code}`);
}

export const DUE_COLOURS: Record<DueStatus, 'error' | 'warning' | 'success'> = { overdue: 'error', due: 'warning', ok: 'success' };

/** "周晓燕（志愿者）"; English takes ASCII brackets (full-width ones look like gaps there). */
export function helperText(p: Pick<PairSummary, 'helperName' | 'helperKind'>): string {
  return bracketed(p.helperName, pairLabel('helperKinds', p.helperKind));
}

/** "text（note）" in Chinese, "text (note)" in English. */
export function bracketed(text: string, note: string): string {
  return i18n.language.startsWith('zh') ? `${text}（${note}）` : `${text} (${note})`;
}

/**
 * The validation key of a refused field, from shared/schemas or main. The registry's date hint shows
 * a 1950 birthday; dates of pairs and contacts are recent, so their hint is too.
 */
export function problemKey(message: string): string {
  return message === 'date.format' ? 'pairs.dateFormat' : message;
}

/** A date of a pair or a contact in a form: dateSchema, with the hint of a recent date when it cannot be read. */
export const pairDateSchema = z
  .string()
  .refine((text) => parseDateText(text) !== null, { message: problemKey('date.format'), abort: true })
  .pipe(dateSchema);

export function helpKindsText(p: Pick<PairSummary, 'helpKinds'>): string {
  return p.helpKinds.map((k) => pairLabel('helpKinds', k)).join(i18n.language.startsWith('zh') ? '、' : ', ');
}

/**
 * What the pages of 结对帮扶 share: query keys, the words for coded values and the colours of the
 * contact reminder.
 */
import type { QueryClient } from '@tanstack/react-query';
import i18n, { fieldMessage } from '../../i18n';
import type { DueStatus, PairSummary } from '../../../shared/schemas/pairs';

export const pairKeys = {
  all: ['pairs'] as const,
  list: (query: unknown) => ['pairs', 'list', query] as const,
  one: (id: string) => ['pairs', 'one', id] as const,
  person: (personId: string) => ['pairs', 'person', personId] as const,
};

export async function invalidatePairs(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: pairKeys.all });
}

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
 * The words for a refused field (a validation key from shared/schemas or main). The registry's
 * date hint shows a 1950 birthday; dates of pairs and contacts are recent, so their hint is too.
 */
export function problemText(message: string): string {
  return fieldMessage(message === 'date.format' ? 'pairs.dateFormat' : message) ?? message;
}

/** The messages of a local parse, one per field (the first), keyed by the field's name. */
export function problemsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (out[field] === undefined) out[field] = problemText(issue.message);
  }
  return out;
}

export function helpKindsText(p: Pick<PairSummary, 'helpKinds'>): string {
  return p.helpKinds.map((k) => pairLabel('helpKinds', k)).join(i18n.language.startsWith('zh') ? '、' : ', ');
}

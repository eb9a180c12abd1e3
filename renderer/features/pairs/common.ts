/**
 * What the pages of 结对帮扶 share: query keys, the words for coded values and the colours of the
 * contact reminder.
 */
import type { QueryClient } from '@tanstack/react-query';
import i18n from '../../i18n';
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

/** "周晓燕（志愿者）" */
export function helperText(p: Pick<PairSummary, 'helperName' | 'helperKind'>): string {
  return `${p.helperName}（${pairLabel('helperKinds', p.helperKind)}）`;
}

export function helpKindsText(p: Pick<PairSummary, 'helpKinds'>): string {
  return p.helpKinds.map((k) => pairLabel('helpKinds', k)).join('、');
}

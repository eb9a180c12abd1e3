/** Small pieces the 原工作单位 pages share: query keys, invalidation, the default period of a feedback. */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { firstOfMonth, lastOfMonth, monthIndexOf } from '../../../shared/calendar';
import { personKeys } from '../../components/queryKeys';
import { localToday } from '../../components/serverToday';

export const unitKeys = {
  all: ['units'] as const,
  list: (query: unknown) => ['units', 'list', query] as const,
  detail: (id: string) => ['units', 'detail', id] as const,
  match: (query: unknown) => ['units', 'match', query] as const,
  feedback: (query: unknown) => ['units', 'feedback', query] as const,
  /** The units whose name (or department, contact…) holds the typed text, for the person form's picker. */
  choices: (search: string) => ['units', 'choices', search] as const,
};

/** What a unit's change touches: it can rewrite its persons' 原工作单位, so the registry is read again too. */
export const UNIT_WRITES: readonly QueryKey[] = [unitKeys.all, personKeys.all];

export async function invalidateUnits(queryClient: QueryClient): Promise<void> {
  await Promise.all(UNIT_WRITES.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** The quarter before the one `today` (YYYY-MM-DD) is in: feedback to units is usually quarterly (上一季度). */
export function lastQuarter(today: string = localToday()): { from: string; to: string } {
  const month = monthIndexOf(today);
  const first = month - (month % 12) % 3 - 3;
  return { from: firstOfMonth(first), to: lastOfMonth(first + 2) };
}

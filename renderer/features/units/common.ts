/** Small pieces the 原工作单位 pages share: query keys, invalidation, the default period of a feedback. */
import type { QueryClient } from '@tanstack/react-query';
import { personKeys } from '../../components/queryKeys';

export const unitKeys = {
  all: ['units'] as const,
  list: (query: unknown) => ['units', 'list', query] as const,
  detail: (id: string) => ['units', 'detail', id] as const,
  match: (query: unknown) => ['units', 'match', query] as const,
  feedback: (query: unknown) => ['units', 'feedback', query] as const,
  /** The units whose name (or department, contact…) holds the typed text, for the person form's picker. */
  choices: (search: string) => ['units', 'choices', search] as const,
};

/** A unit's change can rewrite its persons' 原工作单位, so the registry is read again too. */
export async function invalidateUnits(queryClient: QueryClient): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: unitKeys.all }), queryClient.invalidateQueries({ queryKey: personKeys.all })]);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The quarter before the one `today` is in: feedback to units is usually quarterly (上一季度). */
export function lastQuarter(today: Date = new Date()): { from: string; to: string } {
  const q = Math.floor(today.getMonth() / 3);
  const year = q === 0 ? today.getFullYear() - 1 : today.getFullYear();
  const startMonth = q === 0 ? 9 : (q - 1) * 3; // 0-based
  const endDay = new Date(year, startMonth + 3, 0).getDate();
  return { from: `${year}-${pad(startMonth + 1)}-01`, to: `${year}-${pad(startMonth + 3)}-${pad(endDay)}` };
}

/**
 * What the pages of 网格与联系, 走访, 服务需求 and the printed lists share: query keys, who may do
 * what, the words for the coded values (reasons, methods, categories, statuses, risk flags) and the
 * lists every form picks from (grids, users who can be responsible for persons).
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { FIELD_WORKERS, READERS, WRITERS } from '../../../shared/roles';
import i18n from '../../i18n';
import { request } from '../../rpc';
import { useSession } from '../../state';

export const careKeys = {
  grids: ['grids'] as const,
  grid: (id: string) => ['grids', id] as const,
  users: ['assignments', 'users'] as const,
  contacts: (personId: string) => ['assignments', 'person', personId] as const,
  unassigned: (query: unknown) => ['assignments', 'unassigned', query] as const,
  worklist: (query: unknown) => ['visits', 'worklist', query] as const,
  personVisits: (personId: string) => ['visits', 'person', personId] as const,
  requests: (query: unknown) => ['requests', query] as const,
  lists: (query: unknown) => ['lists', query] as const,
  list: (listNo: string) => ['lists', 'one', listNo] as const,
};

/**
 * After a change that touches persons' care (an assignment, a visit, a request, results of a list):
 * every view of it asks again, including the registry's person pages.
 */
export async function invalidateCare(queryClient: QueryClient): Promise<void> {
  await Promise.all(
    ['grids', 'assignments', 'visits', 'requests', 'lists', 'persons'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
  );
}

/** Staff and admins change grids, assignments and requests. */
export function useCanManage(): boolean {
  const { user } = useSession();
  return WRITERS.includes(user.role);
}

/** Staff, admins and grid workers record visits, raise needs, print lists and enter results. */
export function useCanVisit(): boolean {
  const { user } = useSession();
  return FIELD_WORKERS.includes(user.role);
}

/** Everyone but grid workers may look at other users' caseloads (and list the users). */
export function useSeesOthers(): boolean {
  const { user } = useSession();
  return READERS.includes(user.role);
}

export function useGrids() {
  return useQuery({ queryKey: careKeys.grids, queryFn: () => request('grids.list', {}), staleTime: 30_000 });
}

/** Users who can be responsible for persons (not asked for by grid workers, who may not list users). */
export function useContactUsers() {
  const seesOthers = useSeesOthers();
  return useQuery({ queryKey: careKeys.users, queryFn: () => request('assignments.users', {}), enabled: seesOthers, staleTime: 30_000 });
}

export type LabelSet = 'visitReason' | 'visitMethod' | 'visitStatus' | 'requestCategory' | 'requestStatus' | 'riskFlag' | 'cancelReason' | 'contactRole' | 'listOutcome' | 'listKind';

/** The words for a coded value (routine → 例行走访); the code itself when unknown. */
export function label(set: LabelSet, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  const key = `labels.${set}.${code}`;
  return i18n.exists(key) ? i18n.t(key) : code;
}

export function options(set: LabelSet, codes: readonly string[]): { value: string; label: string }[] {
  return codes.map((c) => ({ value: c, label: label(set, c) }));
}

export const STATUS_COLOURS = {
  overdue: 'error',
  due: 'warning',
  upcoming: 'info',
  missed: 'default',
  done: 'success',
  cancelled: 'default',
} as const;

export const REQUEST_STATUS_COLOURS = { open: 'warning', in_progress: 'info', resolved: 'success', declined: 'default' } as const;

export const FLAG_COLOURS = { alone: 'warning', disabled: 'error', empty_nest_old: 'warning', high_risk: 'error' } as const;

export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}

export function addDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

/** "张三（13800000000）" for a user or contact, or the name alone. */
export function withPhone(name: string | null | undefined, phone: string | null | undefined): string {
  if (!name) return '';
  return phone ? `${name}（${phone}）` : name;
}

/**
 * Today as main counts it (the office's calendar date, from the worklist answer): dates filled in
 * for the reader must not be "in the future" for main. The reader's own date until it is known.
 */
export function useServerToday(): { today: string; known: boolean } {
  const answer = useQuery({
    queryKey: ['visits', 'today'],
    queryFn: async () => (await request('visits.worklist', { limit: 1, upcomingDays: 0 })).today,
    staleTime: 60_000,
  });
  return { today: answer.data ?? today(), known: answer.data !== undefined || answer.isError };
}

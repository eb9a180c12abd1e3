/**
 * The query keys of data several sections show, and what to refresh after a write that changes it.
 * A key's first part names the area it comes from, so invalidating `['persons']` refreshes every view
 * of persons whatever section shows it.
 */
import type { QueryKey } from '@tanstack/react-query';

export const personKeys = {
  all: ['persons'] as const,
  list: (query: unknown) => ['persons', 'list', query] as const,
  detail: (id: string) => ['persons', 'detail', id] as const,
  history: (id: string) => ['persons', 'history', id] as const,
  grids: ['persons', 'grids'] as const,
};

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
 * What a change to persons' care touches (an assignment, a visit, a request, results of a list):
 * every view of it asks again, including the registry's person pages.
 */
export const CARE_KEYS: readonly QueryKey[] = [['grids'], ['assignments'], ['visits'], ['requests'], ['lists'], ['persons']];

/**
 * What a change to a person's record touches besides the registry: a new person, a status change or a
 * new address plans, ends or moves visits and changes who is in which grid, so the care views ask again.
 */
export const PERSON_WRITES: readonly QueryKey[] = CARE_KEYS;

/** The office's users: the users page and every picker of a responsible user (网格员, 联系人). */
export const userKeys = {
  all: ['users'] as const,
};
export const USER_WRITES: readonly QueryKey[] = [userKeys.all, careKeys.users, ['grids']];

/**
 * A packet import, its undo or a conflict's resolution may change any record: every view asks again
 * (the empty key is a prefix of every key).
 */
export const EVERY_KEY: readonly QueryKey[] = [[]];

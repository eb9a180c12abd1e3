/**
 * The list's search, filters, sort and page live in the address (#/persons?q=…&grid=…), so the
 * back button and "返回名单" come back to the same view.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ChannelInput } from '../../../../shared/contract';
import { ADL_BANDS } from '../../../../shared/barthel';
import { CAPABILITY_GRADES } from '../../../../shared/capability/gbt42195';
import { AGE_BANDS, LIVING_SITUATIONS, PERSON_STATUSES, POLITICAL_STATUSES, UNIT_LEVELS, type PERSON_SORTS } from '../../../../shared/schemas/persons';

export const STATUS_FILTERS = [...PERSON_STATUSES, 'all'] as const;

/** The select filters, each with its allowed codes ('' = any). */
export const SELECT_FILTERS = {
  unitLevel: UNIT_LEVELS,
  ageBand: AGE_BANDS,
  livingSituation: LIVING_SITUATIONS,
  adlBand: ADL_BANDS,
  capabilityGrade: [...CAPABILITY_GRADES, 'unassessed'] as const,
  politicalStatus: POLITICAL_STATUSES,
} as const;
export type SelectFilter = keyof typeof SELECT_FILTERS;

export interface ListState {
  q: string;
  grid: string;
  unitLevel: string;
  ageBand: string;
  livingSituation: string;
  adlBand: string;
  capabilityGrade: string;
  politicalStatus: string;
  /** At the county bureau: one office's persons (origin_office), or '' for all. */
  office: string;
  status: (typeof STATUS_FILTERS)[number];
  /** The grid column sorted by, or '' for the default (name). */
  sortField: string;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100];
const DEFAULTS: ListState = {
  q: '',
  grid: '',
  unitLevel: '',
  ageBand: '',
  livingSituation: '',
  adlBand: '',
  capabilityGrade: '',
  politicalStatus: '',
  office: '',
  status: 'active',
  sortField: '',
  dir: 'asc',
  page: 0,
  pageSize: 50,
};

type Sort = (typeof PERSON_SORTS)[number];

/** Columns the server can sort by: the contract's sort, reversed for age (older = earlier birth). */
export const SORTABLE: Record<string, { sort: Sort; invert?: boolean }> = {
  name: { sort: 'name' },
  age: { sort: 'birthDate', invert: true },
  birthDate: { sort: 'birthDate' },
  address: { sort: 'address' },
  createdAt: { sort: 'createdAt' },
  updatedAt: { sort: 'updatedAt' },
};

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

function readState(sp: URLSearchParams): ListState {
  const page = Number(sp.get('page') ?? 0);
  const pageSize = Number(sp.get('size') ?? DEFAULTS.pageSize);
  const sortField = sp.get('sort') ?? '';
  return {
    q: (sp.get('q') ?? '').slice(0, 60),
    grid: (sp.get('grid') ?? '').slice(0, 60),
    unitLevel: pick(sp.get('unitLevel'), UNIT_LEVELS),
    ageBand: pick(sp.get('ageBand'), AGE_BANDS),
    livingSituation: pick(sp.get('livingSituation'), LIVING_SITUATIONS),
    adlBand: pick(sp.get('adlBand'), ADL_BANDS),
    capabilityGrade: pick(sp.get('capabilityGrade'), SELECT_FILTERS.capabilityGrade),
    politicalStatus: pick(sp.get('politicalStatus'), POLITICAL_STATUSES),
    office: /^[0-9A-Za-z_-]{1,64}$/.test(sp.get('office') ?? '') ? (sp.get('office') as string) : '',
    status: pick(sp.get('status'), STATUS_FILTERS) || 'active',
    sortField: sortField in SORTABLE ? sortField : '',
    dir: sp.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 0 ? page : 0,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULTS.pageSize,
  };
}

const PARAM_OF: Record<keyof ListState, string> = {
  q: 'q',
  grid: 'grid',
  unitLevel: 'unitLevel',
  ageBand: 'ageBand',
  livingSituation: 'livingSituation',
  adlBand: 'adlBand',
  capabilityGrade: 'capabilityGrade',
  politicalStatus: 'politicalStatus',
  office: 'office',
  status: 'status',
  sortField: 'sort',
  dir: 'dir',
  page: 'page',
  pageSize: 'size',
};

function writeState(state: ListState): URLSearchParams {
  const sp = new URLSearchParams();
  for (const key of Object.keys(PARAM_OF) as (keyof ListState)[]) {
    if (state[key] !== DEFAULTS[key]) sp.set(PARAM_OF[key], String(state[key]));
  }
  return sp;
}

/** The filters of the contract's list and export calls. */
export function filtersOf(s: ListState): ChannelInput<'roster.export'> {
  const sort = SORTABLE[s.sortField];
  const direction = sort?.invert ? (s.dir === 'asc' ? 'desc' : 'asc') : s.dir;
  return {
    search: s.q,
    grid: s.grid || undefined,
    unitLevel: (s.unitLevel || undefined) as ChannelInput<'persons.list'>['unitLevel'],
    ageBand: (s.ageBand || undefined) as ChannelInput<'persons.list'>['ageBand'],
    livingSituation: (s.livingSituation || undefined) as ChannelInput<'persons.list'>['livingSituation'],
    adlBand: (s.adlBand || undefined) as ChannelInput<'persons.list'>['adlBand'],
    capabilityGrade: (s.capabilityGrade || undefined) as ChannelInput<'persons.list'>['capabilityGrade'],
    politicalStatus: (s.politicalStatus || undefined) as ChannelInput<'persons.list'>['politicalStatus'],
    office: s.office || undefined,
    status: s.status,
    sort: sort?.sort ?? 'name',
    direction: sort ? direction : 'asc',
  };
}

/** The state after a change: any change but the page's goes back to the first page. */
export function patched(current: ListState, patch: Partial<ListState>): ListState {
  const resetsPage = Object.keys(patch).some((k) => k !== 'page' && k !== 'pageSize');
  return { ...current, ...(resetsPage ? { page: 0 } : {}), ...patch };
}

/** The list call of a state: its filters and page. */
export function listQueryOf(s: ListState): ChannelInput<'persons.list'> {
  return { ...filtersOf(s), limit: s.pageSize, offset: s.page * s.pageSize };
}

export function isFiltered(s: ListState): boolean {
  return s.q !== '' || s.grid !== '' || s.office !== '' || (Object.keys(SELECT_FILTERS) as SelectFilter[]).some((k) => s[k] !== '') || s.status !== 'active';
}

export function useListState(): {
  state: ListState;
  /** Changes some values; any change but the page's goes back to the first page. */
  update: (patch: Partial<ListState>) => void;
  clear: () => void;
  search: string;
} {
  const [sp, setSp] = useSearchParams();
  const search = sp.toString();
  const state = useMemo(() => readState(new URLSearchParams(search)), [search]);
  const update = useCallback(
    (patch: Partial<ListState>) => {
      setSp(
        (prev) => writeState(patched(readState(prev), patch)),
        { replace: true },
      );
    },
    [setSp],
  );
  const clear = useCallback(() => {
    setSp((prev) => {
      const current = readState(prev);
      return writeState({ ...DEFAULTS, sortField: current.sortField, dir: current.dir, pageSize: current.pageSize });
    }, { replace: true });
  }, [setSp]);
  return { state, update, clear, search };
}

/**
 * Small pieces the registry pages share: query keys, who may write, labels of coded values,
 * colours of the self-care bands, and saving a file the contract sent as base64.
 */
import { useQuery } from '@tanstack/react-query';
import { WRITERS } from '../../../shared/roles';
import { adlBand, type AdlBand } from '../../../shared/barthel';
import i18n from '../../i18n';
import { request } from '../../rpc';
import { useSession } from '../../state';

export const registryKeys = {
  all: ['persons'] as const,
  list: (query: unknown) => ['persons', 'list', query] as const,
  detail: (id: string) => ['persons', 'detail', id] as const,
  history: (id: string) => ['persons', 'history', id] as const,
  grids: ['persons', 'grids'] as const,
};

/** Staff and admins write; grid workers and viewers read (main checks every call anyway). */
export function useCanWrite(): boolean {
  const { user } = useSession();
  return WRITERS.includes(user.role);
}

export function useGridNames(): string[] {
  const grids = useQuery({ queryKey: registryKeys.grids, queryFn: () => request('persons.grids', {}), staleTime: 60_000 });
  return grids.data ?? [];
}

export type CodedField = 'gender' | 'retirementType' | 'unitLevel' | 'politicalStatus' | 'livingSituation' | 'status' | 'ageBand' | 'adlBand';

/** The words for a coded value ('male' → 男); the code itself when unknown. */
export function valueLabel(field: CodedField, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  const key = `registry.values.${field}.${code}`;
  return i18n.exists(key) ? i18n.t(key) : code;
}

export const BAND_COLOURS: Record<AdlBand, 'success' | 'info' | 'warning' | 'error'> = {
  intact: 'success',
  mild: 'info',
  moderate: 'warning',
  severe: 'error',
};

export function bandOf(total: number): AdlBand {
  return adlBand(total);
}

export const STATUS_COLOURS = { active: 'success', moved_out: 'default', deceased: 'default' } as const;

/** Dates are shown as stored (YYYY-MM-DD): short, unambiguous and sortable in both languages. */
export function showDate(date: string | null | undefined): string {
  return date ?? '';
}

/** Saves bytes the contract sent as base64 under the given name, through a Blob link. */
export function downloadBase64(fileName: string, base64: string, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by then; the URL only has to outlive the click.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The list's search and filters as last shown, so "back to the list" returns to the same view. */
const LAST_LIST_KEY = 'cadrecare.registry.lastList';

export function rememberListSearch(search: string): void {
  try {
    sessionStorage.setItem(LAST_LIST_KEY, search);
  } catch {
    // Without storage the list simply opens unfiltered.
  }
}

export function listPath(): string {
  try {
    const search = sessionStorage.getItem(LAST_LIST_KEY);
    return search ? `/registry?${search}` : '/registry';
  } catch {
    return '/registry';
  }
}

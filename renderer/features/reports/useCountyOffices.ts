/**
 * At the county bureau, the offices whose records it holds, by id → the name its lists show (two
 * offices of one name told apart by area code); null in a community office, whose lists have no
 * office column.
 */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { KnownOffice } from '../../../shared/schemas/reports';
import { request } from '../../rpc';
import { useSession } from '../../state';
import { reportKeys } from './common';

export function useCountyOffices(): { offices: KnownOffice[]; names: Map<string, string> } | null {
  const bureau = useSession().info.office?.mode === 'bureau';
  const q = useQuery({ queryKey: reportKeys.offices(), queryFn: () => request('reports.countyOffices', {}), enabled: bureau, staleTime: 60_000 });
  return useMemo(() => (bureau ? { offices: q.data ?? [], names: new Map((q.data ?? []).map((o) => [o.id, o.label])) } : null), [bureau, q.data]);
}

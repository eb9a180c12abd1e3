/** The lists many forms pick from: grids, their names, and the users who can be responsible for persons. */
import { useQuery } from '@tanstack/react-query';
import { request } from '../rpc';
import { useSeesOthers } from './access';
import { careKeys, personKeys } from './queryKeys';

export function useGrids() {
  return useQuery({ queryKey: careKeys.grids, queryFn: () => request('grids.list', {}), staleTime: 30_000 });
}

export function useGridNames(): string[] {
  const grids = useQuery({ queryKey: personKeys.grids, queryFn: () => request('persons.grids', {}), staleTime: 60_000 });
  return grids.data ?? [];
}

/** Users who can be responsible for persons (not asked for by grid workers, who may not list users). */
export function useContactUsers() {
  const seesOthers = useSeesOthers();
  return useQuery({ queryKey: careKeys.users, queryFn: () => request('assignments.users', {}), enabled: seesOthers, staleTime: 30_000 });
}

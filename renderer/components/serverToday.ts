import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { request } from '../rpc';

/** The reader's own calendar date, YYYY-MM-DD. */
export function localToday(): string {
  return dayjs().format('YYYY-MM-DD');
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
  return { today: answer.data ?? localToday(), known: answer.data !== undefined || answer.isError };
}

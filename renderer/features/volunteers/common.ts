/**
 * What the volunteering pages share: query keys (one root, so any write refreshes every page that
 * shows hours), the words for coded values, hours as people read them, and the data most dialogs
 * need (the teams, a volunteer's teams).
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { hoursText, type TeamKind, type VolunteerKind } from '../../../shared/schemas/volunteers';
import i18n from '../../i18n';
import { request } from '../../rpc';
import { useServerToday } from '../../components/serverToday';

export const volunteerKeys = {
  all: ['volunteers'] as const,
  teams: (year: number) => ['volunteers', 'teams', year] as const,
  team: (id: string, year: number) => ['volunteers', 'team', id, year] as const,
  list: (query: unknown) => ['volunteers', 'list', query] as const,
  detail: (id: string, year: number) => ['volunteers', 'detail', id, year] as const,
  ofPerson: (personId: string) => ['volunteers', 'ofPerson', personId] as const,
  services: (query: unknown) => ['volunteers', 'services', query] as const,
  stats: (year: number) => ['volunteers', 'stats', year] as const,
};

/** Every page of the section and the person page read from the same records: refresh them all. */
export async function invalidateVolunteers(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: volunteerKeys.all });
}

/**
 * Today as main counts it (dates after it are refused), which may differ from the browser's near
 * midnight when the two clocks sit in different time zones; the local date until main answers.
 */
export function useToday(): string {
  return useServerToday().today;
}

/**
 * This year as main counts it: the year every total of these pages defaults to (as main's own
 * default does). `known` once main has answered, so pages ask for the right year the first time.
 */
export function useThisYear(): { year: number; known: boolean } {
  const { today, known } = useServerToday();
  return { year: Number(today.slice(0, 4)), known };
}

export function teamKindLabel(kind: TeamKind | null | undefined): string {
  return kind ? i18n.t(`volunteers.teamKinds.${kind}`) : '';
}

export function volunteerKindLabel(kind: VolunteerKind): string {
  return i18n.t(`volunteers.kinds.${kind}`);
}

/** 90 → "1.5 小时". */
export function hoursLabel(minutes: number): string {
  return i18n.t('volunteers.hoursValue', { hours: hoursText(minutes) });
}

/** Colours of the volunteer kinds' chips: the registry's own people stand out. */
export const KIND_COLOURS: Record<VolunteerKind, 'primary' | 'secondary' | 'default' | 'info'> = {
  retiree: 'primary',
  resident: 'info',
  unit: 'secondary',
  other: 'default',
};

/** The living teams with their totals of the year (default: main's this year), for pickers and the teams tab. */
export function useTeams(year?: number) {
  const server = useThisYear();
  const asked = year ?? server.year;
  return useQuery({
    queryKey: volunteerKeys.teams(asked),
    queryFn: () => request('volunteers.teams', { year: asked }),
    staleTime: 30_000,
    enabled: year !== undefined || server.known,
  });
}

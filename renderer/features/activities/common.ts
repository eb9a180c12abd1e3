/**
 * What the pages of 学习活动 share: query keys, the words and colours of activity kinds, and how a
 * time span and an attendance rate are written.
 */
import i18n from '../../i18n';
import type { Activity, ActivityKind, Participant } from '../../../shared/schemas/activities';

export const activityKeys = {
  all: ['activities'] as const,
  list: (query: unknown) => ['activities', 'list', query] as const,
  calendar: (year: number, month: number, kind: string) => ['activities', 'calendar', year, month, kind] as const,
  one: (id: string) => ['activities', 'one', id] as const,
  person: (personId: string) => ['activities', 'person', personId] as const,
};

/** One colour per kind, the same on the calendar chips, the list and the person page. */
export const KIND_COLOURS: Record<ActivityKind, string> = {
  political_study: '#c62828',
  culture_sports: '#2e7d32',
  health_talk: '#1565c0',
  interest_group: '#6a1b9a',
  visit: '#ef6c00',
  other: '#546e7a',
};

export function kindLabel(kind: string): string {
  return i18n.t(`activities.kinds.${kind}`);
}

export function placeKindLabel(placeKind: string): string {
  return i18n.t(`activities.placeKinds.${placeKind}`);
}

/** "09:30—11:00", "09:30", or 全天 when no time was given. */
export function timeSpan(a: Pick<Activity, 'startTime' | 'endTime'>): string {
  if (a.startTime === null) return i18n.t('activities.allDay');
  return a.endTime ? `${a.startTime}—${a.endTime}` : a.startTime;
}

/** "社区活动中心 · 二楼多功能厅" */
export function placeText(a: Pick<Activity, 'placeKind' | 'place'>): string {
  const kind = a.placeKind === 'other' && a.place !== '' ? '' : placeKindLabel(a.placeKind);
  return [kind, a.place].filter((x) => x !== '').join(' · ');
}

/**
 * Who is already on the list, for the person search: they are shown greyed out with the reason, so
 * typing the name of someone already signed up explains itself instead of finding nobody.
 */
export function onListAlready(participants: readonly Pick<Participant, 'personId' | 'signedUp'>[], signedUpNote = i18n.t('activities.detail.signedUpTag')): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of participants) out[p.personId] = p.signedUp ? signedUpNote : i18n.t('activities.detail.walkIn');
  return out;
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

import dayjs from 'dayjs';

/** Timestamps are stored as ISO 8601 UTC strings with milliseconds, so text order is time order. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

/** A calendar date as YYYY-MM-DD (local to the office; no time zone). */
export function toDateString(d: Date | string): string {
  return dayjs(d).format('YYYY-MM-DD');
}

export function formatDateTime(iso: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return locale === 'zh-CN' ? dayjs(iso).format('YYYY年M月D日 HH:mm') : dayjs(iso).format('YYYY-MM-DD HH:mm');
}

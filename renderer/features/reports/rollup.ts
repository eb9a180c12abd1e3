/**
 * What the 汇总 on the screen and on paper share: its columns grouped by indicator, a figure as it
 * is written, and what a row says besides its figures (never heard from, refused for the period and
 * why, or its data ending inside the period) in plain words. The .xlsx says the same in Chinese
 * (rollupNote in main/services/reports/county.ts).
 */
import i18n from '../../i18n';
import { formatFigure } from '../../../shared/reports/catalogue';
import type { CountyRollup, RollupFigure } from '../../../shared/schemas/reports';
import { def } from './common';

type RollupRow = CountyRollup['rows'][number];

/** The figures of one indicator side by side, as the header groups them. */
export function rollupGroups(figures: readonly RollupFigure[]): { key: string; figures: RollupFigure[] }[] {
  const groups: { key: string; figures: RollupFigure[] }[] = [];
  for (const f of figures) {
    const last = groups[groups.length - 1];
    if (last && last.key === f.key) last.figures.push(f);
    else groups.push({ key: f.key, figures: [f] });
  }
  return groups;
}

export function rollupCell(f: RollupFigure, value: number | null | undefined): string {
  return formatFigure(def(f.key), f.measure, value ?? null);
}

const REASONS = new Set(['PERIOD_AFTER_DATA', 'PERIOD_BEFORE_RECORDS', 'PERIOD_IN_FUTURE', 'PERIOD_KIND_NOT_ALLOWED']);

/** A row's note; empty when its figures are whole. */
export function rollupNote(row: RollupRow): string {
  if (!row.received) return i18n.t('reports.county.rowNote.never');
  if (row.refused === null) return row.dataIncomplete ? i18n.t('reports.county.rowNote.incomplete', { date: row.dataAsOf ?? '' }) : '';
  const date = row.refused === 'PERIOD_BEFORE_RECORDS' ? row.recordsFrom : row.dataAsOf;
  return i18n.t(`reports.county.rowNote.${REASONS.has(row.refused) ? row.refused : 'other'}`, { date: date ?? '' });
}

/** Whether a row's figures fall short of the period: shown, but not as this period's whole. */
export function rollupShort(row: RollupRow): boolean {
  return row.received && row.refused === null && row.dataIncomplete;
}

/** What the county total holds and leaves out, when it does not simply add up every office. */
export function rollupTotalNote(r: CountyRollup): string | null {
  const incomplete = r.rows.filter(rollupShort).length;
  const left = r.rows.filter((x) => !x.received || x.refused !== null).length;
  return incomplete + left === 0 ? null : i18n.t('reports.county.rollupTotalNote', { incomplete, left });
}

/**
 * What the pages of 统计 share: query keys, the reader's language for the catalogue's labels, the
 * periods offered, links to a drill-down, and how a figure and a list cell are written.
 */
import i18n from '../../i18n';
import {
  CODES,
  DIM_LABELS,
  PERSON_COLUMN_LABELS,
  dimValueLabel,
  figureLabel,
  formatFigure,
  indicator,
  type Dim,
  type FactColumn,
  type IndicatorDef,
  type Language,
  type PersonColumn,
} from '../../../shared/reports/catalogue';
import { parsePeriod, periodLabel } from '../../../shared/reports/period';
import type { IndicatorResult } from '../../../shared/schemas/reports';

export const reportKeys = {
  all: ['reports'] as const,
  dashboard: (period: string, office: string | null = null) => ['reports', 'dashboard', period, office] as const,
  indicator: (query: unknown) => ['reports', 'indicator', query] as const,
  drill: (query: unknown) => ['reports', 'drill', query] as const,
  morning: () => ['reports', 'morning'] as const,
  work: (query: unknown) => ['reports', 'work', query] as const,
  form: (query: unknown) => ['reports', 'form', query] as const,
  submissions: (query: unknown) => ['reports', 'submissions', query] as const,
  profile: () => ['reports', 'profile'] as const,
  countyBoard: () => ['reports', 'countyBoard'] as const,
  countyRollup: (period: string, campaigns: boolean) => ['reports', 'countyRollup', period, campaigns] as const,
  offices: () => ['reports', 'offices'] as const,
  scorecard: (year: number) => ['reports', 'scorecard', year] as const,
  compare: (submissionId: string) => ['reports', 'compare', submissionId] as const,
};

export function lang(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function def(key: string): IndicatorDef {
  const d = indicator(key);
  if (!d) throw new Error(`unknown indicator ${key}`);
  return d;
}

export function indicatorName(key: string): string {
  return def(key).label[lang()];
}

export function figureName(key: string, figure: string): string {
  return figureLabel(def(key), figure, lang());
}

export function figureText(result: Pick<IndicatorResult, 'key' | 'figures'>, figure: string): string {
  return formatFigure(def(result.key), figure, result.figures[figure] ?? null);
}

export function dimName(dim: Dim): string {
  return DIM_LABELS[dim][lang()];
}

export function dimValue(dim: Dim, key: string | null, name: string | null): string {
  return dimValueLabel(dim, key, name, lang());
}

export function periodName(text: string): string {
  const p = parsePeriod(text);
  return p ? periodLabel(p, lang()) : text;
}

/** A breakdown value in an address: the missing value (no grid, no contact) is '~'. */
export const NONE_VALUE = '~';

export interface DrillTarget {
  key: string;
  measure: string;
  period: string;
  by?: Dim | undefined;
  value?: string | null | undefined;
  /** At the county bureau: the list of one community (its origin_office). */
  office?: string | undefined;
}

export function drillSearch(t: DrillTarget): string {
  const q = new URLSearchParams({ key: t.key, measure: t.measure, period: t.period });
  if (t.by !== undefined && t.value !== undefined) {
    q.set('by', t.by);
    q.set('value', t.value ?? NONE_VALUE);
  }
  if (t.office) q.set('office', t.office);
  return q.toString();
}

export function drillPath(t: DrillTarget): string {
  return `/reports/drill?${drillSearch(t)}`;
}

/** The drill-down target an address names, or null. */
export function drillTargetOf(sp: URLSearchParams): DrillTarget | null {
  const key = sp.get('key');
  const measure = sp.get('measure');
  const period = sp.get('period');
  if (!key || !measure || !period || !indicator(key)) return null;
  const by = sp.get('by') as Dim | null;
  const value = sp.get('value');
  const office = sp.get('office');
  const base = office ? { key, measure, period, office } : { key, measure, period };
  return by && value !== null ? { ...base, by, value: value === NONE_VALUE ? null : value } : base;
}

export function columnLabel(c: PersonColumn | FactColumn): string {
  return typeof c === 'string' ? PERSON_COLUMN_LABELS[c][lang()] : c.label[lang()];
}

const DATE_TIME = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });

/** A cell of a drill-down list as the reader sees it: codes as words, 元 from fen, hours from minutes, days of timestamps. */
export function cellText(c: PersonColumn | FactColumn, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof c === 'string') {
    if (c === 'sex') return CODES['sex']?.[String(value)]?.[lang()] ?? String(value);
    if (c === 'rtype') return CODES['rtype']?.[String(value)]?.[lang()] ?? String(value);
    return String(value);
  }
  const f = c.format;
  if (f === 'fen') return (Number(value) / 100).toFixed(2);
  if (f === 'minutes') return (Number(value) / 60).toFixed(1);
  if (f === 'timestamp') return DATE_TIME.format(new Date(String(value)));
  if (f !== undefined && typeof f === 'object') return CODES[f.codes]?.[String(value)]?.[lang()] ?? String(value);
  return String(value);
}

/** Columns of long text, which wrap in a printed list. */
export const WRAPPING_COLUMNS: ReadonlySet<string> = new Set(['address', 'description', 'topic', 'title', 'giftItems', 'destination', 'institution', 'helper', 'months']);

/**
 * The columns of a list worth showing: the person's always, a fact's only when some row has it (the
 * visit date and 慰问金 of a list of those not visited are all empty).
 */
export function shownColumns(d: IndicatorDef, rows: readonly { cells: Record<string, string | number | null> }[]): (PersonColumn | FactColumn)[] {
  return d.columns.filter((c) => typeof c === 'string' || rows.some((r) => r.cells[c.key] !== null && r.cells[c.key] !== undefined && r.cells[c.key] !== ''));
}

export const RAG_COLOURS = { green: '#2e7d32', amber: '#ed6c02', red: '#c62828' } as const;

/** Years offered: from the first year of the records to this one, newest first. */
export function yearsFrom(recordsFrom: string, today: string): number[] {
  const first = Number(recordsFrom.slice(0, 4));
  const last = Number(today.slice(0, 4));
  const out: number[] = [];
  for (let y = last; y >= Math.max(first, last - 20); y--) out.push(y);
  return out;
}

/** Office names as shown at the bureau: two offices of one name are told apart by their area code. */
export function officeNames(offices: readonly { id: string; name: string; areaCode: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const o of offices) count.set(o.name, (count.get(o.name) ?? 0) + 1);
  return new Map(offices.map((o) => [o.id, (count.get(o.name) ?? 0) > 1 ? `${o.name}（${o.areaCode || o.id.slice(0, 8)}）` : o.name]));
}

export const FORM_STATUS_COLOURS = { onTime: '#2e7d32', late: '#ed6c02', missing: '#c62828', open: '#757575', notExpected: '#bdbdbd' } as const;

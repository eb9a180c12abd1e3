/**
 * The county bureau's work on one community at a time and on all of them for the year: the forms
 * each office is expected to hand in for the current period with their deadlines (the bureau's
 * settings), one office's dashboard and lists as the office sees them (the same engine with the
 * office's origin_office as filter), a handed-in form beside what the office's records say now, the
 * yearly 考核 scorecard, and the roll-up as .xlsx.
 */
import type { Db } from '../../db/connection';
import { cachedStatement } from '../../db/statements';
import { AppError } from '../../../shared/errors';
import { INDICATORS, campaignKey, figureLabel, figureUnit, type IndicatorDef } from '../../../shared/reports/catalogue';
import { CAMPAIGNS, addDays, parsePeriod, periodTextLabel, type Campaign } from '../../../shared/reports/period';
import type {
  CountyRollup,
  ExpectedForm,
  FormCompare,
  FormData,
  FormDiff,
  FormTable,
  KnownOffice,
  OfficeForm,
  RollupFigure,
  Scorecard,
  ScorePart,
} from '../../../shared/schemas/reports';
import { SCORE_PARTS } from '../../../shared/schemas/reports';
import type { BureauSettings } from '../../../shared/schemas/settings';
import { getSettings } from '../settings/settings';
import { computeFor, periodOf } from './engine';
import { campaignEnd, countForm, submittedForm } from './forms/forms';
import { getProfile } from './profile';
import { reportContext, type ReportContext } from './scope';
import { writeList, type ListFile, type ListSheet } from './exports';
import { officeLabels } from './offices';
import { toDateString } from '../../../shared/dates';
import { receivedFrom } from './freshness';

interface OfficeRow {
  id: string;
  mode: 'community' | 'bureau';
}

function ownOffice(db: Db): OfficeRow {
  const own = cachedStatement(db, 'SELECT id, mode FROM office').get() as OfficeRow | undefined;
  if (!own) throw new AppError('SETUP_REQUIRED', 'The office has not been set up yet.');
  return own;
}

export function requireBureau(db: Db): string {
  const own = ownOffice(db);
  if (own.mode !== 'bureau') throw new AppError('BUREAU_ONLY', 'Only the county bureau sees the offices of the county.');
  return own.id;
}

/**
 * The report context of the office asked for: none given, this office's own figures (at a bureau its
 * own persons only, labelled so); at a bureau, one of its trusted communities, from the records that
 * office sent. Another office's figures are the bureau's alone, and an office the bureau does not
 * know is NOT_FOUND rather than an empty dashboard.
 */
export function officeContext(db: Db, today: string, office: string | undefined): ReportContext {
  if (office === undefined) return reportContext(db, today);
  const own = requireBureau(db);
  if (office !== own) {
    const known = cachedStatement(db, "SELECT name FROM trusted_offices WHERE office_id = ? AND mode = 'community'").get(office) as { name: string } | undefined;
    if (known === undefined) throw new AppError('NOT_FOUND', `No community office ${office} is known here.`, { entity: 'office', id: office });
    // Nothing received: a clear refusal rather than a dashboard of zeros.
    if (cachedStatement(db, 'SELECT 1 FROM persons WHERE origin_office = ? LIMIT 1').get(office) === undefined) {
      throw new AppError('OFFICE_NEVER_REPORTED', `${known.name} has never sent any data.`, { office, name: known.name });
    }
    return { ...reportContext(db, today, office), dataAsOf: receivedFrom(db, office).dataAsOf };
  }
  return reportContext(db, today, office);
}

/** The latest year whose campaign day is before today (整寿: whose year is over). */
function latestCampaignYear(c: Campaign, today: string): number {
  const year = Number(today.slice(0, 4));
  return campaignEnd(c, year) < today ? year : year - 1;
}

export function formDue(form: 'annual' | 'campaign', period: string, settings: BureauSettings): string {
  const p = parsePeriod(period);
  if (form === 'annual' || !p || p.kind !== 'campaign') return addDays(`${period.slice(0, 4)}-12-31`, settings.dueDays.annual);
  return addDays(campaignEnd(p.campaign, p.year), settings.dueDays[p.campaign]);
}

/** The forms due for the current period: last year's annual form and the latest of each campaign. */
export function expectedForms(today: string, settings: BureauSettings): ExpectedForm[] {
  const annual = String(Number(today.slice(0, 4)) - 1);
  const out: ExpectedForm[] = [{ form: 'annual', period: annual, due: formDue('annual', annual, settings) }];
  for (const c of CAMPAIGNS) {
    const period = `${c}:${latestCampaignYear(c, today)}`;
    out.push({ form: 'campaign', period, due: formDue('campaign', period, settings) });
  }
  return out;
}

/** The forms of a year: its annual form and the summary of each of its campaigns. */
export function formsOfYear(year: number, settings: BureauSettings): ExpectedForm[] {
  const annual = String(year);
  return [
    { form: 'annual', period: annual, due: formDue('annual', annual, settings) },
    ...CAMPAIGNS.map((c) => {
      const period = `${c}:${year}`;
      return { form: 'campaign' as const, period, due: formDue('campaign', period, settings) };
    }),
  ];
}

interface FirstSubmission {
  id: string;
  submitted_on: string;
}

/** The last day of a form's period: 31 December, or the campaign's day. */
function periodEnd(form: ExpectedForm): string {
  const p = parsePeriod(form.period);
  return p && p.kind === 'campaign' ? campaignEnd(p.campaign, p.year) : `${form.period.slice(0, 4)}-12-31`;
}

/**
 * How each form stands for an office: its first hand-in decides on time or late (a later correction
 * does not make it late). A form whose period ended before the office's first record reached the
 * bureau is not expected of it (an office that has sent nothing is expected everything).
 */
export function officeForms(db: Db, office: string, expected: readonly ExpectedForm[], today: string): OfficeForm[] {
  const since = (cachedStatement(db, 'SELECT min(created_at) AS at FROM persons WHERE origin_office = ?').get(office) as { at: string | null }).at;
  const recordsFrom = since ? toDateString(since) : null;
  const first = cachedStatement(
    db,
    `SELECT id, submitted_on FROM report_submissions
      WHERE origin_office = ? AND form = ? AND period = ? AND deleted_at IS NULL
      ORDER BY submitted_on, created_at LIMIT 1`,
  );
  return expected.map((e) => {
    const s = first.get(office, e.form, e.period) as FirstSubmission | undefined;
    const status: OfficeForm['status'] = s
      ? s.submitted_on <= e.due
        ? 'onTime'
        : 'late'
      : recordsFrom !== null && periodEnd(e) < recordsFrom
        ? 'notExpected'
        : today > e.due
          ? 'missing'
          : 'open';
    return { ...e, submissionId: s?.id ?? null, submittedOn: s?.submitted_on ?? null, status };
  });
}

// Comparing a handed-in form with the records now

/** The label of each column after the label columns: the header's lowest cell over it. */
function columnLabels(table: FormTable): string[] {
  const width = table.labelColumns + table.columnUnits.length;
  const grid: (string | null)[][] = table.header.map(() => new Array<string | null>(width).fill(null));
  table.header.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < width && grid[r]?.[c] !== null) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) {
        const row = grid[r + dr];
        if (row && c + dc < width) row[c + dc] = cell.text;
      }
      c += cell.colSpan;
    }
  });
  const out: string[] = [];
  for (let c = table.labelColumns; c < width; c++) {
    const texts = grid.map((row) => row[c]).filter((x): x is string => x !== null && x !== undefined);
    out.push([...new Set(texts)].join(' / ') || `第${c - table.labelColumns + 1}列`);
  }
  return out;
}

/** The group label of a row: the nearest row above (or itself) that opens a group. */
function rowLabel(table: FormTable, i: number): string {
  const row = table.rows[i];
  if (!row) return '';
  const own = row.labels.filter((l) => l.rowSpan > 0).map((l) => l.text);
  if (table.labelColumns === 2 && row.labels.length > 1 && row.labels[0]?.rowSpan === 0) {
    for (let j = i - 1; j >= 0; j--) {
      const head = table.rows[j]?.labels[0];
      if (head && head.rowSpan > 0) return [head.text, ...own].join(' · ');
    }
  }
  return own.join(' · ');
}

const same = (a: string | number | null, b: string | number | null) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : a === b);

export function compareForms(submitted: FormData, current: FormData): FormCompare {
  const differences: FormDiff[] = [];
  let shapeChanged = submitted.version !== current.version || submitted.tables.length !== current.tables.length;
  for (const now of current.tables) {
    const then = submitted.tables.find((t) => t.id === now.id);
    if (!then) {
      shapeChanged = true;
      continue;
    }
    if (then.rows.length !== now.rows.length || then.columnUnits.length !== now.columnUnits.length) shapeChanged = true;
    const labels = columnLabels(now);
    now.rows.forEach((row, i) => {
      const old = then.rows[i];
      if (!old) return;
      row.cells.forEach((cell, j) => {
        const was = old.cells[j];
        if (was === undefined || same(was, cell)) return;
        differences.push({ tableId: now.id, tableTitle: now.title, row: i, col: j, rowLabel: rowLabel(now, i), colLabel: labels[j] ?? `第${j + 1}列`, submitted: was, current: cell });
      });
    });
  }
  return { submitted, current, differences, shapeChanged };
}

/** A hand-in beside the same form counted now from the records of the office that handed it in. */
export function formCompare(db: Db, today: string, submissionId: string): FormCompare {
  const submitted = submittedForm(db, submissionId);
  const s = submitted.submission;
  if (!s) throw new AppError('NOT_FOUND', `Submission ${submissionId} not found.`, { entity: 'report_submission', id: submissionId });
  const own = ownOffice(db);
  // A community compares its own hand-ins only; the bureau those of any office it received.
  if (own.mode !== 'bureau' && s.origin !== own.id) throw new AppError('NOT_FOUND', `Submission ${submissionId} not found.`, { entity: 'report_submission', id: submissionId });
  const rc = own.mode === 'bureau' || s.origin !== own.id ? reportContext(db, today, s.origin) : reportContext(db, today);
  const current = countForm(rc, submitted.form, submitted.period.text);
  return compareForms(submitted, current);
}

// The yearly 考核 scorecard

interface PeerRow {
  office_id: string;
  name: string;
  area_code: string;
}

function communities(db: Db): PeerRow[] {
  return cachedStatement(db, "SELECT office_id, name, area_code FROM trusted_offices WHERE mode = 'community' ORDER BY area_code, name, office_id").all() as PeerRow[];
}

function defOf(key: string): IndicatorDef {
  const def = INDICATORS.find((d) => d.key === key);
  if (!def) throw new Error(`indicator ${key} is not in the catalogue`);
  return def;
}

/** A figure of an indicator for the office and period, or null when the period cannot be counted for it. */
function figure(rc: ReportContext, key: string, period: string, measure: string): number | null {
  const def = defOf(key);
  try {
    return computeFor(rc, def, periodOf(rc, def, period), undefined, [measure]).figures[measure] ?? null;
  } catch (err) {
    if (err instanceof AppError && err.code !== 'INTERNAL') return null;
    throw err;
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Each community's parts for the year, 0–100: 四个到位 (each in place a quarter), visit completion,
 * persons with a responsible contact, the mean coverage of the year's campaigns, and the forms of
 * the year due by now handed in on time (late ones count half). The score is the weighted mean of
 * the parts with the bureau's weights, a part with nothing to score counting 0; ranked best first.
 */
export function scorecard(db: Db, today: string, year: number): Scorecard {
  requireBureau(db);
  const settings = getSettings(db).bureau;
  const weights = settings.weights;
  const text = String(year);
  if (`${text}-01-01` > today) throw new AppError('PERIOD_IN_FUTURE', `${year} has not begun yet.`, { period: text });
  const asOf = `${text}-12-31` < today ? `${text}-12-31` : today;
  const due = formsOfYear(year, settings).filter((f) => f.due < today);
  const anyRecord = cachedStatement(db, 'SELECT 1 FROM persons WHERE origin_office = ? LIMIT 1');
  const totalWeight = SCORE_PARTS.reduce((s, p) => s + weights[p], 0);
  const rows = communities(db).map((peer) => {
    const office = { id: peer.office_id, name: peer.name, areaCode: peer.area_code };
    const profile = getProfile(db, peer.office_id);
    const inPlace = profile.inPlace;
    const received = anyRecord.get(peer.office_id) !== undefined;
    const parts: Record<ScorePart, number | null> = { profile: (Object.values(inPlace).filter(Boolean).length / 4) * 100, visits: null, contacts: null, campaigns: null, reporting: null };
    if (!received && profile.updatedAt === null) parts.profile = null;
    if (received) {
      const rc = reportContext(db, today, peer.office_id);
      parts.visits = figure(rc, 'visits.plan', text, 'completion');
      parts.contacts = figure(rc, 'persons.contacts', asOf, 'responsibleRate');
      const coverages = CAMPAIGNS.map((c) => figure(rc, campaignKey(c), `${c}:${year}`, 'coverage')).filter((v): v is number => v !== null);
      parts.campaigns = coverages.length > 0 ? coverages.reduce((s, v) => s + v, 0) / coverages.length : null;
    }
    const forms = officeForms(db, peer.office_id, due, today).filter((f) => f.status !== 'notExpected');
    const onTime = forms.filter((f) => f.status === 'onTime').length;
    const late = forms.filter((f) => f.status === 'late').length;
    parts.reporting = forms.length > 0 ? ((onTime + late / 2) / forms.length) * 100 : null;
    for (const p of SCORE_PARTS) if (parts[p] !== null) parts[p] = round1(parts[p] as number);
    const score = totalWeight === 0 ? 0 : round1(SCORE_PARTS.reduce((s, p) => s + weights[p] * (parts[p] ?? 0), 0) / totalWeight);
    return { rank: 0, office, received, inPlace, modelCommunity: profile.modelCommunity, parts, score, formsDue: forms.length, formsOnTime: onTime };
  });
  rows.sort((a, b) => b.score - a.score || a.office.areaCode.localeCompare(b.office.areaCode) || a.office.name.localeCompare(b.office.name, 'zh-CN'));
  // Equal scores share a rank (1, 2, 2, 4).
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && prev.score === r.score ? prev.rank : i + 1;
  });
  return { year, asOf, weights: { ...weights }, rows };
}

/** This bureau and the communities it trusts, named as its lists show them. */
export function knownOffices(db: Db): KnownOffice[] {
  const own = requireBureau(db);
  const self = cachedStatement(db, 'SELECT id, name, area_code FROM office').get() as { id: string; name: string; area_code: string };
  const all = [{ id: own, name: self.name, areaCode: self.area_code }, ...communities(db).map((p) => ({ id: p.office_id, name: p.name, areaCode: p.area_code }))];
  const labels = officeLabels(all);
  return all.map((o) => ({ ...o, label: labels.get(o.id) ?? o.name, own: o.id === own }));
}

// The roll-up as .xlsx

const FIGURE_UNITS = (key: string, measure: string): 'percent' | 'count' => (defOf(key).derived.some((d) => d.key === measure) ? 'percent' : 'count');

type RollupRow = CountyRollup['rows'][number];

/**
 * What a row of the roll-up says besides its figures, in plain words (the sheet is Chinese, as the
 * screen's are in its language): never heard from, refused for the period and why, or its data
 * ending inside the period. The same sentences as the screen's (reports.county.rowNote).
 */
export function rollupNote(row: RollupRow): string {
  if (!row.received) return '从未报送，没有数据';
  switch (row.refused) {
    case null:
      return row.dataIncomplete ? `数据截至 ${row.dataAsOf ?? ''}，本期数据不全` : '';
    case 'PERIOD_AFTER_DATA':
      return `数据截至 ${row.dataAsOf ?? ''}，没有本期数据，未计入合计`;
    case 'PERIOD_BEFORE_RECORDS':
      return `记录从 ${row.recordsFrom ?? ''} 开始，本期在此之前，没有记录`;
    case 'PERIOD_IN_FUTURE':
      return '所选期间还没有开始';
    case 'PERIOD_KIND_NOT_ALLOWED':
      return '部分数字不按所选期间统计';
    default:
      return '部分数字无法统计';
  }
}

/** A roll-up column's header: its indicator, its figure and its unit where it is not a head count. */
function rollupHeader(f: RollupFigure): string {
  const def = defOf(f.key);
  const unit = FIGURE_UNITS(f.key, f.measure) === 'percent' ? '（%）' : figureUnit(def, f.measure) === '元' ? '（元）' : '';
  return `${def.label['zh-CN']}·${figureLabel(def, f.measure)}${unit}`;
}

export function rollupSheet(r: CountyRollup): ListSheet {
  const names = officeLabels(r.rows.map((x) => x.office));
  const fig = (v: number | null | undefined, key: string, measure: string) => (v === null || v === undefined ? null : FIGURE_UNITS(key, measure) === 'percent' ? round1(v) : v);
  const incomplete = r.rows.filter((x) => x.received && x.dataIncomplete && x.refused === null).length;
  const left = r.rows.filter((x) => !x.received || x.refused !== null).length;
  return {
    name: '县级汇总',
    title: `县级汇总（${periodTextLabel(r.period)}）`,
    filter: [
      `统计期：${periodTextLabel(r.period)}`,
      `社区 ${r.rows.length} 个`,
      ...(incomplete > 0 ? [`其中 ${incomplete} 个社区本期数据不全（见备注），已计入合计`] : []),
      ...(left > 0 ? [`${left} 个社区没有本期数字，未计入合计`] : []),
    ],
    columns: [
      { header: '序号', width: 6 },
      { header: '区划代码', width: 14, kind: 'text' },
      { header: '社区', width: 22 },
      { header: '数据截至', width: 12, kind: 'text' },
      ...r.figures.map((f) => ({ header: rollupHeader(f), width: 12, ...(figureUnit(defOf(f.key), f.measure) === '元' ? { kind: 'yuan' as const } : {}) })),
      { header: '备注', width: 34 },
    ],
    rows: [
      ...r.rows.map((x, i) => [
        i + 1,
        x.office.areaCode,
        names.get(x.office.id) ?? x.office.name,
        x.dataAsOf ?? '',
        ...r.figures.map((f) => fig(x.figures[`${f.key}:${f.measure}`], f.key, f.measure)),
        rollupNote(x),
      ]),
      [null, null, '合计', null, ...r.figures.map((f) => fig(r.total[`${f.key}:${f.measure}`], f.key, f.measure)), null],
    ],
  };
}

export async function rollupFile(read: () => CountyRollup, db: Db, at: Date): Promise<ListFile> {
  const rollup = db.transaction(read).deferred();
  return writeList(rollupSheet(rollup), at);
}

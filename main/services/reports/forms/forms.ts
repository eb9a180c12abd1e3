/**
 * The statutory forms as a whole: counted now, or read back as handed in. Handing in (上报) runs
 * the form's checks; a failing check blocks it until it is fixed in the records or explained in a
 * note. The hand-in freezes the figures into report_submissions, a synchronised row that travels to
 * the bureau in the next packet, so the bureau can compare what was reported with what the records
 * say later.
 */
import type { Db } from '../../../db/connection';
import { cachedStatement } from '../../../db/statements';
import { insertSynced, registerSyncedTable, type WriteContext } from '../../../db/sync';
import { AppError } from '../../../../shared/errors';
import { campaignLabel, parsePeriod, periodLabel, type Campaign } from '../../../../shared/reports/period';
import { chongyang, partyDay, springFestival } from '../../../../shared/schedule/holidays';
import { formDataSchema, type FormCheck, type FormData, type FormKind, type SubmissionSummary, type SubmitForm } from '../../../../shared/schemas/reports';
import type { User } from '../../../../shared/schemas/user';
import type { ReportContext } from '../scope';
import { ANNUAL_TITLE, ANNUAL_VERSION, annualForm } from './annual';
import { CAMPAIGN_TITLE, CAMPAIGN_VERSION, campaignForm } from './campaign';

registerSyncedTable('report_submissions');

function invalidPeriod(form: FormKind): AppError {
  return new AppError('INVALID_INPUT', form === 'annual' ? 'The annual form is made for a year (2026).' : 'The campaign form is made for a campaign of a year (chongyang:2026).', {
    issues: [{ path: 'period', message: form === 'annual' ? 'report.annualPeriod' : 'report.campaignPeriod', code: 'custom' }],
  });
}

const zhDate = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The day a campaign is over for its summary: its festival (整寿: the year's end). */
export function campaignEnd(c: Campaign, year: number): string {
  if (c === 'spring_festival') return springFestival(year);
  if (c === 'chongyang') return chongyang(year);
  if (c === 'party_day') return partyDay(year);
  return `${year}-12-31`;
}

/** The form counted now from the records. */
export function countForm(rc: ReportContext, form: FormKind, text: string): FormData {
  const p = parsePeriod(text);
  if (form === 'annual') {
    if (!p || p.kind !== 'year') throw invalidPeriod(form);
    const f = annualForm(rc, text);
    return {
      form,
      version: ANNUAL_VERSION,
      title: ANNUAL_TITLE,
      officeName: rc.officeName,
      period: f.period,
      periodLabel: `${p.year}年度`,
      asOfLabel: f.period.running ? `${zhDate(f.period.asOf)}（年度尚未结束）` : zhDate(f.period.asOf),
      tables: f.tables,
      notes: f.notes,
      checks: f.checks,
      notYet: f.period.running ? `${p.year}年尚未结束，年报应在 ${p.year}年12月31日 之后上报。` : null,
      submission: null,
    };
  }
  if (!p || p.kind !== 'campaign') throw invalidPeriod(form);
  const f = campaignForm(rc, text);
  const end = campaignEnd(p.campaign, p.year);
  return {
    form,
    version: CAMPAIGN_VERSION,
    title: CAMPAIGN_TITLE,
    officeName: rc.officeName,
    period: f.period,
    periodLabel: periodLabel(p),
    asOfLabel: zhDate(f.period.asOf),
    tables: f.tables,
    notes: f.notes,
    checks: f.checks,
    notYet: rc.today <= end ? `${p.year}年${campaignLabel(p.campaign)}（${end}）尚未过去，活动结束后再上报。` : null,
    submission: null,
  };
}

/** The last day of the form's period, before which it cannot be handed in. */
function notDueUntil(data: FormData): string {
  const p = parsePeriod(data.period.text);
  return p && p.kind === 'campaign' ? campaignEnd(p.campaign, p.year) : data.period.to;
}

interface SubmissionRow {
  id: string;
  form: FormKind;
  period: string;
  as_of: string;
  figures: string;
  failed_checks: string;
  note: string;
  head_name: string;
  filler_name: string;
  filler_phone: string;
  submitted_on: string;
  submitted_by_name: string;
  created_at: string;
  origin_office: string;
}

const SELECT = `SELECT id, form, period, as_of, figures, failed_checks, note, head_name, filler_name, filler_phone, submitted_on, submitted_by_name, created_at, origin_office
  FROM report_submissions`;

function parseChecks(json: string): FormCheck[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as FormCheck[]) : [];
  } catch {
    return [];
  }
}

function toSummary(r: SubmissionRow): SubmissionSummary {
  return {
    id: r.id,
    form: r.form,
    period: r.period,
    asOf: r.as_of,
    submittedOn: r.submitted_on,
    submittedAt: r.created_at,
    submittedByName: r.submitted_by_name,
    headName: r.head_name,
    fillerName: r.filler_name,
    fillerPhone: r.filler_phone,
    note: r.note,
    failedChecks: parseChecks(r.failed_checks),
    origin: r.origin_office,
  };
}

/** The form as it was handed in: the frozen figures, with who handed it in and the note. */
export function submittedForm(db: Db, id: string): FormData {
  const row = cachedStatement(db, `${SELECT} WHERE id = ? AND deleted_at IS NULL`).get(id) as SubmissionRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Submission ${id} not found.`, { entity: 'report_submission', id });
  const parsed = formDataSchema.safeParse({ ...(JSON.parse(row.figures) as object), submission: null });
  if (!parsed.success) throw new AppError('INTERNAL', 'The frozen figures of this submission cannot be read.', { id });
  return { ...parsed.data, submission: toSummary(row) };
}

export function listSubmissions(db: Db, office: string | null, query: { form?: FormKind | undefined; period?: string | undefined }): SubmissionSummary[] {
  const rows = cachedStatement(
    db,
    `${SELECT} WHERE deleted_at IS NULL AND (@office IS NULL OR origin_office = @office) AND (@form IS NULL OR form = @form) AND (@period IS NULL OR period = @period)
     ORDER BY created_at DESC, id DESC`,
  ).all({ office, form: query.form ?? null, period: query.period ?? null }) as SubmissionRow[];
  return rows.map(toSummary);
}

/**
 * 上报: counts the form now, refuses while its period is not over (REPORT_NOT_DUE) or while a check
 * fails without a note explaining it (REPORT_CHECKS_FAILED, the failures in the details), and freezes
 * the figures.
 */
export function submitForm(rc: ReportContext, ctx: WriteContext, user: User | null, input: SubmitForm): SubmissionSummary {
  const data = countForm(rc, input.form, input.period);
  if (data.notYet !== null) throw new AppError('REPORT_NOT_DUE', data.notYet, { period: input.period, until: notDueUntil(data) });
  const failed = data.checks.filter((c) => !c.ok);
  if (failed.length > 0 && input.note === '') {
    throw new AppError('REPORT_CHECKS_FAILED', `${failed.length} check(s) fail; fix the records or explain them in a note.`, { failed: failed.map((c) => c.text), count: failed.length });
  }
  const { submission: _none, ...figures } = data;
  const id = insertSynced(
    rc.db,
    ctx,
    'report_submissions',
    {
      form: input.form,
      period: data.period.text,
      as_of: data.period.asOf,
      form_version: data.version,
      figures: JSON.stringify(figures),
      failed_checks: JSON.stringify(failed),
      note: input.note,
      head_name: input.headName,
      filler_name: input.fillerName,
      filler_phone: input.fillerPhone,
      submitted_on: rc.today,
      submitted_by: user?.id ?? ctx.actor.username,
      submitted_by_name: user?.displayName ?? ctx.actor.username,
    },
    'report_submission',
  );
  return toSummary(cachedStatement(rc.db, `${SELECT} WHERE id = ?`).get(id) as SubmissionRow);
}

/** The latest hand-in of a form and period by this office, if any. */
export function latestSubmission(db: Db, office: string | null, form: FormKind, period: string): SubmissionSummary | null {
  return listSubmissions(db, office, { form, period })[0] ?? null;
}

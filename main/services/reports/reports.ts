/**
 * The entry points of 统计与报表, one per channel: each takes the database, the day and (where it
 * matters) who asks, builds the report context of this office and calls the engine, a form or an
 * export. Exports read everything in one snapshot, then write the workbook outside it.
 */
import type { Db } from '../../db/connection';
import type { WriteContext } from '../../db/sync';
import type { TaskHandle } from '../../tasks';
import type { User } from '../../../shared/schemas/user';
import type {
  Dashboard,
  DrillQuery,
  DrillResult,
  FormData,
  IndicatorAnswer,
  IndicatorQuery,
  Morning,
  OfficeProfile,
  OfficeProfileFields,
  SubmissionSummary,
  SubmitForm,
  WorkSummary,
} from '../../../shared/schemas/reports';
import type { z } from 'zod';
import type { activitiesExportSchema, arrearsExportSchema, callsExportSchema, volunteersExportSchema, drillExportSchema, formQuerySchema, pairsExportSchema, requestsExportSchema, worklistExportSchema } from '../../../shared/schemas/reports';
import { reportContext } from './scope';
import { drill } from './engine';
import { indicatorAnswer } from './indicator';
import { dashboard } from './dashboard';
import { morning } from './morning';
import { workSummary } from './workSummary';
import { countForm, listSubmissions, submitForm, submittedForm } from './forms/forms';
import { formFileName, formWorkbook } from './forms/xlsx';
import { getProfile, saveProfile } from './profile';
import { activitiesSheet, arrearsSheet, callsSheet, volunteersSheet, drillSheet, pairsSheet, requestsSheet, worklistSheet, writeList, type ListFile, type ListSheet } from './exports';

import { countyRollup } from './bureau';
import { officeContext, rollupFile } from './county';

export { countyBoard, countyRollup } from './bureau';
export { formCompare, knownOffices, scorecard } from './county';

/** One indicator, saying whose figures they are (./indicator.ts: at a bureau, its own, one community's or the county's). */
export function indicatorReport(db: Db, today: string, query: IndicatorQuery): IndicatorAnswer {
  return indicatorAnswer(db, today, query);
}

export function drillReport(db: Db, today: string, query: DrillQuery): DrillResult {
  const { office, ...rest } = query;
  return drill(officeContext(db, today, office), rest);
}

/** This office's dashboard; at the bureau, with `office`, one community's from the records it sent. */
export function dashboardReport(db: Db, today: string, query: { period: string; office?: string | undefined }): Dashboard {
  return dashboard(officeContext(db, today, query.office), query.period);
}

export function countyRollupFile(db: Db, today: string, period: string, campaigns: boolean, at: Date): Promise<ListFile> {
  return rollupFile(() => countyRollup(db, today, period, campaigns), db, at);
}

export function morningReport(db: Db, today: string): Morning {
  return morning(reportContext(db, today));
}

export function workSummaryReport(db: Db, today: string, query: { period: string; userId?: string | undefined }, user: User | null): WorkSummary {
  return workSummary(reportContext(db, today), query, user);
}

/** The form counted now, or as handed in by a submission. */
export function formReport(db: Db, today: string, query: z.output<typeof formQuerySchema>): FormData {
  if (query.submissionId) return submittedForm(db, query.submissionId);
  return countForm(reportContext(db, today), query.form, query.period);
}

export async function formFile(db: Db, today: string, query: z.output<typeof formQuerySchema>, task?: TaskHandle): Promise<ListFile> {
  task?.progress(0, 1, 'reports.progressForm');
  const data = db.transaction(() => formReport(db, today, query)).deferred();
  const buffer = await formWorkbook(data);
  task?.progress(1, 1, 'reports.progressForm');
  return { fileName: formFileName(data), base64: buffer.toString('base64'), count: data.tables.length };
}

export function submitReport(db: Db, ctx: WriteContext, today: string, user: User | null, input: SubmitForm): SubmissionSummary {
  return submitForm(reportContext(db, today), ctx, user, input);
}

export function submissionsReport(db: Db, today: string, query: { form?: 'annual' | 'campaign' | undefined; period?: string | undefined; office?: string | undefined }): SubmissionSummary[] {
  return listSubmissions(db, officeContext(db, today, query.office).office, query);
}

export function officeProfile(db: Db, officeId: string): OfficeProfile {
  return getProfile(db, officeId);
}

export function saveOfficeProfile(db: Db, ctx: WriteContext, fields: OfficeProfileFields): OfficeProfile {
  return saveProfile(db, ctx, fields);
}

/** The list read in one snapshot, then written as a workbook outside it. */
function listFile(db: Db, read: () => ListSheet, at: Date): Promise<ListFile> {
  const sheet = db.transaction(read).deferred();
  return writeList(sheet, at);
}

export function worklistFile(db: Db, user: User, query: z.output<typeof worklistExportSchema>, today: string, at: Date): Promise<ListFile> {
  return listFile(db, () => worklistSheet(db, user, query, today), at);
}

export function requestsFile(db: Db, user: User, query: z.output<typeof requestsExportSchema>, at: Date): Promise<ListFile> {
  return listFile(db, () => requestsSheet(db, user, query), at);
}

export function pairsFile(db: Db, query: z.output<typeof pairsExportSchema>, today: string, at: Date): Promise<ListFile> {
  return listFile(db, () => pairsSheet(db, query, today), at);
}

export function callsFile(db: Db, query: z.output<typeof callsExportSchema>, at: Date): Promise<ListFile> {
  return listFile(db, () => callsSheet(db, query), at);
}

export function activitiesFile(db: Db, query: z.output<typeof activitiesExportSchema>, at: Date): Promise<ListFile> {
  return listFile(db, () => activitiesSheet(db, query), at);
}

/** The volunteers with their hours in `year` (the list's year; this year when it names none). */
export function volunteersFile(db: Db, query: z.output<typeof volunteersExportSchema>, today: string, at: Date): Promise<ListFile> {
  return listFile(db, () => volunteersSheet(db, query, query.year ?? Number(today.slice(0, 4))), at);
}

export function arrearsFile(db: Db, query: z.output<typeof arrearsExportSchema>, at: Date): Promise<ListFile> {
  return listFile(db, () => arrearsSheet(db, query), at);
}

export function drillFile(db: Db, today: string, query: z.output<typeof drillExportSchema>, at: Date): Promise<ListFile> {
  const { office, ...rest } = query;
  return listFile(db, () => drillSheet(officeContext(db, today, office), rest), at);
}

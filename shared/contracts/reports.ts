/**
 * Channels of 统计与报表. Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/reports/handlers.ts. Staff, admins and viewers read the statistics and the forms;
 * staff and admins hand forms in; the office profile is the admin's, like the other settings. A
 * grid worker gets their own work summary, and exports the lists they can see (their worklist,
 * their persons' requests).
 */
import { z } from 'zod';
import { channel, empty, type ChannelDef } from '../channel';
import { ADMIN_ONLY, ALL_ROLES, READERS, WRITERS } from '../roles';
import {
  activitiesExportSchema,
  arrearsExportSchema,
  breakdownExportSchema,
  dashboardSchema,
  callsExportSchema,
  drillExportSchema,
  drillQuerySchema,
  drillResultSchema,
  fileSchema,
  formDataSchema,
  formQuerySchema,
  indicatorAnswerSchema,
  indicatorQuerySchema,
  morningSchema,
  officeProfileFieldsSchema,
  officeProfileSchema,
  pairsExportSchema,
  countyRollupQuerySchema,
  requestsExportSchema,
  submissionListQuerySchema,
  submissionSummarySchema,
  submitFormSchema,
  countyBoardSchema,
  countyRollupSchema,
  dashboardQuerySchema,
  formCompareSchema,
  scorecardSchema,
  yearSchema,
  knownOfficeSchema,
  workSummaryQuerySchema,
  workSummarySchema,
  worklistExportSchema,
  volunteersExportSchema,
} from '../schemas/reports';

export const reportChannels = {
  /**
   * One indicator of the catalogue for a period, overall and (with `by`) per value of a breakdown,
   * saying whose figures they are. At the bureau, `office` is one community's (NOT_FOUND for an
   * office it does not trust, OFFICE_NEVER_REPORTED for one that sent nothing); `by: 'office'`
   * without it, every community's with the county's total.
   */
  'reports.indicator': channel({ input: indicatorQuerySchema, output: indicatorAnswerSchema, access: READERS, kind: 'read' }),
  /** One indicator per value of a breakdown as .xlsx, the period and the breakdown in its title row. */
  'reports.breakdownExport': channel({ input: breakdownExportSchema, output: fileSchema, access: READERS, kind: 'task' }),
  /** The persons or records behind one number, a page at a time. */
  'reports.drill': channel({ input: drillQuerySchema, output: drillResultSchema, access: READERS, kind: 'read' }),
  /** The same list, every row, as .xlsx with the filter in its title row. */
  'reports.drillExport': channel({ input: drillExportSchema, output: fileSchema, access: READERS, kind: 'task' }),
  /** The dashboard; at the bureau, `office` is one community's, as that office sees it, from the records it sent. */
  'reports.dashboard': channel({ input: dashboardQuerySchema, output: dashboardSchema, access: READERS, kind: 'read' }),
  /** The office head's morning view on the home page. */
  'reports.morning': channel({ input: empty, output: morningSchema, access: READERS, kind: 'read' }),
  /** 月度工作小结: per worker and for the office; a grid worker gets their own line only. */
  'reports.workSummary': channel({ input: workSummaryQuerySchema, output: workSummarySchema, access: ALL_ROLES, kind: 'read' }),
  /** A statutory form counted now (with its checks), or as handed in. */
  'reports.form': channel({ input: formQuerySchema, output: formDataSchema, access: READERS, kind: 'read' }),
  'reports.formXlsx': channel({ input: formQuerySchema, output: fileSchema, access: READERS, kind: 'task' }),
  /** 上报: REPORT_NOT_DUE before the period is over, REPORT_CHECKS_FAILED while a check fails without a note. */
  'reports.submit': channel({ input: submitFormSchema, output: submissionSummarySchema, access: WRITERS, kind: 'write' }),
  'reports.submissions': channel({ input: submissionListQuerySchema, output: z.array(submissionSummarySchema), access: READERS, kind: 'read' }),
  /** The 四个到位 and 示范社区 of this office. */
  'reports.profile': channel({ input: empty, output: officeProfileSchema, access: ALL_ROLES, kind: 'read' }),
  'reports.saveProfile': channel({ input: officeProfileFieldsSchema, output: officeProfileSchema, access: ADMIN_ONLY, kind: 'write' }),
  /** Filtered lists as .xlsx, every row of the filter, the filter in the title row. */
  'reports.exportWorklist': channel({ input: worklistExportSchema, output: fileSchema, access: ALL_ROLES, kind: 'task' }),
  'reports.exportRequests': channel({ input: requestsExportSchema, output: fileSchema, access: ALL_ROLES, kind: 'task' }),
  'reports.exportPairs': channel({ input: pairsExportSchema, output: fileSchema, access: READERS, kind: 'task' }),
  'reports.exportCalls': channel({ input: callsExportSchema, output: fileSchema, access: READERS, kind: 'task' }),
  'reports.exportActivities': channel({ input: activitiesExportSchema, output: fileSchema, access: READERS, kind: 'task' }),
  'reports.exportVolunteers': channel({ input: volunteersExportSchema, output: fileSchema, access: READERS, kind: 'task' }),
  'reports.exportArrears': channel({ input: arrearsExportSchema, output: fileSchema, access: READERS, kind: 'task' }),
  /** The county bureau's 汇总: key figures per community office and the county total (BUREAU_ONLY elsewhere). */
  'reports.countyRollup': channel({ input: countyRollupQuerySchema, output: countyRollupSchema, access: READERS, kind: 'read' }),
  /** The county bureau's 报送情况: who sent data when, the annual form handed in, and whom to remind (催报). */
  'reports.countyBoard': channel({ input: empty, output: countyBoardSchema, access: READERS, kind: 'read' }),
  /** The roll-up as .xlsx, the period in its title row. */
  'reports.countyRollupXlsx': channel({ input: countyRollupQuerySchema, output: fileSchema, access: READERS, kind: 'task' }),
  /** The offices whose records a bureau holds (itself and its communities), for the office filter and column of its lists. */
  'reports.countyOffices': channel({ input: empty, output: z.array(knownOfficeSchema), access: ALL_ROLES, kind: 'read' }),
  /** The yearly 考核 scorecard of the communities, ranked, with the bureau's weights. */
  'reports.scorecard': channel({ input: z.object({ year: yearSchema }).strict(), output: scorecardSchema, access: READERS, kind: 'read' }),
  /** A handed-in form beside what the office's records say now, the differing cells listed. */
  'reports.formCompare': channel({ input: z.object({ submissionId: z.string().uuid() }).strict(), output: formCompareSchema, access: READERS, kind: 'read' }),
} as const satisfies Record<string, ChannelDef>;

/** Handlers of the channels in shared/contracts/reports.ts. */
import type { HandlersOf } from '../../handlerContext';
import { officeIdOf, requireUser, writeContextOf } from '../../handlerContext';
import type { reportChannels } from '../../../shared/contracts/reports';
import { toDateString } from '../../../shared/dates';
import {
  arrearsFile,
  countyBoard,
  countyRollup,
  countyRollupFile,
  dashboardReport,
  drillFile,
  drillReport,
  formFile,
  formCompare,
  formReport,
  knownOffices,
  indicatorReport,
  morningReport,
  officeProfile,
  pairsFile,
  requestsFile,
  saveOfficeProfile,
  scorecard,
  submissionsReport,
  submitReport,
  workSummaryReport,
  worklistFile,
} from './reports';

export const reportHandlers: HandlersOf<keyof typeof reportChannels> = {
  'reports.indicator': (ctx, input) => indicatorReport(ctx.db, toDateString(ctx.now), input),
  'reports.drill': (ctx, input) => drillReport(ctx.db, toDateString(ctx.now), input),
  'reports.drillExport': (ctx, input) => drillFile(ctx.db, toDateString(ctx.now), input, ctx.now),
  'reports.dashboard': (ctx, input) => dashboardReport(ctx.db, toDateString(ctx.now), input),
  'reports.morning': (ctx) => morningReport(ctx.db, toDateString(ctx.now)),
  'reports.workSummary': (ctx, input) => workSummaryReport(ctx.db, toDateString(ctx.now), input, ctx.user),
  'reports.form': (ctx, input) => formReport(ctx.db, toDateString(ctx.now), input),
  'reports.formXlsx': (ctx, input) => formFile(ctx.db, toDateString(ctx.now), input, ctx.task),
  'reports.submit': (ctx, input) => submitReport(ctx.db, writeContextOf(ctx), toDateString(ctx.now), ctx.user, input),
  'reports.submissions': (ctx, input) => submissionsReport(ctx.db, toDateString(ctx.now), input),
  'reports.profile': (ctx) => officeProfile(ctx.db, officeIdOf(ctx.db)),
  'reports.saveProfile': (ctx, input) => saveOfficeProfile(ctx.db, writeContextOf(ctx), input),
  'reports.exportWorklist': (ctx, input) => worklistFile(ctx.db, requireUser(ctx), input, toDateString(ctx.now), ctx.now),
  'reports.exportRequests': (ctx, input) => requestsFile(ctx.db, requireUser(ctx), input, ctx.now),
  'reports.exportPairs': (ctx, input) => pairsFile(ctx.db, input, toDateString(ctx.now), ctx.now),
  'reports.exportArrears': (ctx, input) => arrearsFile(ctx.db, input, ctx.now),
  'reports.countyRollup': (ctx, input) => countyRollup(ctx.db, toDateString(ctx.now), input.period),
  'reports.countyBoard': (ctx) => countyBoard(ctx.db, toDateString(ctx.now)),
  'reports.countyRollupXlsx': (ctx, input) => countyRollupFile(ctx.db, toDateString(ctx.now), input.period, ctx.now),
  'reports.countyOffices': (ctx) => knownOffices(ctx.db),
  'reports.scorecard': (ctx, input) => scorecard(ctx.db, toDateString(ctx.now), input.year),
  'reports.formCompare': (ctx, input) => formCompare(ctx.db, toDateString(ctx.now), input.submissionId),
};

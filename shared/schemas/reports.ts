/**
 * 统计与报表: figures of the catalogue (shared/reports/catalogue.ts) for a period, the lists behind
 * them, the office head's morning view, the monthly work summary, the statutory forms and their
 * hand-in (上报), the office profile (四个到位), and .xlsx exports of filtered lists.
 */
import { callListQuerySchema } from './calls';
import { z } from 'zod';
import { officeIdSchema, optionalText, uuidSchema } from './common';
import { DIMS, INDICATOR_KEYS } from '../reports/catalogue';
import { CAMPAIGNS } from '../reports/period';
import { worklistQuerySchema } from './visits';
import { requestListQuerySchema } from './requests';
import { pairListQuerySchema } from './pairs';
import { activityFilterShape, activityRangeInOrder } from './activities';
import { volunteerListQuerySchema } from './volunteers';
import { arrearsQuerySchema } from './party';
import { digitText } from '../digits';

/** A period as text (2026, 2026-Q4, 2026-11, 2026-12-31, 2026-11-05..2026-12-05, chongyang:2026); main parses it. */
export const periodTextSchema = z.string().trim().min(4).max(40);

/** An office's id as packets carry it (a bureau names one of its communities by it). */

export const dashboardQuerySchema = z.object({ period: periodTextSchema, office: officeIdSchema.optional() }).strict();

const indicatorKeySchema = z.enum(INDICATOR_KEYS as [string, ...string[]]);
const dimSchema = z.enum(DIMS);

export const RAG = ['green', 'amber', 'red'] as const;
export type RagStatus = (typeof RAG)[number];

export const resolvedPeriodSchema = z.object({
  text: z.string(),
  kind: z.enum(['year', 'quarter', 'month', 'date', 'range', 'campaign']),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  running: z.boolean(),
  startsBeforeRecords: z.boolean(),
  recordsFrom: z.string(),
  campaign: z.object({ campaign: z.enum(CAMPAIGNS), year: z.number().int() }).nullable(),
});

/** Figures by measure or derived key: counts, sums (元 and hours already divided), rates; null when there is nothing to divide by. */
const figuresSchema = z.record(z.string(), z.number().nullable());

export const indicatorRowSchema = z.object({
  /** The breakdown value (a code, an id, a month); null for a missing value (no grid, no contact …). */
  key: z.string().nullable(),
  /** The record's name for a value that is a record (a grid, a user, a branch); null for coded values. */
  name: z.string().nullable(),
  figures: figuresSchema,
  status: z.enum(RAG).nullable(),
});
export type IndicatorRow = z.infer<typeof indicatorRowSchema>;

export const indicatorResultSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  period: resolvedPeriodSchema,
  /** The office counted (origin_office); null: every record this database holds. */
  office: z.string().nullable(),
  figures: figuresSchema,
  /** Facts whose inputs are missing, by measure (only those with any). */
  incomplete: z.array(z.object({ key: z.string(), count: z.number().int() })),
  /** The office's goal for a campaign's coverage, and where the figure stands against it. */
  goal: z.object({ target: z.number(), status: z.enum(RAG).nullable() }).nullable(),
  by: dimSchema.nullable(),
  rows: z.array(indicatorRowSchema),
});
export type IndicatorResult = z.infer<typeof indicatorResultSchema>;

export const indicatorQuerySchema = z
  .object({
    key: indicatorKeySchema,
    period: periodTextSchema,
    by: dimSchema.optional(),
    /**
     * Whose figures: at a county bureau its own id (its own persons, as without one) or a community
     * it trusts (from the records that office sent); at a community office its own id only. Without
     * one a bureau counts its own persons, except `by: 'office'`, which is the whole county.
     */
    office: officeIdSchema.optional(),
  })
  .strict();
export type IndicatorQuery = z.output<typeof indicatorQuerySchema>;

/** An indicator per value of one breakdown, as .xlsx with the period and the breakdown in its title row. */
export const breakdownExportSchema = z
  .object({
    key: indicatorKeySchema,
    period: periodTextSchema,
    by: dimSchema,
    office: officeIdSchema.optional(),
  })
  .strict();
export type BreakdownExport = z.output<typeof breakdownExportSchema>;

export const drillQuerySchema = z
  .object({
    key: indicatorKeySchema,
    /** The measure whose facts are listed (a 0/1 measure of the indicator). */
    measure: z.string().trim().min(1).max(40),
    period: periodTextSchema,
    /** Only the facts of one value of a breakdown; `value` null is the missing value (no grid …). */
    by: dimSchema.optional(),
    value: z.string().max(100).nullable().optional(),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
    /** At the county bureau: the list of one community, from the records it sent. */
    office: officeIdSchema.optional(),
  })
  .strict();
export type DrillQuery = z.output<typeof drillQuerySchema>;

const cellSchema = z.union([z.string(), z.number(), z.null()]);

export const drillRowSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  cells: z.record(z.string(), cellSchema),
});
export type DrillRow = z.infer<typeof drillRowSchema>;

export const drillResultSchema = z.object({
  key: z.string(),
  measure: z.string(),
  period: resolvedPeriodSchema,
  by: dimSchema.nullable(),
  value: z.string().nullable(),
  /** The label of the breakdown value filtered on (a grid's name …), for titles. */
  valueName: z.string().nullable(),
  /** The office counted, for the title of a printed list. */
  officeName: z.string(),
  total: z.number().int(),
  rows: z.array(drillRowSchema),
});
export type DrillResult = z.infer<typeof drillResultSchema>;

export const officeLabelSchema = z.object({
  id: z.string().nullable(),
  name: z.string(),
  /** A county bureau's own figures: only the persons it registered itself. */
  bureauOwn: z.boolean(),
});

/** Whose figures an answer of reports.indicator holds, for its heading. */
export const figuresOfSchema = officeLabelSchema.extend({
  /** A county bureau's figures of its communities together (id null, name the bureau's), its own persons not among them. */
  county: z.boolean(),
});
export type FiguresOf = z.infer<typeof figuresOfSchema>;

export const indicatorAnswerSchema = indicatorResultSchema.extend({ whose: figuresOfSchema });
export type IndicatorAnswer = z.infer<typeof indicatorAnswerSchema>;

export const dashboardSchema = z.object({
  period: resolvedPeriodSchema,
  office: officeLabelSchema,
  results: z.array(indicatorResultSchema),
  /** Indicators that could not be counted for this period, with the reason's code. */
  refused: z.array(z.object({ key: z.string(), code: z.string() })),
  coverageByGrid: z.array(indicatorResultSchema),
  visitsByMonth: indicatorResultSchema.nullable(),
  agePyramid: indicatorResultSchema.nullable(),
  /**
   * At the county bureau, another office's dashboard: the day its data is as of (its newest
   * packet) and whether the period goes on past it. Null for this office's own figures.
   */
  officeData: z.object({ dataAsOf: z.string().nullable(), incomplete: z.boolean() }).nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

const miniPersonSchema = z.object({ personId: z.string(), name: z.string(), date: z.string(), detail: z.string() });

export const morningSchema = z.object({
  today: z.string(),
  office: officeLabelSchema,
  overdueByWorker: z.array(z.object({ userId: z.string().nullable(), name: z.string().nullable(), overdue: z.number().int(), missed: z.number().int() })),
  overdueTotal: z.number().int(),
  campaigns: z.array(
    z.object({
      campaign: z.enum(CAMPAIGNS),
      year: z.number().int(),
      dueDate: z.string(),
      due: z.number().int(),
      visited: z.number().int(),
      coverage: z.number().nullable(),
      goal: z.number(),
      status: z.enum(RAG).nullable(),
    }),
  ),
  requestsPastDue: z.number().int(),
  requestDueDays: z.number().int(),
  pairsOverdue: z.number().int(),
  noContact: z.number().int(),
  inHospital: z.array(miniPersonSchema),
  inHospitalCount: z.number().int(),
  recentDeaths: z.array(miniPersonSchema),
  recentDeathsCount: z.number().int(),
  /** The first day of the recent deaths counted (30 days back, or the first day of the records). */
  deathsSince: z.string(),
  /** 整寿 birthdays of the next 30 days whose visit is still to be made (the birthdays the visit rules plan a visit for). */
  birthdays: z.array(miniPersonSchema.extend({ age: z.number().int() })),
  /** The last day of those 30 (the worklist's `to` of the list behind them; `from` is today). */
  birthdaysUntil: z.string(),
  dues: z.object({ month: z.string(), persons: z.number().int(), months: z.number().int() }),
});
export type Morning = z.infer<typeof morningSchema>;

export const workSummaryQuerySchema = z
  .object({
    /** A month (2026-11) or any range period. */
    period: periodTextSchema,
    /** One worker; left out: everyone (a grid worker always gets their own). */
    userId: uuidSchema.optional(),
  })
  .strict();

export const workSummaryRowSchema = z.object({
  userId: z.string().nullable(),
  name: z.string(),
  role: z.string().nullable(),
  grids: z.array(z.string()),
  /** Persons the worker is the responsible contact of at the period's end. */
  persons: z.number().int(),
  planned: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  missed: z.number().int(),
  pending: z.number().int(),
  completion: z.number().nullable(),
  /** Visit records the worker wrote for the period (人次). */
  records: z.number().int(),
  giftFen: z.number().int(),
  requestsResolved: z.number().int(),
  /** The persons whose visits are overdue or missed, for the worker's own page. */
  behind: z.array(z.object({ personId: z.string(), name: z.string(), reason: z.string(), due: z.string(), status: z.enum(['overdue', 'missed']) })),
});
export type WorkSummaryRow = z.infer<typeof workSummaryRowSchema>;

export const workSummarySchema = z.object({
  period: resolvedPeriodSchema,
  office: officeLabelSchema,
  rows: z.array(workSummaryRowSchema),
  totals: workSummaryRowSchema.omit({ behind: true, userId: true, name: true, role: true, grids: true }),
});
export type WorkSummary = z.infer<typeof workSummarySchema>;

// Statutory forms

export const FORMS = ['annual', 'campaign'] as const;
export type FormKind = (typeof FORMS)[number];

export const formCellSchema = z.union([z.number(), z.string(), z.null()]);

export const formHeaderCellSchema = z.object({ text: z.string(), colSpan: z.number().int().min(1), rowSpan: z.number().int().min(1) });

export const formTableSchema = z.object({
  id: z.string(),
  title: z.string(),
  header: z.array(z.array(formHeaderCellSchema)),
  /** Kinds of the columns after the label columns: how numbers are written. */
  columnUnits: z.array(z.enum(['count', 'percent', 'yuan', 'years', 'text'])),
  /** Label columns at the left (类别, 项目): one or two. */
  labelColumns: z.number().int().min(1).max(2),
  rows: z.array(
    z.object({
      /**
       * The labels; a group label spans its rows (rowSpan on the first row of the group, 0 on the
       * others). Fewer labels than label columns: the last one spans the rest.
       */
      labels: z.array(z.object({ text: z.string(), rowSpan: z.number().int().min(0) })),
      cells: z.array(formCellSchema),
      total: z.boolean(),
      /** How this row's numbers are written, when not as its columns say (a rate in a table of ages). */
      unit: z.enum(['count', 'percent', 'yuan', 'years', 'text']).optional(),
    }),
  ),
});
export type FormTable = z.infer<typeof formTableSchema>;

export const formCheckSchema = z.object({
  key: z.string(),
  ok: z.boolean(),
  /** What was compared, in Chinese (the form is a Chinese document). */
  text: z.string(),
});
export type FormCheck = z.infer<typeof formCheckSchema>;

export const signatureSchema = z.object({
  headName: optionalText(30),
  fillerName: optionalText(30),
  fillerPhone: digitText()
    .trim()
    .regex(/^([0-9+\-() ]{3,20})?$/, { message: 'phone.format' })
    .default(''),
});

export const submissionSummarySchema = z.object({
  id: z.string(),
  form: z.enum(FORMS),
  period: z.string(),
  asOf: z.string(),
  submittedOn: z.string(),
  submittedAt: z.string(),
  submittedByName: z.string(),
  headName: z.string(),
  fillerName: z.string(),
  fillerPhone: z.string(),
  note: z.string(),
  failedChecks: z.array(formCheckSchema),
  origin: z.string(),
});
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

export const formDataSchema = z.object({
  form: z.enum(FORMS),
  version: z.number().int(),
  title: z.string(),
  officeName: z.string(),
  period: resolvedPeriodSchema,
  periodLabel: z.string(),
  /** 统计时点 as printed. */
  asOfLabel: z.string(),
  tables: z.array(formTableSchema),
  notes: z.array(z.string()),
  checks: z.array(formCheckSchema),
  /** Why the form cannot be handed in yet, if so (the year or campaign is not over). */
  notYet: z.string().nullable(),
  /** The figures as frozen by a hand-in (when the form is read from one), else null. */
  submission: submissionSummarySchema.nullable(),
});
export type FormData = z.infer<typeof formDataSchema>;

export const formQuerySchema = z
  .object({
    form: z.enum(FORMS),
    /** annual: a year (2026); campaign: chongyang:2026. */
    period: periodTextSchema,
    /** Read the figures as handed in by this submission instead of counting them now. */
    submissionId: uuidSchema.optional(),
  })
  .strict();

export const submitFormSchema = z
  .object({
    form: z.enum(FORMS),
    period: periodTextSchema,
    /** Explains the checks that fail; needed when any does. */
    note: optionalText(2000),
    ...signatureSchema.shape,
  })
  .strict();
export type SubmitForm = z.output<typeof submitFormSchema>;

export const submissionListQuerySchema = z
  .object({ form: z.enum(FORMS).optional(), period: periodTextSchema.optional(), /** At the bureau: one community's hand-ins. */ office: officeIdSchema.optional() })
  .strict();

export const fileSchema = z.object({ fileName: z.string(), base64: z.string(), count: z.number().int() });

// Office profile (四个到位)

export const MODEL_LEVELS = ['', 'county', 'city', 'province', 'national'] as const;

/** Suggested 服务项目; free entries are allowed beside them. */
export const COMMON_SERVICES = ['学习教育', '文体活动', '健康服务', '助餐助洁', '走访慰问', '法律咨询', '心理关爱', '志愿服务', '代办服务'];

const countOrNull = z.number().int().min(0).max(10_000).nullable().default(null);

export const officeProfileFieldsSchema = z
  .object({
    venueName: optionalText(100),
    venueAreaM2: z.number().min(0).max(1_000_000).nullable().default(null),
    fundsYear: z.number().int().min(2000).max(2200).nullable().default(null),
    /** 年度经费 in fen; the form takes 元. */
    annualFundsFen: z.number().int().min(0).max(100_000_000_000).nullable().default(null),
    staffFullTime: countOrNull,
    staffPartTime: countOrNull,
    services: z
      .array(z.string().trim().min(1).max(40))
      .max(30)
      .default([])
      .refine((v) => new Set(v).size === v.length, { message: 'report.servicesRepeated' }),
    modelCommunity: z.boolean().default(false),
    modelLevel: z.enum(MODEL_LEVELS).default(''),
    modelSince: z.number().int().min(1990).max(2200).nullable().default(null),
    notes: optionalText(1000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.modelCommunity && v.modelLevel === '') ctx.addIssue({ code: 'custom', path: ['modelLevel'], message: 'report.modelLevelRequired' });
    if ((v.annualFundsFen === null) !== (v.fundsYear === null)) {
      ctx.addIssue({ code: 'custom', path: [v.fundsYear === null ? 'fundsYear' : 'annualFundsFen'], message: 'report.fundsNeedYear' });
    }
  });
export type OfficeProfileFields = z.output<typeof officeProfileFieldsSchema>;

export const officeProfileSchema = z.object({
  venueName: z.string(),
  venueAreaM2: z.number().nullable(),
  fundsYear: z.number().int().nullable(),
  annualFundsFen: z.number().int().nullable(),
  staffFullTime: z.number().int().nullable(),
  staffPartTime: z.number().int().nullable(),
  services: z.array(z.string()),
  modelCommunity: z.boolean(),
  modelLevel: z.enum(MODEL_LEVELS),
  modelSince: z.number().int().nullable(),
  notes: z.string(),
  /** When it was last saved; null: never filled in. */
  updatedAt: z.string().nullable(),
  /** The 四个到位 as the 考核 reads them: each in place or not. */
  inPlace: z.object({ venue: z.boolean(), funds: z.boolean(), staff: z.boolean(), services: z.boolean() }),
});
export type OfficeProfile = z.infer<typeof officeProfileSchema>;

// Exports of filtered lists (.xlsx with the filter in the title row)

/** The worklist as shown: every row of the filter, not only the page. */
export const worklistExportSchema = worklistQuerySchema.omit({ limit: true, offset: true }).strict();
export const requestsExportSchema = requestListQuerySchema.omit({ limit: true, offset: true }).strict();
export const pairsExportSchema = pairListQuerySchema.omit({ limit: true, offset: true }).strict();
export const arrearsExportSchema = arrearsQuerySchema;
export const callsExportSchema = callListQuerySchema.omit({ limit: true, offset: true }).strict();
export const drillExportSchema = drillQuerySchema.omit({ limit: true, offset: true }).strict();
export const activitiesExportSchema = z.object(activityFilterShape).strict().refine(activityRangeInOrder, { path: ['to'], message: 'activities.rangeReversed' });
export const volunteersExportSchema = volunteerListQuerySchema.omit({ limit: true, offset: true }).strict();

/** The county bureau's roll-up (汇总) and reporting board (报送情况). */
export const countyOfficeSchema = z.object({ id: z.string(), name: z.string(), areaCode: z.string() });

export const rollupFigureSchema = z.object({ key: z.string(), measure: z.string() });
export type RollupFigure = z.infer<typeof rollupFigureSchema>;

/** The 汇总 of a period; `campaigns: false` leaves out 春节 and 重阳 (a narrower table). */
export const countyRollupQuerySchema = z.object({ period: periodTextSchema, campaigns: z.boolean().default(true) }).strict();

export const countyRollupSchema = z.object({
  period: z.string(),
  /** Whether the campaigns' figures are among the columns. */
  campaigns: z.boolean(),
  /** The columns, in order; a row's figures are keyed `${key}:${measure}`. */
  figures: z.array(rollupFigureSchema),
  rows: z.array(
    z.object({
      office: countyOfficeSchema,
      /** Whether any record of the office has reached the bureau; without, every figure is null. */
      received: z.boolean(),
      figures: z.record(z.string(), z.number().nullable()),
      /**
       * Why an office has no figures for the period: PERIOD_BEFORE_RECORDS (its records begin after
       * it), PERIOD_AFTER_DATA (its newest packet is older than the period), or the code of a
       * refusal of the period itself.
       */
      refused: z.string().nullable(),
      /** The day the office's data is as of (its newest packet), null before any packet. */
      dataAsOf: z.string().nullable(),
      /** The first day of the office's records here, null before any. */
      recordsFrom: z.string().nullable(),
      /** The period goes on past the office's data: its figures miss what happened since. */
      dataIncomplete: z.boolean(),
    }),
  ),
  /** Counts summed over the offices, rates recomputed from the sums. */
  total: z.record(z.string(), z.number().nullable()),
});
export type CountyRollup = z.infer<typeof countyRollupSchema>;

export const FORM_STATUSES = ['onTime', 'late', 'missing', 'open', 'notExpected'] as const;
export type FormStatus = (typeof FORM_STATUSES)[number];

/** A form the bureau expects for the current period: the annual one of last year, each campaign's latest. */
export const expectedFormSchema = z.object({ form: z.enum(FORMS), period: z.string(), due: z.string() });
export type ExpectedForm = z.infer<typeof expectedFormSchema>;

export const officeFormSchema = expectedFormSchema.extend({
  submissionId: z.string().nullable(),
  submittedOn: z.string().nullable(),
  /**
   * onTime / late by the hand-in day; missing once past due without one; open while not yet due;
   * notExpected when its period ended before the office's first record here (nothing to report).
   */
  status: z.enum(FORM_STATUSES),
});
export type OfficeForm = z.infer<typeof officeFormSchema>;

export const STALENESS = ['green', 'amber', 'red', 'never'] as const;
export type Staleness = (typeof STALENESS)[number];

export const countyBoardSchema = z.object({
  today: z.string(),
  /** The year whose annual form is due now. */
  annualPeriod: z.string(),
  /** The months of the packet history (YYYY-MM), the oldest first, this month last. */
  months: z.array(z.string()),
  rows: z.array(
    z.object({
      office: countyOfficeSchema,
      lastReceived: z.string().nullable(),
      dataAsOf: z.string().nullable(),
      daysSince: z.number().int().nullable(),
      packetsThisMonth: z.number().int(),
      packetsTotal: z.number().int(),
      /** Packets received in each of `months`. */
      packetsByMonth: z.array(z.number().int()),
      status: z.enum(STALENESS),
      annualSubmittedOn: z.string().nullable(),
      /** The forms of the current period (as in `expected`), handed in or not. */
      forms: z.array(officeFormSchema),
    }),
  ),
  expected: z.array(expectedFormSchema),
  /** The offices to remind (催报): never heard from, silent too long, or a form past due. */
  remind: z.array(z.string()),
});
export type CountyBoard = z.infer<typeof countyBoardSchema>;

/** An office the bureau knows, as its lists name it: two of one name told apart by area code. */
export const knownOfficeSchema = countyOfficeSchema.extend({ label: z.string(), own: z.boolean() });
export type KnownOffice = z.infer<typeof knownOfficeSchema>;

export const yearSchema = z.number().int().min(2000).max(2200);

export const SCORE_PARTS = ['profile', 'visits', 'contacts', 'campaigns', 'reporting'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

/** The yearly 考核 of the communities: each part 0–100 (null: nothing to score), weighted, ranked. */
export const scorecardSchema = z.object({
  year: z.number().int(),
  asOf: z.string(),
  weights: z.record(z.enum(SCORE_PARTS), z.number()),
  rows: z.array(
    z.object({
      rank: z.number().int(),
      office: countyOfficeSchema,
      received: z.boolean(),
      /** The 四个到位, each in place or not, as the office's profile says. */
      inPlace: z.object({ venue: z.boolean(), funds: z.boolean(), staff: z.boolean(), services: z.boolean() }),
      modelCommunity: z.boolean(),
      parts: z.record(z.enum(SCORE_PARTS), z.number().nullable()),
      /** Weighted mean of the parts; a part with nothing to score counts 0. */
      score: z.number(),
      formsDue: z.number().int(),
      formsOnTime: z.number().int(),
    }),
  ),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const formDiffSchema = z.object({
  tableId: z.string(),
  tableTitle: z.string(),
  row: z.number().int(),
  col: z.number().int(),
  rowLabel: z.string(),
  colLabel: z.string(),
  submitted: formCellSchema,
  current: formCellSchema,
});
export type FormDiff = z.infer<typeof formDiffSchema>;

/** A handed-in form beside the same form counted now from the office's records. */
export const formCompareSchema = z.object({
  submitted: formDataSchema,
  current: formDataSchema,
  differences: z.array(formDiffSchema),
  /** The tables changed shape (a newer form version): compared cell by cell only where both have one. */
  shapeChanged: z.boolean(),
});
export type FormCompare = z.infer<typeof formCompareSchema>;

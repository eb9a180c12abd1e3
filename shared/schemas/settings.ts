import { z } from 'zod';
import { DEFAULT_SCHEDULE_RULES, scheduleRulesSchema } from '../schedule/rules';
import { digitText } from '../digits';

/** A phone number, or nothing yet. */
const optionalPhone = digitText()
  .trim()
  .regex(/^([0-9+\-() ]{3,20})?$/, { message: 'phone.format' });

const goalSchema = z.number().int().min(0).max(100);

/**
 * What the statistics compare against: the coverage goal of each campaign (the office's own target,
 * 100% unless set lower), how far below it a figure is amber rather than red, and after how many
 * days an unresolved service request counts as past due.
 */
export const reportSettingsSchema = z.object({
  goals: z.object({ spring_festival: goalSchema, chongyang: goalSchema, party_day: goalSchema, birthday: goalSchema }),
  amberMargin: z.number().int().min(0).max(50),
  requestDueDays: z.number().int().min(1).max(365),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  goals: { spring_festival: 100, chongyang: 100, party_day: 100, birthday: 100 },
  amberMargin: 10,
  requestDueDays: 15,
};

const dueDaysSchema = z.number().int().min(0).max(366);
const weightSchema = z.number().int().min(0).max(100);

/**
 * What the county bureau expects of its communities: how many days after its period each form is
 * due (the annual form after 31 December, a campaign's summary after its festival; 整寿 after the
 * year's end), and the weights of the yearly 考核 scorecard's parts.
 */
export const bureauSettingsSchema = z.object({
  dueDays: z.object({ annual: dueDaysSchema, spring_festival: dueDaysSchema, chongyang: dueDaysSchema, party_day: dueDaysSchema, birthday: dueDaysSchema }),
  weights: z
    .object({ profile: weightSchema, visits: weightSchema, contacts: weightSchema, campaigns: weightSchema, reporting: weightSchema })
    .refine((w) => w.profile + w.visits + w.contacts + w.campaigns + w.reporting > 0, { message: 'report.weightsZero' }),
});
export type BureauSettings = z.infer<typeof bureauSettingsSchema>;

export const DEFAULT_BUREAU_SETTINGS: BureauSettings = {
  dueDays: { annual: 31, spring_festival: 15, chongyang: 15, party_day: 15, birthday: 31 },
  weights: { profile: 20, visits: 25, contacts: 15, campaigns: 25, reporting: 15 },
};

/** Office-wide settings, changed by an admin. Defaults apply until someone changes them. */
export const officeSettingsSchema = z.object({
  /** Minutes without activity before the session locks; 0 turns the lock off. */
  idleLockMinutes: z.number().int().min(0).max(240),
  /** Automatic daily backups on or off. */
  dailyBackup: z.boolean(),
  /** How many automatic backups to keep; older ones are deleted. */
  backupKeep: z.number().int().min(1).max(365),
  /** The visit rules (走访慰问制度); changing them replans every open visit. */
  scheduleRules: scheduleRulesSchema,
  /** The office hotline and its 24-hour number, printed on service cards (爱心服务卡). */
  hotline: optionalPhone,
  hotline24h: optionalPhone,
  /** Goals and limits of the statistics (统计). */
  reports: reportSettingsSchema,
  /** The county bureau's deadlines and 考核 weights (read at a bureau only). */
  bureau: bureauSettingsSchema,
  /** The most rows a roster import may have; a longer file is refused as soon as it is read that far. */
  rosterMaxRows: z.number().int().min(100).max(100_000),
});
export type OfficeSettings = z.infer<typeof officeSettingsSchema>;

export const DEFAULT_SETTINGS: OfficeSettings = {
  idleLockMinutes: 15,
  dailyBackup: true,
  backupKeep: 14,
  scheduleRules: DEFAULT_SCHEDULE_RULES,
  hotline: '',
  hotline24h: '',
  reports: DEFAULT_REPORT_SETTINGS,
  bureau: DEFAULT_BUREAU_SETTINGS,
  rosterMaxRows: 50_000,
};

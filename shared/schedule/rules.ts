import { z } from 'zod';

/**
 * The visit rules an office can adjust (走访慰问制度). Defaults follow the practice: monthly visits
 * for people at risk, quarterly for everyone else, holiday and milestone-birthday visits, a visit
 * within three days of a hospitalisation, and a condolence visit within seven days of a death.
 */
export const scheduleRulesSchema = z.object({
  /** Routine visits for people at risk (独居, 空巢 aged 80+, ADL 中度/重度, flagged high risk). */
  atRiskEveryMonths: z.number().int().min(1).max(12),
  /** Routine visits for everyone else. */
  othersEveryMonths: z.number().int().min(1).max(12),
  /** 空巢 persons count as at risk from this age. */
  emptyNestRiskAge: z.number().int().min(60).max(120),
  springFestival: z.boolean(), // 春节: everyone
  chongyang: z.boolean(), // 重阳节: everyone
  partyDay: z.boolean(), // 七一: party members
  /** Milestone birthdays (整寿), and every birthday from `everyYearFrom` on. */
  milestoneAges: z.array(z.number().int().min(50).max(130)).max(20),
  everyYearFrom: z.number().int().min(80).max(130),
  /** 整寿 counted by 周岁 (full years) or by 虚岁 (one more). */
  ageCounting: z.enum(['full', 'nominal']),
  /** 整寿 on the solar birthday, or on the 农历 birthday of the persons who have one recorded. */
  birthdayCalendar: z.enum(['solar', 'lunar']),
  hospitalisationWithinDays: z.number().int().min(1).max(30),
  condolenceWithinDays: z.number().int().min(1).max(30),
  /** A planned visit shows in worklists from this many days before its due date. */
  showDaysBefore: z.number().int().min(0).max(60),
  /** A visit not done this many days after its due date is missed. */
  missedAfterDays: z.number().int().min(1).max(120),
  /** A 能力评估 visit is planned when the latest capability assessment is this many months old. */
  reassessEveryMonths: z.number().int().min(1).max(60),
});
export type ScheduleRules = z.infer<typeof scheduleRulesSchema>;

export const DEFAULT_SCHEDULE_RULES: ScheduleRules = {
  atRiskEveryMonths: 1,
  othersEveryMonths: 3,
  emptyNestRiskAge: 80,
  springFestival: true,
  chongyang: true,
  partyDay: true,
  milestoneAges: [80, 85, 90, 95, 100],
  everyYearFrom: 100,
  ageCounting: 'full',
  birthdayCalendar: 'solar',
  hospitalisationWithinDays: 3,
  condolenceWithinDays: 7,
  showDaysBefore: 7,
  missedAfterDays: 14,
  reassessEveryMonths: 12,
};

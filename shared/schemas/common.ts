import { z } from 'zod';
import { dateTextProblem, parseDateOrMonthText, parseDateText } from '../dates';

/** YYYY-MM-DD, also read from the common Chinese ways of writing a date. */
export const dateSchema = z.string().transform((value, ctx) => {
  const parsed = parseDateText(value);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: dateTextProblem(value) });
    return z.NEVER;
  }
  return parsed;
});

/**
 * YYYY-MM-DD or YYYY-MM: a date where only its year and month are known (离退休时间, 入党时间 from old
 * paper files), kept as typed. Compared with dates as text, a year-and-month sorts before the days of its month.
 */
export const dateOrMonthSchema = z.string().transform((value, ctx) => {
  const parsed = parseDateOrMonthText(value);
  if (!parsed) {
    const problem = dateTextProblem(value);
    ctx.addIssue({ code: 'custom', message: problem === 'date.format' ? 'date.formatOrMonth' : problem });
    return z.NEVER;
  }
  return parsed;
});

export const uuidSchema = z.string().uuid();

/** An office's id as the county bureau's office filters name it. */
export const officeIdSchema = z.string().trim().regex(/^[0-9A-Za-z_-]{1,64}$/);

/** Trimmed text up to `max` characters, empty when left out. */
export const optionalText = (max: number) => z.string().trim().max(max).default('');

/** Paging of a list answer. */
export const pagingShape = {
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
};

import { z } from 'zod';
import { parseDateText } from '../dates';

/** YYYY-MM-DD, also read from the common Chinese ways of writing a date. */
export const dateSchema = z.string().transform((value, ctx) => {
  const parsed = parseDateText(value);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: 'date.format' });
    return z.NEVER;
  }
  return parsed;
});

export const uuidSchema = z.string().uuid();

/** Trimmed text up to `max` characters, empty when left out. */
export const optionalText = (max: number) => z.string().trim().max(max).default('');

/** Paging of a list answer. */
export const pagingShape = {
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
};

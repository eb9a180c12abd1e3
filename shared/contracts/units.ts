/**
 * Channels of 原工作单位. Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/units/handlers.ts. Grid workers get none of them: the registry of units, the matching
 * and the feedback to units are office work.
 */
import { z } from 'zod';
import { channel, idInput, okOutput, type ChannelDef } from '../channel';
import { READERS, WRITERS } from '../roles';
import {
  confirmMatchResultSchema,
  confirmMatchSchema,
  feedbackFileSchema,
  feedbackQuerySchema,
  matchListSchema,
  matchQuerySchema,
  unitDetailSchema,
  unitFeedbackSchema,
  unitFieldsSchema,
  unitListQuerySchema,
  unitSchema,
  unitUpdateSchema,
} from '../schemas/units';

export const unitChannels = {
  /** The registry: search by name, department or contact, filter by level; with the number of linked persons. */
  'units.list': channel({
    input: unitListQuerySchema,
    output: z.object({ total: z.number().int(), capped: z.boolean(), rows: z.array(unitSchema) }),
    access: READERS,
    kind: 'read',
  }),
  'units.get': channel({ input: idInput, output: unitDetailSchema, access: READERS, kind: 'read' }),
  'units.create': channel({ input: unitFieldsSchema, output: z.object({ id: z.string() }), access: WRITERS, kind: 'write' }),
  /** A new name or level is carried to every linked person's 原工作单位 in the same transaction. */
  'units.update': channel({ input: unitUpdateSchema, output: z.object({ changed: z.boolean(), personsUpdated: z.number().int() }), access: WRITERS, kind: 'write' }),
  /** Refused with UNIT_IN_USE while persons are linked; a tombstone otherwise. */
  'units.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  /** The typed unit texts of persons without a linked unit, grouped, each with the units it may mean. Links nothing. */
  'units.matchSuggestions': channel({ input: matchQuerySchema, output: matchListSchema, access: WRITERS, kind: 'read' }),
  /** Staff confirm one text group: its persons are linked to the chosen (or a new) unit. */
  'units.confirmMatches': channel({ input: confirmMatchSchema, output: confirmMatchResultSchema, access: WRITERS, kind: 'write' }),
  /** The situation of the unit's retirees in the community over a date range (情况反馈), for print. */
  'units.feedback': channel({ input: feedbackQuerySchema, output: unitFeedbackSchema, access: READERS, kind: 'read' }),
  /** The same as an .xlsx workbook. */
  'units.feedbackXlsx': channel({ input: feedbackQuerySchema, output: feedbackFileSchema, access: READERS, kind: 'task' }),
} as const satisfies Record<string, ChannelDef>;

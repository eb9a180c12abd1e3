/**
 * Channels of 学习和活动. Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/activities/handlers.ts. Everyone but grid workers reads; staff and admins write.
 */
import { z } from 'zod';
import { channel, idInput, okOutput, type ChannelDef } from '../channel';
import { READERS, WRITERS } from '../roles';
import {
  activityDetailSchema,
  activityFieldsSchema,
  activityListQuerySchema,
  activityListSchema,
  activityUpdateSchema,
  attendanceSchema,
  calendarQuerySchema,
  calendarSchema,
  personActivitiesSchema,
  signUpSchema,
} from '../schemas/activities';

export const activityChannels = {
  /** By date range, kind and text, newest first (or in calendar order), with sign-up and attendance counts. */
  'activities.list': channel({ input: activityListQuerySchema, output: activityListSchema, access: READERS, kind: 'read' }),
  /** Every activity of one month, for the month grid. */
  'activities.calendar': channel({ input: calendarQuerySchema, output: calendarSchema, access: READERS, kind: 'read' }),
  'activities.get': channel({ input: idInput, output: activityDetailSchema, access: READERS, kind: 'read' }),
  'activities.create': channel({ input: activityFieldsSchema, output: z.object({ id: z.string() }), access: WRITERS, kind: 'write' }),
  'activities.update': channel({ input: activityUpdateSchema, output: z.object({ changed: z.boolean() }), access: WRITERS, kind: 'write' }),
  /** Tombstone; its sign-ups stay attached but are no longer shown anywhere. */
  'activities.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  /** Signs up one or more persons; all or none (ACTIVITY_FULL, ALREADY_SIGNED_UP). */
  'activities.signUp': channel({ input: signUpSchema, output: z.object({ ids: z.array(z.string()) }), access: WRITERS, kind: 'write' }),
  /** Removes a sign-up or a walk-in (tombstone). id: the participant row. */
  'activities.removeParticipant': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  /** Who came and who did not, plus walk-ins, saved together. */
  'activities.recordAttendance': channel({
    input: attendanceSchema,
    output: z.object({ changed: z.number(), walkInIds: z.array(z.string()) }),
    access: WRITERS,
    kind: 'write',
  }),
  /** What a person signed up for and attended, newest first, with this year's counts. */
  'activities.forPerson': channel({
    input: z.object({ personId: z.string().uuid() }).strict(),
    output: personActivitiesSchema,
    access: READERS,
    kind: 'read',
  }),
} as const satisfies Record<string, ChannelDef>;

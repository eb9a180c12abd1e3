/**
 * Channels of 党组织. Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/party/handlers.ts. Reads for READERS (bureau inspectors included), writes for
 * WRITERS; grid workers have no part in branch affairs.
 */
import { z } from 'zod';
import { channel, idInput, okOutput, type ChannelDef } from '../channel';
import { READERS, WRITERS } from '../roles';
import { uuidSchema } from '../schemas/common';
import {
  addMemberSchema,
  appointSchema,
  arrearsQuerySchema,
  arrearsRowSchema,
  branchDetailSchema,
  branchFieldsSchema,
  branchListQuerySchema,
  branchRowSchema,
  branchUpdateSchema,
  duesMonthLineSchema,
  duesMonthQuerySchema,
  duesUpdateSchema,
  setPensionSchema,
  endMemberSchema,
  endPostSchema,
  expectedMemberSchema,
  expectedQuerySchema,
  branchLifeQuerySchema,
  branchLifeSchema,
  meetingDetailSchema,
  meetingFieldsSchema,
  meetingListQuerySchema,
  meetingRowSchema,
  meetingUpdateSchema,
  memberListQuerySchema,
  membershipSchema,
  moveMemberSchema,
  personPartySchema,
  recordMonthSchema,
  updateMemberSchema,
} from '../schemas/party';

const created = z.object({ id: z.string() });
const changed = z.object({ changed: z.boolean() });

export const partyChannels = {
  // Branches and committees
  'party.branches.list': channel({ input: branchListQuerySchema, output: z.array(branchRowSchema), access: READERS, kind: 'read' }),
  'party.branches.get': channel({ input: idInput, output: branchDetailSchema, access: READERS, kind: 'read' }),
  'party.branches.create': channel({ input: branchFieldsSchema, output: created, access: WRITERS, kind: 'write' }),
  'party.branches.update': channel({ input: branchUpdateSchema, output: changed, access: WRITERS, kind: 'write' }),
  'party.branches.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  'party.committee.appoint': channel({ input: appointSchema, output: created, access: WRITERS, kind: 'write' }),
  'party.committee.end': channel({ input: endPostSchema, output: changed, access: WRITERS, kind: 'write' }),
  'party.committee.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  // Members
  'party.members.list': channel({
    input: memberListQuerySchema,
    output: z.object({ total: z.number().int(), capped: z.boolean(), rows: z.array(membershipSchema) }),
    access: READERS,
    kind: 'read',
  }),
  'party.members.add': channel({ input: addMemberSchema, output: created, access: WRITERS, kind: 'write' }),
  'party.members.update': channel({ input: updateMemberSchema, output: changed, access: WRITERS, kind: 'write' }),
  /** Closes the membership and opens one in the other branch (one transaction). */
  'party.members.move': channel({ input: moveMemberSchema, output: created, access: WRITERS, kind: 'write' }),
  'party.members.end': channel({ input: endMemberSchema, output: okOutput, access: WRITERS, kind: 'write' }),
  'party.members.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  'party.person': channel({ input: z.object({ personId: uuidSchema }).strict(), output: personPartySchema, access: READERS, kind: 'read' }),
  // Meetings and attendance
  'party.meetings.list': channel({
    input: meetingListQuerySchema,
    output: z.object({ total: z.number().int(), capped: z.boolean(), rows: z.array(meetingRowSchema) }),
    access: READERS,
    kind: 'read',
  }),
  'party.meetings.get': channel({ input: idInput, output: meetingDetailSchema, access: READERS, kind: 'read' }),
  /** The members of a branch on a day: who the attendance list must name. */
  'party.branches.life': channel({ input: branchLifeQuerySchema, output: branchLifeSchema, access: READERS, kind: 'read' }),
  'party.meetings.expected': channel({ input: expectedQuerySchema, output: z.array(expectedMemberSchema), access: READERS, kind: 'read' }),
  'party.meetings.create': channel({ input: meetingFieldsSchema, output: created, access: WRITERS, kind: 'write' }),
  'party.meetings.update': channel({ input: meetingUpdateSchema, output: changed, access: WRITERS, kind: 'write' }),
  'party.meetings.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  // Dues
  'party.dues.month': channel({ input: duesMonthQuerySchema, output: z.array(duesMonthLineSchema), access: READERS, kind: 'read' }),
  'party.dues.recordMonth': channel({ input: recordMonthSchema, output: z.object({ count: z.number().int() }), access: WRITERS, kind: 'write' }),
  'party.dues.update': channel({ input: duesUpdateSchema, output: changed, access: WRITERS, kind: 'write' }),
  'party.dues.setPension': channel({ input: setPensionSchema, output: changed, access: WRITERS, kind: 'write' }),
  'party.dues.delete': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
  'party.dues.arrears': channel({ input: arrearsQuerySchema, output: z.array(arrearsRowSchema), access: READERS, kind: 'read' }),
} as const satisfies Record<string, ChannelDef>;

/**
 * Channels of 老年人能力评估 (GB/T 42195-2022). Spread into the one contract by shared/contract.ts;
 * handlers live in main/services/capability/handlers.ts. Staff and admins record; readers read.
 */
import { z } from 'zod';
import { channel, idInput, okOutput, type ChannelDef } from '../channel';
import { READERS, WRITERS } from '../roles';
import { capabilityAssessmentSchema, saveCapabilityResultSchema, saveCapabilitySchema } from '../schemas/capability';

export const capabilityChannels = {
  /** A person's assessments, newest first, drafts included. */
  'capability.forPerson': channel({
    input: z.object({ personId: z.string().uuid() }).strict(),
    output: z.object({ assessments: z.array(capabilityAssessmentSchema) }),
    access: READERS,
    kind: 'read',
  }),
  'capability.get': channel({ input: idInput, output: capabilityAssessmentSchema, access: READERS, kind: 'read' }),
  /**
   * Saves an assessment: complete answers make it final (total and grade, and the person's planned
   * 能力评估 visit is done); otherwise it stays a draft without a grade. CAPABILITY_ANSWER_INVALID
   * names an answer outside its item's levels; CAPABILITY_ASSESSMENT_FINAL when continuing a final one.
   */
  'capability.save': channel({ input: saveCapabilitySchema, output: saveCapabilityResultSchema, access: WRITERS, kind: 'write' }),
  /** Drafts only: a final assessment is kept (CAPABILITY_ASSESSMENT_FINAL). */
  'capability.deleteDraft': channel({ input: idInput, output: okOutput, access: WRITERS, kind: 'write' }),
} as const satisfies Record<string, ChannelDef>;

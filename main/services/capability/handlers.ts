/** Handlers of the channels in shared/contracts/capability.ts. */
import type { HandlersOf } from '../../handlerContext';
import { writeContextOf } from '../../handlerContext';
import type { capabilityChannels } from '../../../shared/contracts/capability';
import { deleteCapabilityDraft, getCapabilityAssessment, listCapabilityAssessments, saveCapabilityAssessment } from './assessments';

export const capabilityHandlers: HandlersOf<keyof typeof capabilityChannels> = {
  'capability.forPerson': (ctx, input) => ({ assessments: listCapabilityAssessments(ctx.db, input.personId) }),
  'capability.get': (ctx, input) => getCapabilityAssessment(ctx.db, input.id),
  'capability.save': (ctx, input) => saveCapabilityAssessment(ctx.db, writeContextOf(ctx), input),
  'capability.deleteDraft': (ctx, input) => {
    deleteCapabilityDraft(ctx.db, writeContextOf(ctx), input.id);
    return { done: true };
  },
};

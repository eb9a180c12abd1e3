/** Handlers of the channels in shared/contracts/volunteers.ts. */
import type { HandlersOf } from '../../handlerContext';
import type { volunteerChannels } from '../../../shared/contracts/volunteers';

export const volunteerHandlers: HandlersOf<keyof typeof volunteerChannels> = {};

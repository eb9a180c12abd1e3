/** Handlers of the channels in shared/contracts/activities.ts. */
import type { HandlersOf } from '../../handlerContext';
import type { activityChannels } from '../../../shared/contracts/activities';

export const activityHandlers: HandlersOf<keyof typeof activityChannels> = {};

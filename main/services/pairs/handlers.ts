/** Handlers of the channels in shared/contracts/pairs.ts. */
import type { HandlersOf } from '../../handlerContext';
import type { pairChannels } from '../../../shared/contracts/pairs';

export const pairHandlers: HandlersOf<keyof typeof pairChannels> = {};

/** Handlers of the channels in shared/contracts/units.ts. */
import type { HandlersOf } from '../../handlerContext';
import type { unitChannels } from '../../../shared/contracts/units';

export const unitHandlers: HandlersOf<keyof typeof unitChannels> = {};

/** Handlers of the channels in shared/contracts/party.ts. */
import type { HandlersOf } from '../../handlerContext';
import type { partyChannels } from '../../../shared/contracts/party';

export const partyHandlers: HandlersOf<keyof typeof partyChannels> = {};

/**
 * Channels of 党组织 (issue 6). Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/party/handlers.ts.
 */
import type { ChannelDef } from '../channel';

export const partyChannels = {} as const satisfies Record<string, ChannelDef>;

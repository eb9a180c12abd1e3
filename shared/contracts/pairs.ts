/**
 * Channels of 结对帮扶 (issue 6). Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/pairs/handlers.ts.
 */
import type { ChannelDef } from '../channel';

export const pairChannels = {} as const satisfies Record<string, ChannelDef>;

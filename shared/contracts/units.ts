/**
 * Channels of 原工作单位 (issue 6). Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/units/handlers.ts.
 */
import type { ChannelDef } from '../channel';

export const unitChannels = {} as const satisfies Record<string, ChannelDef>;

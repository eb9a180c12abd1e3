/**
 * Channels of 学习和活动 (issue 6). Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/activities/handlers.ts.
 */
import type { ChannelDef } from '../channel';

export const activityChannels = {} as const satisfies Record<string, ChannelDef>;

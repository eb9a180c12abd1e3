/**
 * Channels of 志愿服务 (issue 6). Spread into the one contract by shared/contract.ts; handlers live in
 * main/services/volunteers/handlers.ts.
 */
import type { ChannelDef } from '../channel';

export const volunteerChannels = {} as const satisfies Record<string, ChannelDef>;

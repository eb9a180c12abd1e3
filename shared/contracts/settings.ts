/**
 * Channels of the office-wide settings. Spread into the one contract by shared/contract.ts; handlers
 * live in main/services/settings/handlers.ts. Every role reads them; only administrators change them.
 */
import { channel, empty, type ChannelDef } from '../channel';
import { ADMIN_ONLY, ALL_ROLES } from '../roles';
import { officeSettingsSchema } from '../schemas/settings';

export const settingsChannels = {
  'settings.get': channel({ input: empty, output: officeSettingsSchema, access: ALL_ROLES, kind: 'read' }),
  /** Only the settings given change. New visit rules replan every open visit in the same transaction. */
  'settings.update': channel({
    input: officeSettingsSchema.partial().strict(),
    output: officeSettingsSchema,
    access: ADMIN_ONLY,
    kind: 'write',
  }),
} as const satisfies Record<string, ChannelDef>;

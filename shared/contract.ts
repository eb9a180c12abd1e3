/**
 * The one contract: every channel that crosses the process boundary, with its input schema, output
 * schema, who may call it and how it runs. Both the renderer client and main's dispatch are typed
 * from this map; nothing else crosses.
 *
 * kind: 'read'  runs inside a read transaction (a consistent snapshot);
 *       'write' runs inside a write transaction, so a failure writes nothing;
 *       'task'  is long work: async, reports progress events, can be cancelled, manages its own writes.
 */
import { z } from 'zod';
import type { ChannelDef } from './channel';
import { appChannels } from './contracts/app';
import { authChannels } from './contracts/auth';
import { userChannels } from './contracts/users';
import { settingsChannels } from './contracts/settings';
import { auditChannels } from './contracts/audit';
import { backupChannels } from './contracts/backup';
import { personChannels } from './contracts/persons';
import { rosterChannels } from './contracts/roster';
import { gridChannels } from './contracts/grids';
import { assignmentChannels } from './contracts/assignments';
import { visitChannels } from './contracts/visits';
import { requestChannels } from './contracts/requests';
import { listChannels } from './contracts/lists';
import { packetChannels } from './contracts/packets';
import { unitChannels } from './contracts/units';
import { partyChannels } from './contracts/party';
import { activityChannels } from './contracts/activities';
import { volunteerChannels } from './contracts/volunteers';
import { pairChannels } from './contracts/pairs';
import { reportChannels } from './contracts/reports';
import { capabilityChannels } from './contracts/capability';
import { callChannels } from './contracts/calls';
import { recoveryChannels } from './contracts/recovery';
import { sessionEndReasonSchema } from './schemas/user';

export type { ChannelDef, ChannelKind } from './channel';

/** Every capability declares its channels in shared/contracts/<area>.ts; this only gathers them. */
export const contract = {
  ...appChannels,
  ...authChannels,
  ...userChannels,
  ...settingsChannels,
  ...auditChannels,
  ...backupChannels,
  ...personChannels,
  ...rosterChannels,
  ...gridChannels,
  ...assignmentChannels,
  ...visitChannels,
  ...requestChannels,
  ...listChannels,
  ...packetChannels,
  ...unitChannels,
  ...partyChannels,
  ...activityChannels,
  ...volunteerChannels,
  ...pairChannels,
  ...reportChannels,
  ...capabilityChannels,
  ...callChannels,
  ...recoveryChannels,
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * Events for long work. A task call may carry a `taskId` chosen by the caller; progress for it
 * arrives on the 'progress' event with that id, and 'tasks.cancel' with the id stops it.
 */
export const events = {
  progress: z.object({
    taskId: z.string(),
    channel: z.string(),
    done: z.number(),
    total: z.number(),
    /** i18n key of what is being done, e.g. 'progress.backup'. */
    stage: z.string(),
  }),
  /** The session was locked by main (idle) or ended (restore, logout elsewhere; `reason` when the account changed). */
  session: z.object({ locked: z.boolean(), loggedOut: z.boolean(), reason: sessionEndReasonSchema.optional() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/** Options that travel beside the input of a call, never inside it. */
export interface CallOptions {
  taskId?: string;
}

/**
 * Channels of the Excel roster in and out. Spread into the one contract by shared/contract.ts;
 * handlers live in main/services/roster/handlers.ts. Staff and admins import; every role may export
 * the list it sees. Upload once (roster.parse keeps the parsed file in main by id), then preview and
 * commit by id.
 */
import { channel, empty, type ChannelDef } from '../channel';
import { ALL_ROLES, WRITERS } from '../roles';
import { personListQuerySchema } from '../schemas/persons';
import {
  rosterCommitInputSchema,
  rosterCommitResultSchema,
  rosterExportFileSchema,
  rosterFileSchema,
  rosterParsedSchema,
  rosterPreviewInputSchema,
  rosterPreviewSchema,
  rosterUploadSchema,
} from '../schemas/roster';

export const rosterChannels = {
  'roster.template': channel({ input: empty, output: rosterFileSchema, access: WRITERS, kind: 'task' }),
  'roster.parse': channel({ input: rosterUploadSchema, output: rosterParsedSchema, access: WRITERS, kind: 'task' }),
  /** A task, not a read: a long roster is checked in slices so other calls are answered meanwhile. */
  'roster.preview': channel({ input: rosterPreviewInputSchema, output: rosterPreviewSchema, access: WRITERS, kind: 'task' }),
  'roster.commit': channel({ input: rosterCommitInputSchema, output: rosterCommitResultSchema, access: WRITERS, kind: 'task' }),
  /** The list as the user sees it: a grid worker exports their own persons only. */
  'roster.export': channel({
    input: personListQuerySchema.omit({ limit: true, offset: true }),
    output: rosterExportFileSchema,
    access: ALL_ROLES,
    kind: 'task',
  }),
} as const satisfies Record<string, ChannelDef>;

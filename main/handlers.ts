/**
 * The handler of every channel of the contract, gathered from each capability's
 * main/services/<area>/handlers.ts. The mapped type makes a missing or misspelled handler a compile
 * error, and gives each handler its channel's parsed input and output types.
 */
import type { Channel } from '../shared/contract';
import type { Handler } from './handlerContext';
import { appHandlers } from './services/app/handlers';
import { authHandlers } from './services/auth/handlers';
import { userHandlers } from './services/users/handlers';
import { settingsHandlers } from './services/settings/handlers';
import { auditHandlers } from './services/audit/handlers';
import { backupHandlers } from './services/backup/handlers';
import { personHandlers } from './services/persons/handlers';
import { rosterHandlers } from './services/roster/handlers';
import { gridHandlers } from './services/grids/handlers';
import { assignmentHandlers } from './services/assignments/handlers';
import { visitHandlers } from './services/visits/handlers';
import { requestHandlers } from './services/requests/handlers';
import { listHandlers } from './services/lists/handlers';
import { packetHandlers } from './services/packets/handlers';
import { unitHandlers } from './services/units/handlers';
import { partyHandlers } from './services/party/handlers';
import { activityHandlers } from './services/activities/handlers';
import { volunteerHandlers } from './services/volunteers/handlers';
import { pairHandlers } from './services/pairs/handlers';
import { reportHandlers } from './services/reports/handlers';
import { capabilityHandlers } from './services/capability/handlers';
import { callHandlers } from './services/calls/handlers';
import { recoveryHandlers } from './services/auth/recoveryHandlers';

export type { Handler };

export type HandlerTable = { [C in Channel]: Handler<C> };

export const handlers: HandlerTable = {
  ...appHandlers,
  ...authHandlers,
  ...userHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...personHandlers,
  ...rosterHandlers,
  ...gridHandlers,
  ...assignmentHandlers,
  ...visitHandlers,
  ...requestHandlers,
  ...listHandlers,
  ...packetHandlers,
  ...unitHandlers,
  ...partyHandlers,
  ...activityHandlers,
  ...volunteerHandlers,
  ...pairHandlers,
  ...reportHandlers,
  ...capabilityHandlers,
  ...callHandlers,
  ...recoveryHandlers,
};

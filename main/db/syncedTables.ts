/**
 * Every synchronised table of the app. A table is listed when the service module that owns it
 * loads (registerSyncedTable in sync.ts), so this file loads every such module: whoever needs the
 * complete list — packets above all — gets it from here, whatever else happens to be loaded.
 * A service that registers a table is listed here; test/integration/packets.test.ts fails when a
 * table with the sync columns is missing from the list.
 */
import '../services/persons/persons';
import '../services/persons/health';
import '../services/persons/family';
import '../services/grids/grids';
import '../services/assignments/assignments';
import '../services/visits/planning';
import '../services/visits/records';
import '../services/requests/requests';
import '../services/lists/lists';
// Each capability's handlers load its services and their tables.
import '../services/units/handlers';
import '../services/party/handlers';
import '../services/activities/handlers';
import '../services/volunteers/handlers';
import '../services/pairs/handlers';
import '../services/reports/handlers';
import '../services/capability/handlers';
import '../services/calls/handlers';
import { registeredSyncedTables } from './sync';

/** The names of every synchronised table, in the order they were registered. */
export function syncedTables(): string[] {
  return registeredSyncedTables();
}

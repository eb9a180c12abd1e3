/**
 * Loads every service module that registers a synchronised table (registerSyncedTable runs when a
 * module loads), so whoever needs the whole registry — packets above all — gets it by importing
 * this file, whatever else happens to be loaded. A service that registers a table is listed here;
 * test/unit/packets.test.ts fails when a table with the sync columns is missing from the registry.
 */
import './persons/persons';
import './persons/health';
import './persons/family';
import './grids/grids';
import './assignments/assignments';
import './visits/planning';
import './visits/records';
import './requests/requests';
import './lists/lists';
// Issue 6: each capability's handlers load its services and their tables.
import './units/handlers';
import './party/handlers';
import './activities/handlers';
import './volunteers/handlers';
import './pairs/handlers';

export { listSyncedTables } from '../db/sync';

/**
 * What the login screen asks while the database is closed (the app starts locked): the office's name
 * and whether anyone is logged in, answered from the key-slot file. Kept apart from the contract and
 * the services, so browser mode answers them as soon as it listens, before dispatch and everything
 * behind it have loaded (main/host/server.ts); dispatch answers them the same way afterwards
 * (openForCall in ./unlock.ts).
 */
import fs from 'node:fs';
import type { AppContext } from '../../context';
import type { Session } from '../../auth/session';
import type { ChannelOutput } from '../../../shared/contract';
import { readSlotFile, slotsPath, type SlotFile } from '../../db/keySlots';
import { OFFICE_MODES, type Office } from '../../../shared/schemas/office';

/** The channels answered here while the database is closed. */
export const CLOSED_ANSWERED = new Set(['app.info', 'auth.session']);

export function dataExists(app: AppContext): boolean {
  return fs.existsSync(app.dbPath) || fs.existsSync(slotsPath(app.dataDir));
}

function officeFromSlots(app: AppContext): Office | null {
  let file: SlotFile;
  try {
    file = readSlotFile(slotsPath(app.dataDir));
  } catch {
    return null;
  }
  const o = file.office;
  if (!o || !(OFFICE_MODES as readonly string[]).includes(o.mode)) return null;
  return { id: o.id, name: o.name, areaCode: o.areaCode, mode: o.mode as Office['mode'], createdAt: o.createdAt };
}

/** app.info while the database is closed. */
export function closedAppInfo(app: AppContext): ChannelOutput<'app.info'> {
  return {
    version: app.version,
    dataDir: app.dataDir,
    databasePath: app.dbPath,
    logFile: app.log.file,
    schemaVersion: 0,
    transport: app.transport,
    setupNeeded: !dataExists(app),
    office: officeFromSlots(app),
  };
}

/** auth.session while the database is closed: nobody can be logged in to a closed database. */
export function closedSession(session: Session): ChannelOutput<'auth.session'> {
  if (session.userId !== null) session.logout();
  return { user: null, locked: false, idleLockMinutes: 0 };
}

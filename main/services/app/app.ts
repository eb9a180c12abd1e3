/** The application itself: what it is and where its data lives, and the office's first run. */
import type { AppContext } from '../../context';
import type { Db } from '../../db/connection';
import type { Session, SessionRegistry } from '../../auth/session';
import type { PasswordCost } from '../../auth/password';
import type { ChannelOutput } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/schemas/user';
import { AppError } from '../../../shared/errors';
import { schemaVersionOf } from '../../db/migrate';
import { officeIdentity } from '../packets/ownIdentity';
import { getUser } from '../users/users';
import { startSession } from '../auth/auth';
import { getOffice, setupOffice, type SetupInput } from './office';

export function appInfo(db: Db, app: AppContext): ChannelOutput<'app.info'> {
  const office = getOffice(db);
  return {
    version: app.version,
    dataDir: app.dataDir,
    databasePath: app.dbPath,
    logFile: app.log.file,
    schemaVersion: schemaVersionOf(db),
    transport: app.transport,
    setupNeeded: office === null,
    office,
  };
}

/**
 * First run from the app: the office, its first administrator and its packet keys, then the
 * administrator is logged in on the session. (Offices set up before packets existed get their keys
 * on first use.)
 */
export function setupAndLogin(
  db: Db,
  dataDir: string,
  sessions: Pick<SessionRegistry, 'renewId'>,
  session: Session,
  input: SetupInput,
  now: Date,
  cost: PasswordCost,
): SessionInfo {
  const { adminId } = setupOffice(db, input, now.toISOString(), cost);
  officeIdentity(db, dataDir, now);
  const admin = getUser(db, adminId);
  if (!admin) throw new AppError('INTERNAL', 'The admin account was not created.');
  return startSession(db, sessions, session, admin, now);
}

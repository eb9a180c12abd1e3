/**
 * Offices built once and copied for each test. Setting an office up (migrations, keys, users and
 * their logins) costs far more than writing its data folder out again, and a copy is as independent
 * as a fresh build: its own database and keys in its own temp folder, whatever the test does to it.
 *
 * The built folder is held in memory and removed at once, so nothing is left to clean up after the
 * file's tests; where vitest reuses a worker's modules across files (the integration project), the
 * files of one worker share one build.
 */
import { closeApp } from '../../main/context';
import type { Session } from '../../main/auth/session';
import { makeApp, tempDir, type MakeAppOptions, type TestApp } from './app';
import { restoreFolder, snapshotFolder, type FolderSnapshot } from './folders';

export interface OfficeTemplate {
  /** A fresh copy of the built office, open, with its clock at the build's starting time. */
  copy(): Promise<TestApp>;
}

/**
 * Builds the office on first use (so a test run alone builds it too) and copies it for every call
 * after. `build` gets an app with the tests' options; what it leaves in the data folder is the
 * template (sessions are not kept: `sessionFor` logs a copy's users in again).
 */
export function officeTemplate(build: (t: TestApp) => Promise<void>, options: MakeAppOptions = {}): OfficeTemplate {
  let built: Promise<FolderSnapshot> | null = null;
  return {
    async copy() {
      built ??= (async () => {
        const t = makeApp(undefined, options);
        try {
          await build(t);
          // Closing checkpoints the WAL into the database file and releases the folder's lock.
          closeApp(t.app);
          return snapshotFolder(t.dir);
        } finally {
          t.close();
        }
      })();
      // A failed build fails every test that asks, each with the build's own error.
      const snapshot = await built;
      const dir = tempDir();
      restoreFolder(snapshot, dir);
      return makeApp(dir, options);
    },
  };
}

/**
 * A session logged in as `username` on a copy, as the build's own login left it: the database is not
 * touched (no login is audited twice), since the build already logged everyone in once.
 */
export function sessionFor(t: TestApp, username: string): Session {
  const row = t.app.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string } | undefined;
  if (!row) throw new Error(`no user ${username} in this office`);
  const session = t.app.sessions.create(t.clock.time);
  session.login(row.id, username, t.clock.time);
  return session;
}

/**
 * Offices that start closed, as the desktop app starts: no key until a login (or setup, or the
 * recovery key) unwraps it. For the tests about the key itself (slots, the lock, recovery).
 */
import fs from 'node:fs';
import { afterEach } from 'vitest';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { ADMIN_PASSWORD, TEST_PASSWORD_COST, TestClock, tempDir } from './app';

/** What `app.setup` is given for a closed office: its administrator logs in with ADMIN_PASSWORD. */
export const SETUP = {
  officeName: '幸福里社区',
  areaCode: '140702001001',
  mode: 'community' as const,
  adminUsername: 'admin',
  adminDisplayName: '王主任',
  adminPassword: ADMIN_PASSWORD,
};

export interface ClosedApp {
  app: AppContext;
  dir: string;
  clock: TestClock;
}

/**
 * Call inside a describe: `closedApp` opens an app without a key on a folder (a new empty one by
 * default), `reopen` closes it and opens the same folder again, as a restart does. Every app is
 * closed and every folder removed after each test, with those added to `dirs`.
 */
export function closedApps(): { closedApp: (dir?: string, clock?: TestClock) => ClosedApp; reopen: (t: ClosedApp) => ClosedApp; dirs: string[] } {
  const dirs: string[] = [];
  const apps: AppContext[] = [];
  afterEach(() => {
    for (const app of apps.splice(0)) closeApp(app);
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const closedApp = (dir = tempDir(), clock = new TestClock()): ClosedApp => {
    if (!dirs.includes(dir)) dirs.push(dir);
    const app = openApp({ dataDir: dir, transport: 'direct', clock: clock.now, passwordCost: TEST_PASSWORD_COST });
    apps.push(app);
    return { app, dir, clock };
  };
  const reopen = (t: ClosedApp): ClosedApp => {
    closeApp(t.app);
    apps.splice(apps.indexOf(t.app), 1);
    return closedApp(t.dir, t.clock);
  };
  return { closedApp, reopen, dirs };
}

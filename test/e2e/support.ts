/**
 * Browser-mode end-to-end harness. One Chromium per test file; for each test a fresh office: the
 * file's seeded data folder (built once, through the services, the first time a test asks) copied to
 * a temp folder, the app and its HTTP host in this process on the copy, and a browser context of its
 * own. So every test starts from the same known state, one failure does not cascade, and any test
 * runs alone (`npx vitest run test/e2e/x.e2e.test.ts -t "name"`). `npm test` builds the renderer first.
 *
 * Screenshots for the documentation are taken only with CADRECARE_SCREENSHOTS=1 (into
 * test-results/e2e); without it `screenshot()` does nothing.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { startHost, type RunningHost } from '../../main/host/server';
import { dispatch } from '../../main/dispatch';
import type { Session } from '../../main/auth/session';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/contract';
import { TEST_DB_KEY, TEST_PASSWORD_COST } from '../helpers/app';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const RENDERER_DIR = path.resolve('dist', 'renderer');
export const SCREENSHOT_DIR = path.resolve('test-results', 'e2e');
/** Documentation screenshots (and the files printed along the way) are kept only when asked for. */
export const SCREENSHOTS = process.env['CADRECARE_SCREENSHOTS'] === '1';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Long enough for a loaded machine; a wait only takes this long when something is wrong. */
export const WAIT_MS = 30_000;
/** For describe(…, { timeout: E2E_TIMEOUT }): a test drives a real browser through several screens. */
export const E2E_TIMEOUT = 180_000;

export function checkPrerequisites(): void {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The renderer is not built (${RENDERER_DIR}/index.html is missing). Run \`npm run build\` (or \`npx vite build\`) before the e2e tests.`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium fonts-noto-cjk`);
  }
}

/** A logged-in session on an app, for seeding through dispatch: nothing is written by logging it in. */
export function sessionOf(app: AppContext, username: string): Session {
  const row = app.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string } | undefined;
  if (!row) throw new Error(`no user ${username} in this office`);
  const session = app.sessions.create(app.clock().getTime());
  session.login(row.id, username, app.clock().getTime());
  return session;
}

/** Calls a channel the way the renderer would and answers its value; any refusal fails the test. */
export async function must<C extends Channel>(app: AppContext, session: Session, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(app, session, channel, input, {}, { error: () => undefined });
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.details ?? {})}`);
  return result.value as ChannelOutput<C>;
}

/** What a seed has to work with: the app on the data folder being built. */
export interface SeedContext {
  app: AppContext;
  /** Calls a channel as `session`; see `must`. */
  must<C extends Channel>(session: Session, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

/** An office seeded once per file and copied for each test; `data` is what the seed answered (ids). */
export interface OfficeTemplate<T> {
  readonly name: string;
  /** The data folder and the seed's answer, building it the first time. */
  built(): Promise<{ dir: string; data: T }>;
}

export interface OpenOptions {
  /**
   * A browser context of its own for this test, instead of the file's page: for tests that change the
   * context for good (a fake clock).
   */
  fresh?: boolean;
}

/** One test's office: its app, host and browser context, all closed after the test. */
export interface Office<T> {
  app: AppContext;
  data: T;
  url: string;
  dataDir: string;
  context: BrowserContext;
  page: Page;
  /** A folder for the files of this test (downloads, PDFs), removed after it unless screenshots are kept. */
  files: string;
  /** Moves main's clock forward (its idle lock compares against it). */
  advanceServerClock(ms: number): void;
  /** A session as `username`, for seeding or checking through the services while the page runs. */
  as(username: string): Session;
  must<C extends Channel>(session: Session, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Another browser context on the same office: another person at another computer. */
  newPage(): Promise<Page>;
  /** A documentation screenshot of the page (or of `of`), taken only with CADRECARE_SCREENSHOTS=1. */
  screenshot(name: string, of?: Page, options?: { fullPage?: boolean }): Promise<void>;
}

export interface E2ESuite {
  /** Declares an office seeded by `seed` (through the services) on first use. */
  office<T>(name: string, seed: (s: SeedContext) => Promise<T>): OfficeTemplate<T>;
  /** A fresh copy of the template with its own app, host and browser context. */
  open<T>(template: OfficeTemplate<T>, options?: OpenOptions): Promise<Office<T>>;
  browser(): Browser;
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  context.setDefaultTimeout(WAIT_MS);
  // The print tab opens the browser's print dialog by itself; here that call is counted instead, and
  // the page is told it is a person's browser (a driven one keeps the page without a dialog).
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'webdriver', { configurable: true, get: () => false });
    const w = window as unknown as { __printCalls: number };
    w.__printCalls = 0;
    window.print = () => {
      w.__printCalls += 1;
    };
  });
  return context;
}

/**
 * A page kept for the whole file, and the port and token its offices are served on: each test's host
 * takes the same address, so the page loads the renderer as a reload would (the compiled scripts kept)
 * instead of a new browser starting cold. Between tests the page is emptied and everything the origin
 * stored is cleared, so nothing of one test reaches the next.
 */
interface Slot {
  context: BrowserContext;
  page: Page;
  port: number;
  token: string;
}

/** Parks the mouse and waits for transitions and ripples to end, then takes the picture. */
export async function screenshotOf(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.mouse.move(1, 1);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled', caret: 'hide', fullPage: options.fullPage ?? false });
}

/**
 * The harness of one test file: call at its top level. Chromium starts before the file's tests and
 * stops after them; what a test opened is closed after that test, whatever happened in it.
 */
export function e2eSuite(file: string): E2ESuite {
  let browser: Browser | null = null;
  const templates: { dir: Promise<{ dir: string }> | null }[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const slots: (Slot | undefined)[] = [];
  /** How many offices the running test has opened on the file's pages. */
  let slotsInUse = 0;

  beforeAll(async () => {
    checkPrerequisites();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterEach(async () => {
    slotsInUse = 0;
    // Newest first: pages before the hosts they talk to, hosts before their apps.
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    for (const t of templates) {
      const built = await t.dir?.catch(() => null);
      if (built) fs.rmSync(built.dir, { recursive: true, force: true });
    }
  });

  const running = (): Browser => {
    if (!browser) throw new Error('Chromium is not running: open offices inside tests only.');
    return browser;
  };

  /** The next of the file's pages for this test, made the first time; `release` empties it. */
  const takeSlot = async (): Promise<{ slot: Slot; release: () => Promise<void> }> => {
    const index = slotsInUse++;
    let slot = slots[index];
    if (!slot || slot.page.isClosed()) {
      if (slot) await slot.context.close().catch(() => undefined);
      const context = await newContext(running());
      slot = { context, page: await context.newPage(), port: slot?.port ?? 0, token: slot?.token ?? randomBytes(24).toString('base64url') };
      slots[index] = slot;
    }
    const taken = slot;
    const release = async () => {
      try {
        for (const other of taken.context.pages()) if (other !== taken.page) await other.close();
        taken.page.removeAllListeners();
        await taken.page.goto('about:blank');
        if (taken.port !== 0) {
          const cdp = await taken.context.newCDPSession(taken.page);
          await cdp.send('Storage.clearDataForOrigin', { origin: `http://127.0.0.1:${taken.port}`, storageTypes: 'all' });
          await cdp.detach();
        }
        await taken.context.clearCookies();
      } catch {
        // Not emptied: the next test gets a new page in a new context rather than this one.
        await taken.context.close().catch(() => undefined);
        slots[index] = undefined;
      }
    };
    return { slot, release };
  };

  /** The host on the slot's address; on another when that one was taken meanwhile (only slower). */
  const hostOn = async (app: AppContext, slot: Slot | null): Promise<RunningHost> => {
    if (slot && slot.port !== 0) {
      try {
        return await startHost({ app, port: slot.port, token: slot.token, rendererDir: RENDERER_DIR });
      } catch {
        slot.port = 0;
      }
    }
    const host = await startHost({ app, port: 0, rendererDir: RENDERER_DIR, ...(slot ? { token: slot.token } : {}) });
    if (slot) slot.port = host.port;
    return host;
  };

  return {
    browser: running,

    office<T>(name: string, seed: (s: SeedContext) => Promise<T>): OfficeTemplate<T> {
      let built: Promise<{ dir: string; data: T }> | null = null;
      const slot: { dir: Promise<{ dir: string }> | null } = { dir: null };
      templates.push(slot);
      return {
        name,
        built() {
          built ??= (async () => {
            const dir = tempDir(`cadrecare-e2e-${file}-${name}-`);
            // Under the tests' fixed key, so the office opened for a test can be seeded further before anyone logs in.
            const app = openApp({ dataDir: dir, transport: 'browser', passwordCost: TEST_PASSWORD_COST, key: TEST_DB_KEY });
            try {
              const data = await seed({ app, must: (session, channel, input) => must(app, session, channel, input) });
              // A seeded office is one in use: its people replaced the passwords the admin gave them long ago.
              app.db.prepare('UPDATE users SET must_change_password = 0').run();
              return { dir, data };
            } catch (err) {
              closeApp(app);
              fs.rmSync(dir, { recursive: true, force: true });
              throw err;
            } finally {
              // Closing checkpoints the WAL into the database file and releases the folder's lock.
              if (app.db.open) closeApp(app);
            }
          })();
          slot.dir = built;
          return built;
        },
      };
    },

    async open<T>(template: OfficeTemplate<T>, options: OpenOptions = {}): Promise<Office<T>> {
      const { dir: source, data } = await template.built();
      const dataDir = tempDir(`cadrecare-e2e-${file}-`);
      fs.cpSync(source, dataDir, { recursive: true });
      const files = SCREENSHOTS ? SCREENSHOT_DIR : tempDir(`cadrecare-e2e-${file}-files-`);
      fs.mkdirSync(files, { recursive: true });
      let offset = 0;
      const app = openApp({ dataDir, transport: 'browser', clock: () => new Date(Date.now() + offset), passwordCost: TEST_PASSWORD_COST, key: TEST_DB_KEY });
      cleanups.push(async () => {
        closeApp(app);
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (!SCREENSHOTS) fs.rmSync(files, { recursive: true, force: true });
      });
      const freshContext = async (): Promise<BrowserContext> => {
        const context = await newContext(running());
        cleanups.push(() => context.close());
        return context;
      };
      const taken = options.fresh ? null : await takeSlot();
      const slot = taken?.slot ?? null;
      const host = await hostOn(app, slot);
      cleanups.push(() => host.close());
      // Run before the host closes: the page leaves the office while it still answers.
      if (taken) cleanups.push(taken.release);
      const context = slot?.context ?? (await freshContext());
      const page = slot?.page ?? (await context.newPage());
      return {
        app,
        data,
        url: host.url,
        dataDir,
        context,
        page,
        files,
        advanceServerClock: (ms) => {
          offset += ms;
        },
        as: (username) => sessionOf(app, username),
        must: (session, channel, input) => must(app, session, channel, input),
        newPage: async () => (await freshContext()).newPage(),
        screenshot: (name, of = page, shot = {}) => screenshotOf(of, name, shot),
      };
    },
  };
}

/** Logs in through the login page and waits for the home page's greeting. */
/**
 * Clicks a print button, makes the print page that opens into an A4 PDF in `files` (its first
 * `pages` pages also as PNG when documentation screenshots are kept) and answers its text
 * (pdftotext -layout).
 */
export async function printedText(page: Page, button: string, files: string, name: string, pages = 1): Promise<string> {
  const [printed] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: button, exact: true }).click()]);
  await printed.waitForSelector('html[data-print-ready="1"]');
  const pdf = path.join(files, `${name}.pdf`);
  await printed.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await printed.close();
  if (SCREENSHOTS) execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', String(pages), pdf, path.join(files, `${name}-print`)]);
  return execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
}

export async function logIn(page: Page, username: string, password: string, displayName: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: `${displayName}，您好！` }).waitFor();
}

/** Opens the office's address and logs in. */
export async function openAs(office: Office<unknown>, username: string, password: string, displayName: string, page: Page = office.page): Promise<void> {
  await page.goto(office.url);
  await logIn(page, username, password, displayName);
}

export async function logOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByText('您已退出登录。').waitFor();
}

/** Moves within the app (same document, same session) as a link would. */
export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** Closes notifications of earlier steps, so a screenshot or a text check sees only this one. */
export async function closeNotes(page: Page): Promise<void> {
  const close = page.locator('.MuiSnackbar-root button');
  if ((await close.count()) > 0) await close.first().click();
  await page.locator('.MuiSnackbar-root').waitFor({ state: 'detached' });
}

/** The setup of a new office, as its first run through the screens would make it. */
export function setupInput(officeName: string, adminPassword: string, overrides: Partial<ChannelInput<'setup.create'>> = {}): ChannelInput<'setup.create'> {
  return { officeName, areaCode: '140702001001', mode: 'community', adminUsername: 'admin', adminDisplayName: '王主任', adminPassword, ...overrides };
}

/** Sets the office up (as its administrator) and answers the administrator's session. */
export async function setUp(s: SeedContext, input: ChannelInput<'setup.create'>): Promise<Session> {
  const admin = s.app.sessions.create();
  await s.must(admin, 'setup.create', input);
  return admin;
}

/**
 * Browser-mode end-to-end harness: a temp data folder, the app and its HTTP host in this process,
 * and Chromium driven by playwright-core. `npm test` builds the renderer first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { closeApp, openApp, type AppContext } from '../../main/context';
import { startHost } from '../../main/host/server';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const RENDERER_DIR = path.resolve('dist', 'renderer');
export const SCREENSHOT_DIR = path.resolve('test-results', 'e2e');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface E2E {
  app: AppContext;
  url: string;
  dataDir: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Moves main's clock forward (its idle lock compares against it). */
  advanceServerClock(ms: number): void;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export function checkPrerequisites(): void {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The renderer is not built (${RENDERER_DIR}/index.html is missing). Run \`npm run build\` (or \`npx vite build\`) before the e2e tests.`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium fonts-noto-cjk`);
  }
}

export async function startE2E(name: string): Promise<E2E> {
  checkPrerequisites();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cadrecare-e2e-${name}-`));
  let offset = 0;
  const app = openApp({ dataDir, transport: 'browser', clock: () => new Date(Date.now() + offset) });
  let host: Awaited<ReturnType<typeof startHost>> | null = null;
  let browser: Browser | null = null;
  try {
    host = await startHost({ app, port: 0, rendererDir: RENDERER_DIR });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const runningHost = host;
    const runningBrowser = browser;
    return {
      app,
      url: host.url,
      dataDir,
      browser,
      context,
      page,
      advanceServerClock: (ms) => {
        offset += ms;
      },
      screenshot: async (shot) => {
        const file = path.join(SCREENSHOT_DIR, `${shot}.png`);
        // Park the mouse and let transitions and ripples settle, so the picture shows the page at rest.
        await page.mouse.move(1, 1);
        await page.waitForTimeout(400);
        await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        return file;
      },
      close: async () => {
        await runningBrowser.close().catch(() => undefined);
        await runningHost.close().catch(() => undefined);
        closeApp(app);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await host?.close().catch(() => undefined);
    closeApp(app);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

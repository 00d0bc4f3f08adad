import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const consoleDirectory = path.resolve(here, '../../dist');
export const screenshotDirectory = path.resolve(here, '../../../../test-artifacts/screenshots');
const chromiumPath = '/usr/bin/chromium';

/** A live Sextant server serving the built console, a real Chromium, and two projects with keys. */
export interface ConsoleHarness {
  url: string;
  /** Key of project `acme` (seeded by the tests that need data). */
  key: string;
  /** Key of project `empty`, which never receives traces. */
  emptyKey: string;
  store: Store;
  browser: Browser;
  /** A fresh browser profile (empty localStorage) with a page, collecting uncaught page errors. */
  newPage(): Promise<{ page: Page; context: BrowserContext; pageErrors: Error[] }>;
  /** A page already signed in with `key` (stored as the console stores it). */
  signedInPage(key?: string): Promise<{ page: Page; context: BrowserContext; pageErrors: Error[] }>;
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startConsoleHarness(): Promise<ConsoleHarness> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. The console's browser tests drive Debian's Chromium: ` +
        'install it with `apt-get install -y chromium` (never a downloaded browser).',
    );
  }
  if (!fs.existsSync(path.join(consoleDirectory, 'index.html'))) {
    throw new Error(
      `The console is not built (${consoleDirectory}/index.html is missing): run \`npm run build\` at the repository root.`,
    );
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-console-'));
  const store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('acme', 'Acme support');
  await projects.createProject('empty', 'Empty project');
  const key = (await projects.createApiKey('acme', 'e2e')).key;
  const emptyKey = (await projects.createApiKey('empty', 'e2e')).key;
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await startServer({ store, port: 0, consoleDirectory, logError: () => {} });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  } catch (error) {
    await server?.close();
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const url = server.url;
  const runningServer = server;
  const runningBrowser = browser;

  const newPage = async () => {
    const context = await runningBrowser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    return { page, context, pageErrors };
  };

  return {
    url,
    key,
    emptyKey,
    store,
    browser: runningBrowser,
    newPage,
    async signedInPage(signInKey = key) {
      const opened = await newPage();
      await opened.context.addInitScript((stored) => {
        if (!localStorage.getItem('sextant.activeKey')) {
          localStorage.setItem('sextant.savedKeys', JSON.stringify([{ label: 'e2e', key: stored }]));
          localStorage.setItem('sextant.activeKey', stored);
        }
      }, signInKey);
      return opened;
    },
    async screenshot(page, name) {
      fs.mkdirSync(screenshotDirectory, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDirectory, `${name}.png`) });
    },
    async stop() {
      await runningBrowser.close();
      await runningServer.close();
      await store.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

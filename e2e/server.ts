/** Start the real server (built web UI, fresh SQLite) on a free loopback port for browser tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

/** The newest modification time (ms) of the files under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether dist/web is missing or older than the web sources it is built from (a stale bundle tests old pages). */
function webIsStale(): boolean {
  const built = join(root, 'dist/web/index.html');
  if (!existsSync(built)) return true;
  // The web imports the server's types and schemas, so server sources count too.
  const sources = Math.max(newest(join(root, 'web')), newest(join(root, 'server/src')));
  return sources > statSync(built).mtimeMs;
}

/**
 * Build the web UI if its sources changed since the last build, then start the server and wait until it answers.
 * With `dataDir` the server runs on that folder and leaves it on stop (a second start continues the first's data).
 */
export async function startServer(env: Record<string, string> = {}, opts: { dataDir?: string } = {}): Promise<TestServer> {
  if (webIsStale()) {
    const b = spawn('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'ignore' });
    await new Promise((r) => b.on('exit', r));
  }
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'xianwu-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', DEMO_DATA: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.on('exit', r)));
      // The server's warnings (slow requests among them) stay beside the screenshots for whoever reads a failure.
      mkdirSync(OUTPUT_DIR, { recursive: true });
      writeFileSync(join(OUTPUT_DIR, `server-${port}.log`), log);
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with no traffic beyond this machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const OUTPUT_DIR = join(root, 'test-results');

/** Log in through the login page as a demo account. */
export async function login(page: Page, url: string, username: string, password = 'xianwu2022'): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor();
}

/** For a describe block: a fresh server and a browser before its tests, both stopped after. */
export function useServerAndBrowser(setup?: (server: TestServer) => Promise<void>, env: Record<string, string> = {}): { server: TestServer; browser: Browser } {
  const ctx = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    [ctx.server, ctx.browser] = await Promise.all([startServer(env), launchBrowser()]);
    await setup?.(ctx.server);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/** Open a page from the menu as a person does: the programme's group first when it is closed, then the entry. */
export async function openMenu(page: Page, group: string, item: string): Promise<void> {
  const link = page.getByRole('menu').getByRole('link', { name: item, exact: true });
  const title = page.locator('.ant-menu-submenu-title').filter({ has: page.getByText(group, { exact: true }) });
  await title.waitFor();
  // Asking whether the link is visible races the submenu's opening animation; the title says whether it is open.
  if ((await title.getAttribute('aria-expanded')) !== 'true') await title.click();
  await link.click();
}

/**
 * Log in through the API as a demo account: a function that calls the API as that account and returns the JSON answer.
 * A Buffer body is sent as it is (a file upload), anything else as JSON.
 */
export async function apiLogin(url: string, username: string, password = 'xianwu2022') {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (await r.json()).csrfToken as string;
  return (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json' }) },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
    }).then((x) => x.json());
}

/**
 * For a describe block that rehearses a programme on one install: the server is started again on the same data with
 * the module's clock (`clockVar`) moved to each step's day; pages log in as a demo account, on a phone when asked.
 */
export function useRehearsal(clockVar: string) {
  let browser: Browser | null = null;
  let server: TestServer | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'xianwu-e2e-rehearsal-'));
  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    /** Start (again) with the clock at this instant; the server's URL. */
    at: async (clock: string) => {
      await server?.stop();
      server = await startServer({ [clockVar]: clock }, { dataDir });
      return server.url;
    },
    page: async (url: string, who: string, phone = false): Promise<Page> => {
      const p = await browser!.newPage({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 } });
      await login(p, url, who);
      return p;
    },
  };
}

/**
 * Click, and see what the click shows. The wait starts before the click: a confirmation toast lives for three seconds
 * of the page's time, and on a busy machine the click's own bookkeeping can outlast that, so a wait begun after the
 * click may look only once the toast has gone (the page had answered; the test had not yet looked).
 */
export async function clickAndSee(target: Locator, shown: Locator): Promise<void> {
  // The whole suite runs server tests beside the browser on two cores: an answer may take longer than Playwright's 30 s.
  const seen = shown.first().waitFor({ timeout: 90_000 });
  await target.click();
  await seen;
}

/**
 * Every role's day as a newcomer meets it: each demo account logs in on a demo install and opens every page its menu
 * offers, at desktop and at phone size. A page fails on a console error, an API answer of 4xx/5xx, an English
 * weekday or month name, a raw key or status word shown to the user, or an empty list that does not say why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, startServer, type TestServer } from './server.js';

// The fixed accounts (one per role and the voucher bureaus), and some the programme modules' demos add.
const ACCOUNTS = ['admin', 'gongxin', 'gongan', 'caizheng', 'jianhang', 'nongye', 'nongfu', 'tianning', 'xiying', 'cunwei', 'fuwu', 'shanghu', 'jumin', 'shenji', 'ziyuan', 'liangchu', 'jiuye', 'jiwei'];
/** Where each account lands after logging in, when it is not the workbench. */
const LANDINGS: Record<string, string> = { jumin: '/me', shanghu: '/cashier', fuwu: '/trusteeship' };
/** Pages a phone reaches from its bottom bar rather than the menu. */
const PHONE_TABS: Record<string, string[]> = { jumin: ['/me', '/vouchers/mine'] };
const ENGLISH_DATES = /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Su|Mo|Tu|We|Th|Fr|Sa|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
/** A key as the server stores it (snake_case: roles, records, audit actions), or a bare status word: users read labels. */
const RAW_KEYS = /\b([a-z]+(?:_[a-z]+)+|session\/login|proposed|assigned|registered|confirmed|pending|approved|rejected|draft|settled|accepted|published|reversed|applied|recommended|withdrawn|overdue|scored|selected|signed)\b/;

/** The menu's pages: every group opened, every link's path (external links and the API reference left out). */
async function menuPaths(page: Page): Promise<string[]> {
  const titles = page.locator('.ant-layout-sider .ant-menu-submenu-title');
  for (let i = 0; i < (await titles.count()); i++) {
    const t = titles.nth(i);
    if ((await t.getAttribute('aria-expanded')) !== 'true') await t.click();
  }
  const hrefs = await page.locator('.ant-layout-sider .ant-menu a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((h) => h.startsWith('/') && !h.startsWith('/docs')))];
}

describe('every role opens every page it is offered', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ DEMO_DATA: 'true' }), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.concurrent.each(ACCOUNTS)('%s', async (username) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const problems: string[] = [];
    let at = '';
    page.on('console', (m) => {
      // The login page's question who is signed in is answered 401 before the login, as it should be.
      if (m.type() !== 'error' || (!at && /status of 401/.test(m.text()))) return;
      problems.push(`${at}: console: ${m.text().slice(0, 200)}`);
    });
    page.on('pageerror', (e) => problems.push(`${at}: page error: ${e.message.slice(0, 200)}`));
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/') && r.status() >= 400 && !(!at && u.pathname === '/api/auth/me')) problems.push(`${at}: ${r.request().method()} ${u.pathname}${u.search} → ${r.status()}`);
    });
    await login(page, server.url, username);
    // A demo install shows its demo time, and each account starts on its own page.
    await page.getByTestId('demo-time').waitFor();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe(LANDINGS[username] ?? '/workbench');
    const paths = await menuPaths(page);
    expect(paths.length).toBeGreaterThan(1);
    for (const size of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      for (const path of size.width === 390 ? [...paths, ...(PHONE_TABS[username] ?? [])] : paths) {
        at = `${username} ${size.width}px ${path}`;
        await page.goto(`${server.url}${path}`);
        await page.waitForLoadState('networkidle');
        const text = await page.locator('#main-content').innerText();
        const english = ENGLISH_DATES.exec(text);
        if (english) problems.push(`${at}: English date word 「${english[0]}」`);
        const raw = RAW_KEYS.exec(text);
        if (raw) problems.push(`${at}: raw key 「${raw[0]}」`);
        // An empty list says why it is empty and what to do, never the component library's bare 暂无数据.
        if (text.includes('暂无数据')) problems.push(`${at}: bare 暂无数据`);
        if (text.includes('页面不存在') || text.includes('无权访问此页面')) problems.push(`${at}: ${text.includes('页面不存在') ? 'no such page' : 'refused'}`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (size.width === 390 && wide > 4) problems.push(`${at}: ${wide}px wider than the phone`);
        // The resident's phone has its bottom bar on every page; no one else's does.
        const tabs = await page.getByTestId('phone-tabs').count();
        if (size.width === 390 && tabs !== (PHONE_TABS[username] ? 1 : 0)) problems.push(`${at}: bottom bar ${tabs ? 'shown' : 'missing'}`);
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 900_000);
});

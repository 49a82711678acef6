/**
 * 村庄规划 (交政发〔2022〕3号) in the browser, on a demo install on its demo clock (Tuesday 2022-07-12): the demo shows
 * villages classified and plans at different steps; 西营镇 on a phone opens a plan for its 城郊融合类 village and takes it
 * through 方案确认, 技术论证 and 村级审议 (the resolution uploaded) to the 30-day notice in the village; 报批 is refused
 * until the notice has run; a restart a month later on the module's rehearsal clock, on the same data, lets the township
 * ask for approval, the 县自然资源局 approves, and both deadlines (上墙上网 20 working days, 报省厅 30 working days) run
 * from the approval date on the 2022 holiday calendar.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, clickAndSee, launchBrowser, login, OUTPUT_DIR, startServer, type TestServer } from './server.js';

const PDF = { name: '决议.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

describe('村庄规划 in the browser, from 组织编制 to the approval and its two deadlines', () => {
  let browser: Browser;
  let server: TestServer | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'xianwu-e2e-villageplan-'));
  const at = async (clock: Record<string, string>) => {
    await server?.stop();
    server = await startServer({ DEMO_DATA: 'true', DEMO_CLOCK_START: '2022-07-12T09:30:00+08:00', ...clock }, { dataDir });
    return server.url;
  };
  const page = async (url: string, who: string, phone = false): Promise<Page> => {
    const p = await browser.newPage({ viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 } });
    await login(p, url, who);
    return p;
  };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Open a case's row and take one of its steps from the server's actions, filling the step's form where it has one. */
  const step = async (p: Page, label: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) => {
    // Ant Design spaces a two-character label (「批 准」).
    const name = new RegExp(`^${[...label].join('\\s?')}$`);
    const button = p.getByRole('button', { name });
    if (fill) {
      await button.click();
      const dialog = p.getByRole('dialog').filter({ hasText: label });
      await fill(dialog);
      await clickAndSee(dialog.getByRole('button', { name: /^提\s?交$/ }), p.getByText(`已办理：${label}`));
    } else {
      await clickAndSee(button, p.locator('.ant-popconfirm'));
      await clickAndSee(p.locator('.ant-popconfirm').getByRole('button', { name }), p.getByText(`已办理：${label}`));
    }
  };
  /** The file input behind the first 「缺…，上传」 link a step shows for a paper it still needs. */
  const fileInput = (p: Page) => p.getByText(/^缺.+，上传$/).first().locator('xpath=ancestor::*[contains(@class,"ant-upload-wrapper")][1]').locator('input[type=file]');
  const date = async (scope: ReturnType<Page['getByRole']>, label: string, day: string) => {
    const input = scope.getByLabel(label);
    await input.click();
    await input.fill(day);
    await input.press('Enter');
  };

  it('runs a plan to the village notice on a phone, then to approval with both deadlines', async () => {
    // The install's own demo clock: the demo's story ends the day before.
    let url = await at({});
    const xy = await apiLogin(url, 'xiying');
    const village = ((await xy('GET', '/api/villageplan/classifications')).items as { village: string; cls: string; status: string }[]).find((c) => c.cls === 'suburban')!;
    expect(village.status).toBe('checked');

    // The demo install: villages classified, plans at different steps.
    const office = await page(url, 'ziyuan');
    await office.goto(`${url}/villageplan`);
    for (const s of ['已备案', '已批准，待公开', '村内公示中', '方案已确认']) await office.getByRole('cell', { name: s, exact: true }).first().waitFor();
    await office.getByRole('tab', { name: '村庄分类与应编清单' }).click();
    for (const c of ['综合性', '整治类', '城郊融合类', '搬迁撤并类']) await office.getByText(c, { exact: true }).first().waitFor();
    await office.close();

    // 西营镇 on a phone: 组织编制 for its 城郊融合类 village.
    const p = await page(url, 'xiying', true);
    await p.goto(`${url}/villageplan`);
    await p.getByRole('button', { name: '组织编制', exact: true }).click();
    const form = p.getByRole('dialog').filter({ hasText: '组织编制村庄规划' });
    await form.getByLabel('规划单元（一个或几个行政村）').click();
    await p.locator('.ant-select-dropdown:visible').getByTitle(village.village, { exact: true }).click();
    await p.keyboard.press('Escape');
    const members = form.getByLabel(/^编制工作组：/);
    const names = ['西营镇党委政府', '县自然资源局', '山西省城乡规划设计研究院', '村民代表 3 名'];
    for (let i = 0; i < (await members.count()); i++) await members.nth(i).fill(names[i] ?? `成员 ${i + 1}`);
    await form.getByLabel('规划编制单位').fill('山西省城乡规划设计研究院');
    await form.getByLabel('资质证书编号').fill('自资规甲字 14000001');
    await form.getByLabel('资质等级').fill('甲级');
    await clickAndSee(form.getByRole('button', { name: /^提\s?交$/ }), p.getByText('已组织编制'));
    const row = p.getByRole('row').filter({ hasText: village.village }).filter({ hasText: '组织编制' });
    await row.getByRole('button', { name: /展开/ }).click();

    await step(p, '方案确认', (d) => d.getByLabel('方案确认意见（比选方案、村民意见）').fill('经方案比选，采用方案一'));
    await step(p, '技术论证', (d) => d.getByLabel('技术论证意见').fill('经专家论证，同意'));
    // 村级审议 waits for the resolution: the button says so, and the upload sits beside it.
    await p.getByText(/^缺.*决议.*，上传$/).waitFor();
    await fileInput(p).setInputFiles(PDF);
    await p.locator('button[data-step="vote"]:not([disabled])').waitFor();
    await step(p, '村级审议', async (d) => {
      await d.getByLabel('审议会议').click();
      await p.locator('.ant-select-dropdown:visible').getByTitle('村民代表会议', { exact: true }).click();
      await date(d, '会议日期', '2022-07-11');
    });
    await step(p, '村内公示');
    await p.getByText('村内公示中').first().waitFor();
    // 报批 before the 30 days have run: refused, with the day the notice ends. Posted Tuesday 12 July, the posting day not
    // counted: the 30th day is Thursday 11 August, a working day, so it stands.
    const waiting = p.locator('[data-reason]').filter({ has: p.locator('button[data-step="request"]') });
    expect(await waiting.getAttribute('data-reason')).toBe('村内公示期至 2022-08-11（30 日），期满后方可报批');
    await p.screenshot({ path: join(OUTPUT_DIR, 'villageplan-notice-phone.png'), fullPage: true });
    await p.close();

    // The day after the notice's last day, on the module's rehearsal clock: the township asks for approval.
    url = await at({ VILLAGEPLAN_CLOCK_START: '2022-08-12T09:00:00+08:00' });
    const q = await page(url, 'xiying', true);
    await q.goto(`${url}/villageplan`);
    await q.getByRole('row').filter({ hasText: village.village }).filter({ hasText: '村内公示中' }).getByRole('button', { name: /展开/ }).click();
    // The approval request needs its attachments (the 村民委员会审议意见 is still missing): each uploaded from its own link.
    await q.locator('button[data-step="request"]').waitFor();
    await q.getByText(/^缺.+，上传$/).first().waitFor();
    for (let i = 0; i < 4 && (await q.getByText(/^缺.+，上传$/).count()) > 0; i++) {
      const before = await q.getByText(/^缺.+，上传$/).count();
      await fileInput(q).setInputFiles(PDF);
      await expect.poll(() => q.getByText(/^缺.+，上传$/).count(), { timeout: 60_000 }).toBeLessThan(before);
    }
    const stillRefused = await q.locator('span[data-reason]').filter({ has: q.locator('button[data-step="request"]') }).getAttribute('data-reason', { timeout: 2_000 }).catch(() => null);
    expect(stillRefused).toBeNull();
    await step(q, '规划报批', async () => {});
    await q.getByRole('row').filter({ hasText: village.village }).getByText('报批中', { exact: true }).waitFor();
    await q.close();

    // The 县自然资源局 approves; the two deadlines run from the approval date on the working-day calendar.
    const z = await page(url, 'ziyuan');
    await z.goto(`${url}/villageplan`);
    await z.getByRole('row').filter({ hasText: village.village }).filter({ hasText: '报批中' }).getByRole('button', { name: /展开/ }).click();
    await step(z, '批准', async (d) => {
      await d.getByLabel('批复文号').fill('交政函〔2022〕18号');
      await date(d, '批准日期', '2022-08-12');
    });
    const approved = z.locator('tr.ant-table-row').filter({ hasText: village.village }).filter({ hasText: '已批准，待公开' });
    await approved.waitFor();
    const tags = await approved.locator('.ant-tag').allInnerTexts();
    // From Friday 12 August 2022 (not counted), by hand on the 2022 calendar: 15–19 Aug are working days 1–5, 22–26 Aug
    // 6–10, 29 Aug–2 Sep 11–15, 5–9 Sep 16–20, so 上墙上网 is due Friday 9 September. Monday 12 September is 中秋 (10–12
    // Sep), so 13–16 Sep are 21–24, 19–23 Sep 25–29, and 报省厅 is due Monday 26 September, not Friday the 23rd.
    expect(tags.some((t) => t.includes('2022-09-09'))).toBe(true);
    expect(tags.some((t) => t.includes('2022-09-26'))).toBe(true);
    await z.screenshot({ path: join(OUTPUT_DIR, 'villageplan-approved.png'), fullPage: true });
    await z.close();
  });
});

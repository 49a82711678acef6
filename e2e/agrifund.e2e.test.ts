/**
 * 涉农资金统筹整合 (交政办发〔2022〕8号) in the browser: 西营镇 declares a project, the 县农业农村局 reviews and approves it
 * (its 「两个一律」 notice goes up), the township starts it and asks for the first milestone's payment on a phone, the
 * bureau verifies the progress, the 县财政局 pays, and anyone reads the notice without logging in.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TINY_JPEG } from '../server/src/modules/files/index.js';
import { apiLogin, clickAndSee, login, OUTPUT_DIR, useServerAndBrowser } from './server.js';

const NAME = '西营镇污水管网延伸工程';
const DESK = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('涉农资金统筹整合 in the browser, from 申报 to the first verified payment and its public notice', () => {
  const ctx = useServerAndBrowser();
  const page = async (who: string | null, viewport = DESK): Promise<Page> => {
    const p = await ctx.browser.newPage({ viewport });
    if (who) await login(p, ctx.server.url, who);
    return p;
  };
  /** Take a step from a StepActions button: its form (when it has one) filled by label, then 提交. */
  const step = async (p: Page, scope: ReturnType<Page['locator']> | Page, code: string, fields: Record<string, string> = {}, dates: Record<string, string> = {}) => {
    const button = scope.locator(`button[data-step="${code}"]`);
    await expect.poll(() => button.isEnabled()).toBe(true);
    await button.click();
    const modal = p.locator('.ant-modal-wrap:visible').last();
    for (const [label, v] of Object.entries(fields)) await modal.getByLabel(label).fill(v);
    for (const [label, v] of Object.entries(dates)) {
      await modal.getByLabel(label).fill(v);
      await modal.getByLabel(label).press('Enter');
    }
    await modal.getByRole('button', { name: /提\s?交/ }).click();
    await p.getByText(/^已办理：/).first().waitFor();
    await modal.waitFor({ state: 'hidden' });
  };
  const narrow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth);

  it('declares, approves, starts, verifies and pays, and the notice is public', async () => {
    const url = ctx.server.url;

    // 西营镇 declares the project (1366 px).
    const town = await page('xiying');
    await town.goto(`${url}/agrifund?tab=projects`);
    await town.getByRole('button', { name: /项目申报/ }).click();
    const form = town.locator('.ant-modal-wrap:visible').last();
    await form.getByRole('combobox', { name: '资金安排子项' }).click();
    await town.getByTitle('2.3 污水管网建设（433.1 万元）').click();
    await form.getByLabel('项目名称').fill(NAME);
    await form.getByLabel('实施单位').fill('西营镇人民政府');
    await form.getByLabel(/^项目金额/).fill('100');
    await form.getByLabel('绩效目标').fill('新建污水管网 3 公里，受益 600 户');
    const dates = form.getByPlaceholder('计划日期');
    for (const [i, d] of ['2022-06-30', '2022-10-31'].entries()) {
      await dates.nth(i).fill(d);
      await dates.nth(i).press('Enter');
    }
    // Enter in the last date field submits the form, as the 提交申报 button would.
    await town.getByText('已申报').first().waitFor();
    await town.locator('.ant-drawer').getByText('项目申报', { exact: true }).first().waitFor();
    await town.screenshot({ path: join(OUTPUT_DIR, 'agrifund-declared.png') });

    const farm = await apiLogin(url, 'nongye');
    const list = (await farm('GET', '/api/agrifund/projects')).items as { id: number; name: string }[];
    const id = list.find((p) => p.name === NAME)!.id;

    // The bureau reviews it in the browser; the township's 可研 and 初设 go in by the API; the bureau approves.
    const bureau = await page('nongye');
    await bureau.goto(`${url}/agrifund?tab=projects`);
    await bureau.getByRole('row').filter({ hasText: NAME }).click();
    const drawer = bureau.locator('.ant-drawer');
    await step(bureau, drawer, 'reviewed', { 评审意见: '符合衔接资金支持方向，评审通过' });
    const xy = await apiLogin(url, 'xiying');
    for (const [s, note] of [['feasibility', '可研报告已编制'], ['design', '初步设计已完成']]) {
      const r = await xy('POST', `/api/agrifund/projects/${id}/${s}`, { note });
      expect(r.step, JSON.stringify(r)).toBe(s);
    }
    await bureau.reload();
    await bureau.getByRole('row').filter({ hasText: NAME }).click();
    await step(bureau, drawer, 'approved', { 批复文号: '交农发〔2022〕18号' });
    await drawer.getByText('批复', { exact: true }).first().waitFor();
    expect((await xy('POST', `/api/agrifund/projects/${id}/procured`, { note: '公开招标，中标单位某建设公司' })).step).toBe('procured');

    // On a phone (390 px) the township records 开工 and asks for the first milestone's payment.
    const phone = await page('xiying', PHONE);
    await phone.goto(`${url}/agrifund?tab=projects`);
    await phone.getByRole('row').filter({ hasText: NAME }).click();
    const pd = phone.locator('.ant-drawer');
    await step(phone, pd, 'started', {}, { 开工日期: '2022-05-10' });
    const first = pd.getByRole('row').filter({ hasText: '1. 开工' });
    await step(phone, first, 'request', { '申请金额（万元）': '40', 达到进度情况: '管网开挖完成 40%' });
    await first.getByText('已申请 40.0000 万元').waitFor();
    await phone.screenshot({ path: join(OUTPUT_DIR, 'agrifund-request-phone.png') });
    expect(await narrow(phone)).toBeLessThanOrEqual(390);
    await phone.close();

    // The bureau verifies the progress (「达到项目计划进度目标方可进入资金拨付程序」); the 县财政局 pays it.
    await bureau.goto(`${url}/agrifund?tab=payments`);
    // 「核实」 waits for its papers: the row offers their upload, then the step.
    const toVerify = bureau.getByRole('row').filter({ hasText: NAME });
    await toVerify.getByText('缺核实检查材料（照片、验收资料），上传').waitFor();
    await toVerify.getByText('缺核实检查材料（照片、验收资料），上传').locator('xpath=ancestor::*[contains(@class,"ant-upload-wrapper")][1]').locator('input[type=file]').setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: TINY_JPEG });
    await toVerify.getByText('缺核实检查材料（照片、验收资料），上传').waitFor({ state: 'detached' });
    await step(bureau, toVerify, 'verify', { '核实检查情况（材料、现场）': '现场核查，开工报告与照片相符' });
    await bureau.close();
    const treasury = await page('caizheng');
    await treasury.goto(`${url}/agrifund?tab=payments`);
    const row = treasury.getByRole('row').filter({ hasText: NAME }).first();
    await row.locator('button[data-step="pay"]').click();
    const pay = treasury.locator('.ant-modal-wrap:visible').last();
    await pay.getByLabel(/^拨付金额/).fill('40');
    // The toast lives three seconds: its wait starts before the click (clickAndSee), as on a busy machine it may be gone by the time a later wait looks.
    await clickAndSee(pay.getByRole('button', { name: /提\s?交/ }), treasury.getByText('已办理：拨付：开工'));
    const paid = (await farm('GET', `/api/agrifund/projects/${id}`)) as { paidWan: string; payments: unknown[] };
    expect([paid.paidWan, paid.payments.length]).toEqual(['40', 1]);
    await treasury.screenshot({ path: join(OUTPUT_DIR, 'agrifund-paid.png') });
    await treasury.goto(`${url}/agrifund?tab=dashboard`);
    await treasury.getByText(/资金拨付率/).first().waitFor();
    await treasury.close();

    // Anyone reads the project's notice without logging in, on a phone.
    const anon = await page(null, PHONE);
    await anon.goto(`${url}/notices`);
    await anon.getByText(`扶贫项目安排公示：${NAME}`).first().click();
    await anon.getByText(/两个一律/).first().waitFor();
    expect(await narrow(anon)).toBeLessThanOrEqual(390);
    await anon.screenshot({ path: join(OUTPUT_DIR, 'agrifund-notice-phone.png') });
    await anon.close();
    await town.close();
  });
});

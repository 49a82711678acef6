import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TINY_JPEG, residentId } from '../server/src/modules/toilets/toilets.demo.js';
import { apiLogin, clickAndSee, login, OUTPUT_DIR, useRehearsal, useServerAndBrowser } from './server.js';

/** The steps the server offers this page's user on a task, and the step buttons the drawer shows. */
async function offeredAndShown(page: Page, url: string, id: number) {
  const offered = ((await (await page.request.get(`${url}/api/supervision/tasks/${id}`)).json()) as { actions: { step: string }[] }).actions.map((a) => a.step);
  const shown = await page.getByTestId('task-steps').locator('[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
  return { offered, shown };
}

describe('督查督办 in the browser', () => {
  const ctx = useServerAndBrowser();

  it('extracts from 交政办发〔2022〕6号, confirms a task, the unit reports, the dashboard counts it', async () => {
    const office = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(office, ctx.server.url, 'admin');
    await office.goto(`${ctx.server.url}/supervision`);
    await office.getByLabel('公文').click();
    await office.getByLabel('公文').fill('交政办发〔2022〕6号');
    await office.getByTitle(/^交政办发〔2022〕6号/).click();
    await clickAndSee(office.getByRole('button', { name: '抽取督办任务' }), office.getByText(/抽取 60 项，新增 60 项待确认/));
    await office.getByRole('row').filter({ hasText: '全力完成焦化行业' }).click();
    await office.getByRole('button', { name: '确认交办' }).click();
    // The demo clock is today's: a 2022 deadline is long past, so the task is assigned straight into 逾期 (red).
    await office.locator('.ant-drawer').getByText('逾期').first().waitFor();
    // The office sees the review steps the server offers it, and no unit's.
    const coke = ((await (await office.request.get(`${ctx.server.url}/api/supervision/tasks?status=assigned&pageSize=100`)).json()) as { items: { id: number; heading: string; text: string }[] }).items.find((x) => `${x.heading}${x.text}`.includes('全力完成焦化行业'))!;
    // Nobody has signed yet: 办结销号 and 退回 are not offered, so the drawer shows no review step.
    await office.locator('.ant-drawer').getByTestId('task-records').getByText(/：交办/).first().waitFor();
    // Its dated steps: the 4月底 and 10月底 steps of 2022 were past when it was assigned today, so they are shown, not chased.
    await office.locator('.ant-drawer').getByTestId('task-milestones').getByText('交办前已到期').first().waitFor();
    await office.locator('.ant-drawer').getByTestId('task-milestones').getByText('最终时限').waitFor();
    const byOffice = await offeredAndShown(office, ctx.server.url, coke.id);
    expect(byOffice.shown).toEqual(byOffice.offered);
    expect(byOffice.shown).toEqual([]);
    // 「责任单位：各乡镇人民政府」: the extraction already makes every township a lead unit (the office may take some out).
    await office.locator('.ant-drawer-close').click();
    await office.getByRole('row').filter({ hasText: '散乱污' }).first().click();
    await expect.poll(() => office.locator('.ant-drawer').getByText(/^(天宁镇|西营镇|洪相镇|夏家营镇|水峪贯镇|西社镇|庞泉沟镇|会立乡)$/).count()).toBeGreaterThanOrEqual(8);
    await office.close();

    const unit = await ctx.browser.newPage({ viewport: { width: 390, height: 844 } });
    await login(unit, ctx.server.url, 'gongxin');
    await unit.goto(`${ctx.server.url}/supervision`);
    await unit.getByRole('row').filter({ hasText: '全力完成焦化行业' }).click();
    await unit.getByRole('button', { name: '签 收' }).waitFor();
    const before = await offeredAndShown(unit, ctx.server.url, coke.id);
    expect(before.shown).toEqual(before.offered);
    // The lead unit of a task with a supporting unit: 签收, its report and the 汇总, an extension; none of the office's.
    expect(before.shown).toEqual(['sign', 'report_progress', 'report_consolidated', 'request_extension']);
    await clickAndSee(unit.getByRole('button', { name: '签 收' }), unit.getByText('✓已签收'));
    await unit.getByRole('button', { name: '报送进展' }).click();
    // Each step's form is its own: the one this button opened.
    const form = unit.locator('.ant-modal').filter({ hasText: '报送进展' });
    await form.getByLabel('办理情况', { exact: true }).fill('美锦 4.3 米焦炉已关停');
    await form.getByLabel('完成进度').fill('40');
    await clickAndSee(form.getByRole('button', { name: '提 交' }), unit.getByText(/进展 40%/));
    await unit.screenshot({ path: join(OUTPUT_DIR, 'supervision-unit.png') });
    await unit.close();

    // The lead unit has signed: the office is now offered 办结销号 and 退回, and 办理记录 names the unit and the person.
    const review = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(review, ctx.server.url, 'admin');
    await review.goto(`${ctx.server.url}/supervision?task=${coke.id}`);
    await review.getByTestId('task-steps').getByRole('button', { name: '退 回' }).waitFor();
    const afterSign = await offeredAndShown(review, ctx.server.url, coke.id);
    expect(afterSign.shown).toEqual(afterSign.offered);
    expect(afterSign.shown).toEqual(['accept', 'return']);
    const records = review.getByTestId('task-records');
    await records.getByText(/县工信局经办人：签收/).first().waitFor();
    await records.getByText(/县工信局经办人：报送进展 40%/).first().waitFor();
    await records.getByText(/县级管理员：交办/).first().waitFor();
    await records.getByText(/县级管理员：立项（从公文抽取）/).first().waitFor();
    await review.close();

    const board = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(board, ctx.server.url, 'admin');
    await board.goto(`${ctx.server.url}/supervision/dashboard`);
    const total = board.locator('.ant-statistic').filter({ hasText: '督办任务' }).locator('.ant-statistic-content-value');
    await expect.poll(async () => (await total.textContent())?.trim()).toBe('1');
    await board.getByRole('cell', { name: '县工业和信息化局' }).waitFor();
    await board.screenshot({ path: join(OUTPUT_DIR, 'supervision-dashboard.png') });
    // From the document, its tasks and where they stand; a task opens on the tracker.
    await board.goto(`${ctx.server.url}/documents/${encodeURIComponent('交政办发〔2022〕6号')}`);
    const panel = board.getByTestId('document-tasks');
    await clickAndSee(panel.getByText(/三、（一）1\. .*逾期/), board.getByText('美锦 4.3 米焦炉已关停', { exact: false }));
    // A 核定时限 typed in the drawer is what 确认交办 confirms, marked as the board's, not as words of the text.
    const proposed = ((await (await board.request.get(`${ctx.server.url}/api/supervision/tasks?status=proposed&pageSize=100`)).json()) as { items: { id: number; deadline: string | null; units: { part: string }[] }[] }).items;
    const other = proposed.find((x) => x.deadline && x.units.some((u) => u.part === 'lead') && x.id !== coke.id)!;
    await board.goto(`${ctx.server.url}/supervision?task=${other.id}`);
    // Next year's last day: in the future whenever the test runs (the demo clock is today's).
    const day = `${new Date().getFullYear() + 1}-12-31`;
    const picker = board.getByTestId('task-correct').locator('.ant-picker input');
    await picker.click();
    await picker.fill(day);
    await picker.press('Enter');
    await board.locator('.ant-drawer').getByRole('button', { name: '确认交办' }).click();
    await board.locator('.ant-drawer').getByText('县政府办公室核定').first().waitFor();
    const confirmed = (await (await board.request.get(`${ctx.server.url}/api/supervision/tasks/${other.id}`)).json()) as { deadline: string; deadlineSource: string; status: string };
    expect([confirmed.deadline, confirmed.deadlineSource, confirmed.status]).toEqual([day, '县政府办公室核定', 'unsigned']);
    await board.close();
  });

  it('finds any document by its number (6号 is never 16号) and adds a task by hand with its clause', async () => {
    const office = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(office, ctx.server.url, 'admin');
    await office.goto(`${ctx.server.url}/supervision`);
    await office.getByLabel('公文').click();
    await office.getByLabel('公文').fill('6号');
    await office.getByTitle(/^交政办发〔2022〕6号/).waitFor();
    const shown = await office.locator('.ant-select-item-option').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown.every((t) => /^\S+〔2022〕6号 /.test(t))).toBe(true);
    await office.getByLabel('公文').fill('交政发〔2022〕8号');
    await office.getByTitle(/^交政发〔2022〕8号/).click();
    await office.getByRole('button', { name: '手工添加任务' }).click();
    const form = office.locator('.ant-modal').filter({ hasText: '手工添加任务' });
    await form.getByLabel('所在条款').fill('三、');
    await form.getByLabel('任务', { exact: true }).fill('县储备粮轮换的指导和监督');
    await form.getByLabel('原文条款').fill('县发展和改革局负责对县储粮轮换的指导、监督');
    await form.getByLabel('牵头单位').fill('县发展和改革局');
    await office.getByTitle('县发展和改革局', { exact: true }).click();
    await form.locator('.ant-modal-title').click();
    await office.locator('.ant-modal-footer').getByRole('button', { name: /添\s*加/ }).click();
    // The new proposal opens in the drawer, with the clause it comes from.
    const drawer = office.locator('.ant-drawer');
    await drawer.getByText('交政发〔2022〕8号 三、 县储备粮轮换的指导和监督').waitFor();
    await drawer.getByTestId('task-records').getByText(/立项（手工添加）/).waitFor();
    await office.close();
  });
});

describe('督办 targets fed by live figures in the browser', () => {
  const { at, page } = useRehearsal('TOILETS_CLOCK_START');

  it('links a target to 农村改厕’s accepted toilets in the task drawer; the figure moves when a toilet passes 五方验收', async () => {
    // 2022-06-01: the office extracts 交政办发〔2022〕6号; a village surveys a household, the township chooses it and puts it on notice.
    let url = await at('2022-06-01T09:00:00+08:00');
    let admin = await apiLogin(url, 'admin');
    await admin('POST', '/api/supervision/extract', { docNumber: '交政办发〔2022〕6号' });
    const proposed = (await admin('GET', '/api/supervision/tasks?status=proposed&pageSize=100')).items as { id: number; part: string | null; path: string[] }[];
    const straw = proposed.find((x) => x.part?.includes('空气质量') && x.path.join('') === '四、（四）14.')!;
    let cunwei = await apiLogin(url, 'cunwei');
    const villageId = (await cunwei('GET', '/api/auth/me')).user.unitId as number;
    const h = await cunwei('POST', '/api/toilets/households', { villageId, headName: '李四', idNo: residentId('14112219800101101'), phone: '13912341001', address: '西街 1 号', members: 3, currentType: 'flush', wish: true, username: null });
    await cunwei('POST', `/api/files?entity=toilet_photo&entityId=${h.id}.before&fileName=before.jpg`, TINY_JPEG);
    let tianning = await apiLogin(url, 'tianning');
    await tianning('POST', `/api/toilets/households/${h.id}/select`, { mode: 'flush' });
    await tianning('POST', `/api/toilets/villages/${villageId}/notice`);

    // 2022-06-09, the notice over: agreement, works, four of the five signatures.
    url = await at('2022-06-09T09:00:00+08:00');
    [admin, cunwei, tianning] = [await apiLogin(url, 'admin'), await apiLogin(url, 'cunwei'), await apiLogin(url, 'tianning')];
    await cunwei('POST', `/api/files?entity=toilet_paper&entityId=${h.id}.agreement&fileName=agreement.jpg`, TINY_JPEG);
    await cunwei('POST', `/api/toilets/households/${h.id}/agreement`, { agreementNo: 'TN-2022-009' });
    await tianning('POST', `/api/toilets/households/${h.id}/start`, { builderKind: 'team', builderName: '天宁镇施工队', supervisorName: '晋中监理', startedOn: '2022-06-09' });
    for (const phase of ['during', 'after']) await tianning('POST', `/api/files?entity=toilet_photo&entityId=${h.id}.${phase}&fileName=${phase}.jpg`, TINY_JPEG);
    await tianning('POST', `/api/toilets/households/${h.id}/complete`, { toiletNo: 'TN-9', completedOn: '2022-06-09', values: { indoorArea: '1.5', foundation: '10', tankDepth: '55', ventDiameter: '11', ventHeight: '52' }, concrete: 'C20' });
    for (const party of ['township', 'builder', 'supervisor']) await tianning('POST', `/api/toilets/households/${h.id}/sign`, { party, signerName: '王师傅' });
    expect((await cunwei('POST', `/api/toilets/households/${h.id}/sign`, { party: 'village' })).status).toBe('completed');

    // The office links the task's target to the module's figure in the drawer: none accepted yet.
    const office = await page(url, 'admin');
    await office.goto(`${url}/supervision?task=${straw.id}`);
    const drawer = office.locator('.ant-drawer');
    await drawer.getByText('秸秆综合利用率 ≥ 85%').waitFor();
    await drawer.getByRole('combobox', { name: '关联指标 1' }).click();
    await clickAndSee(office.getByTitle('农村改厕·五方验收合格的厕所（座）'), drawer.getByTestId('figure-0').getByText('0 座'));
    await expect.poll(async () => (await admin('GET', `/api/supervision/tasks/${straw.id}`)).figures[0]?.indicator).toBe('toilets.accepted');

    // The farmer's signature makes the toilet accepted: the drawer, shown again, reads the figure anew.
    expect((await cunwei('POST', `/api/toilets/households/${h.id}/sign`, { party: 'farmer', signerName: '李四' })).status).toBe('accepted');
    await office.reload();
    await drawer.getByTestId('figure-0').getByText('1 座').waitFor();
    await office.screenshot({ path: join(OUTPUT_DIR, 'supervision-target-figure.png') });
    await office.goto(`${url}/supervision/dashboard`);
    await office.getByText('五方验收合格的厕所：1 座').waitFor();
    expect(await (await office.request.get(`${url}/api/supervision/bulletin`)).text()).toContain('农村改厕·五方验收合格的厕所：1 座');
    await office.close();
  });
});

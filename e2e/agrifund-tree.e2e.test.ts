/**
 * The agri-fund's allocation edited in the browser (交政办发〔2022〕8号): the 县农业农村局 revises the tree — a broken tie
 * shows as it is typed and cannot be saved, a balanced one becomes version 2 with version 1 kept — and records a
 * funding source against a sub-item.
 */
import { describe, expect, it } from 'vitest';
import { apiLogin, clickAndSee, login, useServerAndBrowser } from './server.js';

describe('涉农资金 allocation edits in the browser', () => {
  const ctx = useServerAndBrowser();

  it('revises the tree as a new version with its ties checked, and records a source', async () => {
    const url = ctx.server.url;
    const p = await ctx.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await login(p, url, 'nongye');
    await p.goto(`${url}/agrifund?tab=tree`);
    await p.getByText('各项合计 12506.5735 万元，与总规模相符').waitFor();
    await p.getByRole('button', { name: '修订资金安排' }).click();
    const m = p.locator('.ant-modal-wrap:visible').last();
    // 4.1 致富带头人项目 42 → 43 alone: category 4 no longer ties, and nothing can be saved.
    await m.getByLabel('4.1 安排资金').fill('43');
    await m.getByText('4 社会保障兜底脱贫项目：子项合计与类别金额不符').waitFor();
    await m.getByLabel('调整说明').fill('县政府常务会议调整');
    expect(await m.getByRole('button', { name: '保存新版本' }).isDisabled()).toBe(true);
    // 4.2 护林员补助项目 142 → 141: the category ties again, and so does the total.
    await m.getByLabel('4.2 安排资金').fill('141');
    await m.getByText('4 社会保障兜底脱贫项目：子项合计与类别金额不符').waitFor({ state: 'detached' });
    await clickAndSee(m.getByRole('button', { name: '保存新版本' }), p.getByText('已修订：新版本已保存，原版本保留可查'));
    const farm = await apiLogin(url, 'nongye');
    const tree = (await farm('GET', '/api/agrifund/tree')) as { version: number; versions: number[]; categories: { code: string; items: { code: string; amountWan: string }[] }[] };
    expect([tree.version, tree.versions]).toEqual([2, [1, 2]]);
    expect(tree.categories.find((c) => c.code === '4')!.items.map((i) => i.amountWan)).toEqual(['43', '141']);
    const original = (await farm('GET', '/api/agrifund/tree?version=1')) as typeof tree;
    expect(original.categories.find((c) => c.code === '4')!.items.map((i) => i.amountWan)).toEqual(['42', '142']);

    await p.getByRole('button', { name: '录入资金来源' }).click();
    const f = p.locator('.ant-modal-wrap:visible').last();
    const pick = async (label: string, option: string, search?: string) => {
      await f.getByLabel(label).click();
      // A long list is virtual: typed words bring the option into view.
      if (search) await f.getByLabel(label).fill(search);
      await p.locator('.ant-select-dropdown:visible').getByTitle(option).first().click();
    };
    await pick('资金安排项', '4.2 护林员补助项目', '护林员');
    await pick('层级', '省级');
    await pick('年度', '当年安排');
    await pick('存量/增量', '增量资金');
    await f.getByLabel('金额（万元）').fill('100.5');
    await clickAndSee(f.getByRole('button', { name: /保\s?存/ }), p.getByText('已录入资金来源'));
    await p.getByRole('row').filter({ hasText: '4.2 护林员补助项目' }).filter({ hasText: '100.5000' }).waitFor();
    await p.close();
  });
});

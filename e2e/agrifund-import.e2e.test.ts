/**
 * 涉农资金 项目表导入 in the browser: the 县农业农村局 uploads a table with a bad row (its problem shown by column, the
 * commit refused, the error sheet offered), then the corrected table, and commits it; the projects appear at 项目申报.
 * A township has no 导入 tab.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectWorkbook } from '../server/src/modules/agrifund/agrifund.import.js';
import { apiLogin, clickAndSee, login, OUTPUT_DIR, useServerAndBrowser } from './server.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ROW = ['导入：西营村提水工程', '西营镇', '西营村委会', '西营镇人民政府', '水利工程', '12.5', '受益农户 300 户', '2022-05-10', '2022-10-31'];

describe('涉农资金项目表导入 in the browser', () => {
  const ctx = useServerAndBrowser();

  it('shows a bad row by its column and refuses it, then commits the corrected table as projects', async () => {
    const url = ctx.server.url;
    const p = await ctx.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await login(p, url, 'nongye');
    await p.goto(`${url}/agrifund?tab=import`);
    await p.getByRole('link', { name: '下载模板' }).waitFor();
    const bad = await projectWorkbook([ROW, ['导入：东山镇水渠', '东山镇', '', '东山镇人民政府', '灌溉渠项目', '10', '灌溉 500 亩', '2022-05-10', '2022-09-30']]);
    await p.locator('input[type=file]').setInputFiles({ name: '项目表.xlsx', mimeType: XLSX, buffer: bad });
    await p.getByText('共 2 行：正确 1 行，错误 1 行').waitFor();
    await p.getByText('乡镇：「东山镇」不是组织机构目录中的乡镇').waitFor();
    await p.getByRole('link', { name: '下载错误清单' }).waitFor();
    expect(await p.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);
    await p.screenshot({ path: join(OUTPUT_DIR, 'agrifund-import-errors.png') });
    await clickAndSee(p.getByRole('button', { name: /放\s?弃/ }), p.getByText('已放弃', { exact: true }));
    expect(await p.getByRole('button', { name: /确认导入/ }).count()).toBe(0);

    await p.locator('input[type=file]').setInputFiles({ name: '项目表.xlsx', mimeType: XLSX, buffer: await projectWorkbook([ROW]) });
    await p.getByText('共 1 行：正确 1 行，错误 0 行').waitFor();
    await clickAndSee(p.getByRole('button', { name: /确认导入/ }), p.getByText(/已写入 1 个项目/));
    await p.close();
    const farm = await apiLogin(url, 'nongye');
    const list = (await farm('GET', '/api/agrifund/projects')).items as { name: string; stepLabel: string }[];
    expect(list.find((x) => x.name === ROW[0])).toMatchObject({ stepLabel: '项目申报' });

    const town = await ctx.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await login(town, url, 'xiying');
    await town.goto(`${url}/agrifund?tab=projects`);
    await town.getByRole('tab', { name: '项目' }).waitFor();
    expect(await town.getByRole('tab', { name: '导入' }).count()).toBe(0);
    await town.close();
  }, 300_000);
});

/**
 * 国有建设用地供应 in the browser (交政发〔2022〕2号): the office draws a parcel on the map too large for the 商服 cap and is
 * refused with the rule, enters one from its GeoJSON within the cap, publishes it, and anyone finds it on the public
 * list without logging in.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LAND_IMPORT_COLUMNS } from '../server/src/modules/land/land.import.js';
import { clickAndSee, login, OUTPUT_DIR, useServerAndBrowser } from './server.js';

/** A 120 m × 100 m rectangle in 天宁镇 as GeoJSON (longitude, latitude). */
const SMALL = (() => {
  const [lng, lat] = [112.152, 37.556];
  const dLng = 120 / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dLat = 100 / 110_574;
  return JSON.stringify({ type: 'Polygon', coordinates: [[[lng, lat], [lng + dLng, lat], [lng + dLng, lat + dLat], [lng, lat + dLat], [lng, lat]]] });
})();

describe('国有建设用地供应 in the browser', () => {
  const ctx = useServerAndBrowser();

  it('refuses a drawn parcel past the cap, enters one within it, publishes it to the public list', async () => {
    const url = ctx.server.url;
    const p = await ctx.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await login(p, url, 'admin');
    await p.goto(`${url}/land?tab=plan`);
    await p.getByText('2022 年度国有建设用地供应总量 45.3272 公顷（交政发〔2022〕2号）').waitFor();
    await p.getByRole('row').filter({ hasText: '商服用地' }).getByRole('cell', { name: '2.2451' }).first().waitFor();
    await p.goto(`${url}/land?tab=parcels`);
    await p.getByRole('button', { name: '登记地块' }).click();
    const d = p.locator('.ant-drawer');
    const form = d.locator('form');
    await form.getByLabel('用途', { exact: true }).click();
    await p.locator('.ant-select-dropdown:visible').getByTitle('商服用地').click();
    // Four corners clicked on the county map: a parcel of many square kilometres.
    const map = d.getByTestId('map');
    const box = (await map.boundingBox())!;
    for (const [x, y] of [[0.45, 0.45], [0.55, 0.45], [0.55, 0.55], [0.45, 0.55]] as const) await map.click({ position: { x: box.width * x, y: box.height * y } });
    await d.getByRole('button', { name: '完成绘制' }).click();
    await d.getByTestId('parcel-check').getByText(/超出剩余指标 2\.2451 公顷/).waitFor();
    await form.getByLabel('地块编号').fill('JC2022-S1');
    await form.getByLabel('地块名称').fill('城东商业地块');
    await form.getByLabel('细分用途').click();
    await p.locator('.ant-select-dropdown:visible').getByTitle('商业').click();
    await form.getByLabel('供应方式').click();
    await p.locator('.ant-select-dropdown:visible').getByTitle('拍卖').click();
    await expect.poll(() => d.locator('.ant-drawer-extra .ant-btn-loading').count()).toBe(0);
    await d.locator('.ant-drawer-extra button').click();
    await p.getByText(/超出 2022 年度商服用地供应指标（交政发〔2022〕2号），未登记/).waitFor();
    await p.screenshot({ path: join(OUTPUT_DIR, 'land-refused.png') });

    // From its GeoJSON instead: 1.2 公顷, within the cap.
    await d.getByLabel('边界（GeoJSON）').fill(SMALL);
    await d.getByRole('button', { name: '使用此边界' }).click();
    await d.getByTestId('parcel-check').getByText(/^边界计算面积 1\.2\d{3} 公顷；该用途剩余 2\.2451 公顷/).waitFor();
    // The check's request done: the button is no longer loading.
    await expect.poll(() => d.locator('.ant-drawer-extra .ant-btn-loading').count()).toBe(0);
    await clickAndSee(d.locator('.ant-drawer-extra button'), p.getByText('已登记地块，列入供应计划'));
    const row = p.getByRole('row').filter({ hasText: 'JC2022-S1' });
    await row.getByText('计划').waitFor();
    await row.locator('button[data-step="publish"]').click();
    // 「公布后地块列入公开清单，任何人可查看。确认公布？」
    await p.locator('.ant-popover:visible').getByRole('button', { name: /^公\s?布$/ }).click();
    await row.getByText('已公布').waitFor();

    // The 见网络版 table imported: one 划拨 school parcel from its GeoJSON, checked, then entered.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('地块表');
    ws.addRow([...LAND_IMPORT_COLUMNS]);
    const school = JSON.parse(SMALL) as { coordinates: number[][][] };
    const area = (await (await p.request.post(`${url}/api/land/parcels/check?year=2022`, { data: { use: 'public', boundary: { type: 'Polygon', coordinates: school.coordinates.map((r) => r.map(([x, y]) => [x! + 0.01, y!])) } }, headers: { 'x-csrf-token': (await p.context().cookies()).find((c) => c.name === 'xw_csrf')!.value } })).json()) as { area: string };
    ws.addRow(['JC2022-P1', '城西学校用地', '天宁镇', '公共管理与公共服务用地', '公共管理与公共服务', '', area.area, '划拨', '1', '学校', JSON.stringify({ type: 'Polygon', coordinates: school.coordinates.map((r) => r.map(([x, y]) => [x! + 0.01, y!])) })]);
    await p.goto(`${url}/land?tab=import`);
    await p.locator('input[type=file]').setInputFiles({ name: '地块表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
    await p.getByTestId('land-import-summary').getByText('1 行均无问题，可以登记').waitFor();
    await clickAndSee(p.getByRole('button', { name: /全部登记/ }), p.getByText('已登记 1 宗地块'));
    await p.close();

    const anyone = await ctx.browser.newPage({ viewport: { width: 390, height: 844 } });
    await anyone.goto(`${url}/land/public`);
    await anyone.getByRole('row').filter({ hasText: 'JC2022-S1' }).getByText('已公布').waitFor();
    await anyone.screenshot({ path: join(OUTPUT_DIR, 'land-public-phone.png') });
    expect(await anyone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await anyone.close();
  });
});

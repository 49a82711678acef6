/** 地块表导入 (见网络版): a preview checks every row by column and writes nothing; a commit enters all rows or none. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { polygonAreaSqm, type PolygonGeometry } from './land.geo.js';
import { sqmToHectares } from './land.rules.js';
import { LAND_IMPORT_COLUMNS } from './land.import.js';

const today = '2022-06-15';
const rect = (lng: number, lat: number, w: number, h: number): PolygonGeometry => {
  const dLng = w / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dLat = h / 110_574;
  return { type: 'Polygon', coordinates: [[[lng, lat], [lng + dLng, lat], [lng + dLng, lat + dLat], [lng, lat + dLat], [lng, lat]]] };
};
/** A row of the template from a parcel's fields and its boundary. */
const line = (code: string, use: string, method: string, g: PolygonGeometry, over: Partial<Record<string, string>> = {}) => {
  const v: Record<string, string> = { 地块编号: code, 地块名称: `${code} 地块`, 所在地: '天宁镇', 用途: use, 细分用途: '', 住房类型: '', '面积（公顷）': sqmToHectares(polygonAreaSqm(g)), 供应方式: method, 意向用地者: '1', 项目: '', '边界（GeoJSON）': JSON.stringify(g), ...over };
  return LAND_IMPORT_COLUMNS.map((c) => v[c] ?? '');
};
async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('地块表');
  ws.addRow([...LAND_IMPORT_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(DIALECTS)('地块表导入 on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const post = async (who: string, url: string, body: Buffer) => t.app.inject({ method: 'POST', url, payload: body, headers: { ...s[who].headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
  const codes = async () => (await t.app.inject({ method: 'GET', url: '/api/land/parcels', headers: s.admin.headers })).json().items.map((p: { code: string }) => p.code);

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['land'] });
    for (const u of ['admin', 'gongxin']) s[u] = await t.login(u);
  });
  afterAll(() => t.close());

  it('names each row\'s problems by column, writes nothing until every row is right, then enters them all at once', async () => {
    const good = line('I-1', '工矿仓储用地', '挂牌', rect(112.165, 37.53, 200, 100), { 细分用途: '工业', 所在地: '交城经济开发区' });
    const bad = line('I-2', '商服用地', '协议', rect(112.15, 37.556, 100, 100), { 细分用途: '商业', 所在地: '火星镇' });
    const file = await workbook([good, bad]);
    expect((await post('gongxin', '/api/land/import/preview', file)).statusCode).toBe(403);
    const preview = (await post('admin', '/api/land/import/preview', file)).json();
    expect(preview.errors).toBe(1);
    expect(preview.rows[1].problems.map((p: { field: string }) => p.field).sort()).toEqual(['供应方式', '所在地']);
    expect(preview.rows[1].problems.find((p: { field: string }) => p.field === '供应方式').message).toContain('招标、拍卖或者挂牌');
    const refused = await post('admin', '/api/land/import/commit', file);
    expect([refused.statusCode, refused.json().error.message]).toEqual([400, '有 1 行存在问题，请按预览修改后重新导入（未写入任何地块）']);
    expect(await codes()).toEqual([]);
    const fixed = await workbook([good, line('I-2', '商服用地', '拍卖', rect(112.15, 37.556, 100, 100), { 细分用途: '商业' })]);
    expect((await post('admin', '/api/land/import/commit', fixed)).json()).toEqual({ entered: 2 });
    expect((await codes()).sort()).toEqual(['I-1', 'I-2']);
  });

  it('rolls the whole file back when a row runs past a cap', async () => {
    // 商服 has 2.2451 less I-2's 1 公顷 left: the second 1 公顷 row fits, the third does not.
    const file = await workbook([
      line('C-1', '商服用地', '拍卖', rect(112.14, 37.55, 100, 100), { 细分用途: '商业' }),
      line('C-2', '商服用地', '拍卖', rect(112.142, 37.55, 100, 100), { 细分用途: '商业' }),
    ]);
    const r = await post('admin', '/api/land/import/commit', file);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/^第 3 行：.*超出 2022 年度商服用地供应指标.*（整表未写入）$/);
    expect((await codes()).sort()).toEqual(['I-1', 'I-2']);
  });
});

import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testRegistry } from '../../test/app.js';
import type { Actor } from '../../core/audit.js';
import { polygonAreaSqm, type PolygonGeometry } from './land.geo.js';
import type { LandService } from './land.service.js';

const square = (dy = 0): PolygonGeometry => ({ type: 'Polygon', coordinates: [[[112.156, 37.552 + dy], [112.157, 37.552 + dy], [112.157, 37.553 + dy], [112.156, 37.553 + dy], [112.156, 37.552 + dy]]] });
const admin: Actor = { userId: null, name: '县管理员', role: 'county_admin', unitId: null, townshipId: null };

describe.each(DIALECTS)('国有建设用地供应 parcel procedure on %s', (dialect) => {
  it('takes a 挂牌 parcel through 公布, 出让公告, 成交, 供应; refuses the deal before the notice with the rule; gives a withdrawn area back', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const registry = testRegistry(db);
      await registry.seed({ demo: false, only: ['directory', 'workflow', 'land'] });
      const service = registry.service('land') as LandService;
      const declared = `0.${String(polygonAreaSqm(square())).padStart(4, '0')}`;
      const base = { name: '演示地块', location: '交城经济开发区', area: declared, project: '演示项目', intendingUsers: 1, use: 'industrial' as const, subUse: 'industry', method: 'listing' as const };
      const p = await service.enterParcel(2022, { ...base, code: 'JC2022-11', boundary: square() }, admin);
      await service.step(admin, p.id, 'publish', {});
      await expect(service.step(admin, p.id, 'deal', { price: '100', buyer: '某公司', dealtOn: '2022-03-01' })).rejects.toMatchObject({ status: 409, message: expect.stringContaining('交政发〔2022〕2号') });
      await service.step(admin, p.id, 'notice', { noticeNo: '交自然资告〔2022〕1号', noticedOn: '2022-03-01' });
      await service.step(admin, p.id, 'deal', { price: '1,234,567.89', buyer: '某公司', dealtOn: '2022-04-01' });
      const done = await service.step(admin, p.id, 'supply', { contractNo: 'HT-1', suppliedOn: '2022-04-10', agreedStart: '2022-05-01', agreedCompletion: '2023-05-01' });
      expect([done.status, done.price, done.filingBody.code, done.timeline.length]).toEqual(['supplied', '1234567.89', 'JC-KFQ', 5]);
      const q = await service.enterParcel(2022, { ...base, code: 'JC2022-12', boundary: square(0.002) }, admin);
      expect((await service.plan(2022)).uses.find((u) => u.use === 'industrial')!.used).not.toBe(declared);
      await service.step(admin, q.id, 'withdraw', { note: '规划调整' });
      expect((await service.plan(2022)).uses.find((u) => u.use === 'industrial')!.used).toBe(declared);
    } finally {
      await cleanup();
    }
  });
});

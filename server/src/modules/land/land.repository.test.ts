import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testRegistry } from '../../test/app.js';
import { polygonAreaSqm, type PolygonGeometry } from './land.geo.js';
import { CapFull, LandRepository } from './land.repository.js';
import { LandService } from './land.service.js';
import { PLAN_2022, hectaresToSqm } from './land.rules.js';

// A 0.001° square by 县城, about 0.98 公顷; `dy` shifts it north so parcels do not overlap.
const square = (dy = 0): PolygonGeometry => ({ type: 'Polygon', coordinates: [[[112.156, 37.552 + dy], [112.157, 37.552 + dy], [112.157, 37.553 + dy], [112.156, 37.553 + dy], [112.156, 37.552 + dy]]] });

describe.each(DIALECTS)('国有建设用地供应计划 repository on %s', (dialect) => {
  it('never lets two parcels racing for the last of a cap both take it, and writes nothing for the loser', async () => {
    const { db, cleanup, another } = await freshDb(dialect);
    try {
      const registry = testRegistry(db);
      await registry.seed({ demo: false, only: ['directory', 'land'] });
      const repo = new LandRepository(db);
      const second = another();
      const other = new LandRepository(second);
      const plan = (await repo.planByYear(2022))!;
      expect(plan.total_sqm).toBe(PLAN_2022.totalSqm);
      // 商服 cap 2.2451 公顷: take 2.0000, then two processes race for 0.2451 each.
      await db.unitOfWork(() => repo.takeArea(plan.id, 'commercial', hectaresToSqm('2.0000')));
      const take = (r: LandRepository, d: typeof db) => d.unitOfWork(() => r.takeArea(plan.id, 'commercial', hectaresToSqm('0.2451')));
      const results = await Promise.allSettled([take(repo, db), take(other, second)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(CapFull);
      const caps = await repo.caps(plan.id);
      expect(caps.find((c) => c.use === 'commercial')!.used_sqm).toBe(22_451);
      expect((await repo.planByYear(2022))!.used_total_sqm).toBe(22_451);
      // Past the use's cap by one 平方米: refused, the total untouched.
      await expect(db.unitOfWork(() => repo.takeArea(plan.id, 'commercial', 1))).rejects.toBeInstanceOf(CapFull);
      expect((await repo.planByYear(2022))!.used_total_sqm).toBe(22_451);
    } finally {
      await cleanup();
    }
  });

  it('enters a parcel with its boundary, refuses a 协议 commercial parcel with the rule quoted, and finds parcels by box', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const registry = testRegistry(db);
      await registry.seed({ demo: false, only: ['directory', 'land'] });
      const service = registry.service('land') as LandService;
      const base = { name: '演示地块', location: '天宁镇', area: '0.9830', project: '演示项目', intendingUsers: 1 };
      const area = polygonAreaSqm(square());
      const declared = `0.${String(area).padStart(4, '0')}`;
      const p = await service.enterParcel(2022, { ...base, area: declared, code: 'JC2022-01', use: 'industrial', subUse: 'industry', boundary: square(), method: 'listing' });
      expect(service.view(p).filingBody.code).toBe('JC-ZJJ');
      await expect(service.enterParcel(2022, { ...base, area: declared, code: 'JC2022-02', use: 'commercial', subUse: 'business', boundary: square(0.002), method: 'agreement' }))
        .rejects.toMatchObject({ status: 400, message: expect.stringContaining('交政发〔2022〕2号') });
      await expect(service.enterParcel(2022, { ...base, area: '0.5000', code: 'JC2022-03', use: 'public', boundary: square(0.004), method: 'allocation' }))
        .rejects.toMatchObject({ status: 400, message: expect.stringContaining('边界计算面积') });
      await expect(service.enterParcel(2022, { ...base, area: '0.98301', code: 'JC2022-04', use: 'public', boundary: square(0.004), method: 'allocation' }))
        .rejects.toMatchObject({ status: 400 });
      // Codes the rules do not list are refused by field, before the method rule reads them.
      const odd = { ...base, area: declared, code: 'JC2022-05', boundary: square(0.002) };
      await expect(service.enterParcel(2022, { ...odd, use: 'industrial', subUse: 'housing', method: 'listing' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('工业、仓储、采矿') });
      await expect(service.enterParcel(2022, { ...odd, use: 'industrial', housingType: 'small', method: 'listing' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('仅住宅用地填写住房类型') });
      await expect(service.enterParcel(2022, { ...odd, use: 'public', method: 'gift' as 'listing' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('招标、拍卖、挂牌、协议、划拨') });
      const plan = await service.plan(2022);
      expect(plan.uses.find((u) => u.use === 'industrial')!.used).toBe(declared);
      expect(plan.used).toBe(declared);
      const repo = new LandRepository(db);
      expect((await repo.inBox(p.plan_id, { minLng: 112.1555, minLat: 37.5515, maxLng: 112.1565, maxLat: 37.5525 })).map((r) => r.code)).toEqual(['JC2022-01']);
      expect(await repo.inBox(p.plan_id, { minLng: 112.2, minLat: 37.6, maxLng: 112.3, maxLat: 37.7 })).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

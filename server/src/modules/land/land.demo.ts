/**
 * A believable start for demo installs (never production): four 演示 parcels near the county seat and in the 开发区, at
 * different steps of the 2022 plan. The county's parcel tables are 见网络版: these are marked 演示, not the county's. On
 * the install's demo clock each step is taken on the day it is dated.
 */
import type { Actor } from '../../core/audit.js';
import type { ModuleContext } from '../../core/module.js';
import { polygonAreaSqm, type PolygonGeometry } from './land.geo.js';
import { sqmToHectares } from './land.rules.js';
import type { LandService } from './land.service.js';

/** A rectangle `w` × `h` metres with its south-west corner at (lng, lat): WGS84/CGCS2000 degrees. */
function rect(lng: number, lat: number, w: number, h: number): PolygonGeometry {
  const dLng = w / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dLat = h / 110_574;
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  const [a, b, c, d] = [[lng, lat], [lng + dLng, lat], [lng + dLng, lat + dLat], [lng, lat + dLat]].map(([x, y]) => [r(x!), r(y!)] as [number, number]);
  return { type: 'Polygon', coordinates: [[a!, b!, c!, d!, a!]] };
}

const ADMIN: Actor = { userId: null, name: '县级管理员（演示）', role: 'county_admin', unitId: null, townshipId: null };

/** The last day the story is dated: a demo clock on or before it seeds everything at its own now instead. */
const LAST_DAY = '2022-05-25';

/** Seed the demo parcels (once). */
export async function seedLandDemo(service: LandService, clock: Pick<ModuleContext, 'today' | 'demoClock'>): Promise<string[]> {
  const plan = await service.repo.planByYear(2022);
  if (!plan || (await service.repo.parcels(plan.id)).length) return [];
  const replay = clock.demoClock && clock.today() > LAST_DAY ? clock.demoClock : null;
  const on = (day: string) => replay?.at(`${day}T09:30:00+08:00`);
  // The parcels enter the plan the day after it (14 April); two are published at once.
  on('2022-04-15');
  const enter = (code: string, name: string, location: string, boundary: PolygonGeometry, rest: Pick<Parameters<LandService['enterParcel']>[1], 'use' | 'subUse' | 'housingType' | 'method' | 'intendingUsers' | 'project' | 'priorities'>) =>
    service.enterParcel(2022, { code, name, location, boundary, area: sqmToHectares(polygonAreaSqm(boundary)), demo: true, ...rest }, ADMIN);
  const industry = await enter('演示JC2022-01', '演示：开发区精细化工配套用地', '交城经济开发区', rect(112.1655, 37.5305, 200, 150), { use: 'industrial', subUse: 'industry', method: 'listing', intendingUsers: 1, project: '演示：新材料配套项目', priorities: ['key_project'] });
  await service.step(ADMIN, industry.id, 'publish', {});
  const shop = await enter('演示JC2022-02', '演示：天宁镇商业综合体地块', '天宁镇', rect(112.1505, 37.5545, 100, 100), { use: 'commercial', subUse: 'business', method: 'auction', intendingUsers: 2, project: '演示：商业综合体' });
  await service.step(ADMIN, shop.id, 'publish', {});
  await enter('演示JC2022-03', '演示：保障性住房地块', '天宁镇', rect(112.1455, 37.5585, 150, 100), { use: 'residential', subUse: 'housing', housingType: 'affordable', method: 'allocation', intendingUsers: 1, project: '演示：公共租赁住房', priorities: ['livelihood'] });
  await enter('演示JC2022-04', '演示：城南学校用地', '天宁镇', rect(112.1555, 37.5465, 100, 80), { use: 'public', subUse: 'public', method: 'allocation', intendingUsers: 1, project: '演示：九年一贯制学校', priorities: ['livelihood', 'infrastructure'] });
  // The 开发区 parcel is supplied: dates after the plan and before any demo clock (a step is never dated in the future).
  on('2022-04-20');
  await service.step(ADMIN, industry.id, 'notice', { noticeNo: '演示交自然资告〔2022〕3号', noticedOn: '2022-04-20' });
  on('2022-05-20');
  await service.step(ADMIN, industry.id, 'deal', { price: '6,800,000', buyer: '演示：某新材料有限公司', dealtOn: '2022-05-20' });
  // Supplied with a start agreed for 2022-06-01 and no start recorded: the dashboard flags it 闲置.
  on(LAST_DAY);
  await service.step(ADMIN, industry.id, 'supply', { contractNo: '演示HT-2022-01', suppliedOn: LAST_DAY, agreedStart: '2022-06-01', agreedCompletion: '2024-06-01' });
  return ['国有建设用地供应：4 个演示地块（名称标「演示」，非本县地块；1 个已供应未开工，显示为闲置）'];
}

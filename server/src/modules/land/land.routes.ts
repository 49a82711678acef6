/** The HTTP surface of 国有建设用地供应计划 (/api/land). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendXlsx, toXlsx } from '../../core/excel.js';
import { IdParams, Items, Xlsx } from '../../core/schema.js';
import { RESOURCES } from './land.access.js';
import { AREA_TOLERANCE, DEV_ZONE, PRIORITIES, HOUSING_SHARE_PERCENT, HOUSING_TYPES, METHODS, OPEN_SALE_RULE, SOURCE, SUB_USES, USES } from './land.rules.js';
import { CheckBody, CheckResult, Dashboard, Meta, ParcelBody, ParcelDetail, ParcelItem, Plan, PlanBody, PublicParcel, StepBody, StepParams, YearQuery } from './land.schemas.js';
import type { LandService } from './land.service.js';
import { LAND_IMPORT_COLUMNS, type LandImport } from './land.import.js';
import { invalidField } from '../../core/errors.js';
import { z } from 'zod';
import { installNow } from '../../core/time.js';

const tags = ['国有建设用地供应计划'];

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ImportRow = z.object({ row: z.number().int(), cells: z.record(z.string(), z.string()), problems: z.array(z.object({ field: z.string(), message: z.string() })) });
export const ImportPreview = z.object({ rows: z.array(ImportRow), errors: z.number().int() });

export async function landRoutes(app: FastifyInstance, o: { service: LandService & { importer: LandImport } }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = o.service;
  // A parcel table is tens of rows: 4 MB is ample; the reading budget bounds what it inflates to.
  app.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 4 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  const file = (body: unknown) => {
    if (!Buffer.isBuffer(body)) throw invalidField('file', '不是文件内容', '请以 Excel 文件的原始内容上传');
    return body;
  };
  const read = { permission: 'land.read' } as const;
  const write = { permission: 'land.write' } as const;

  r.get('/meta', { config: read, schema: { tags, summary: '用途、住房类型、供应方式、所在地（表单用）', response: { 200: Meta } } }, async (req) => ({
    source: SOURCE,
    uses: USES.map((u) => ({ code: u.code, name: u.name, subUses: [...SUB_USES[u.code]] })),
    housingTypes: HOUSING_TYPES.map((h) => ({ code: h.code, name: h.name })),
    methods: METHODS.map((m) => ({ code: m.code, name: m.name })),
    priorities: PRIORITIES.map((p) => ({ code: p.code, name: p.name })),
    locations: [...(await s.townshipNames()), DEV_ZONE],
    openSaleRule: OPEN_SALE_RULE,
    housingSharePercent: HOUSING_SHARE_PERCENT,
    areaTolerance: `申报面积与边界计算面积相差不超过 ${AREA_TOLERANCE.percent}%（或 ${AREA_TOLERANCE.minSqm} 平方米）`,
    mayEnter: (await s.access.which(req.actor!, RESOURCES, {})) !== null,
    years: await s.years(),
  }));
  r.get('/plan', { config: read, schema: { tags, summary: '年度供应计划：总量与各用途指标、已用、剩余，住房用地占比', querystring: YearQuery, response: { 200: Plan } } }, async (req) => s.plan(req.query.year));
  r.post('/plans', { config: write, schema: { tags, summary: '录入其他年度的供应计划（依其文件）', body: PlanBody, response: { 201: Plan } } }, async (req, reply) => {
    const p = await s.enterPlan(req.actor!, req.body);
    reply.code(201);
    return p;
  });
  r.get('/parcels', { config: read, schema: { tags, summary: '地块（可按地图范围 bbox=minLng,minLat,maxLng,maxLat）', querystring: YearQuery, response: { 200: Items(ParcelItem) } } }, async (req) => ({ items: await s.parcels(req.actor!, req.query.year, req.query.bbox) }));
  r.post('/parcels/check', { config: write, schema: { tags, summary: '登记前预检：边界面积、剩余指标、登记后住房用地占比', querystring: YearQuery, body: CheckBody, response: { 200: CheckResult } } }, async (req) => s.check(req.query.year, req.body));
  r.post('/parcels', { config: write, schema: { tags, summary: '登记地块（列入计划，按用途与总量指标占用面积）', querystring: YearQuery, body: ParcelBody, response: { 201: ParcelDetail } } }, async (req, reply) => {
    const p = await s.enterParcel(req.query.year, req.body, req.actor!);
    reply.code(201);
    return s.detail(req.actor!, p.id);
  });
  r.get('/parcels/:id', { config: read, schema: { tags, summary: '地块详情、可办理的步骤与办理记录', params: IdParams, response: { 200: ParcelDetail } } }, async (req) => s.detail(req.actor!, req.params.id));
  r.post('/parcels/:id/:step', { config: write, schema: { tags, summary: '办理地块步骤：公布、出让公告、成交、供应、开工、竣工、撤销', params: StepParams, body: StepBody, response: { 200: ParcelDetail } } }, async (req) => s.step(req.actor!, req.params.id, req.params.step, req.body));
  r.get('/dashboard', { config: read, schema: { tags, summary: '看板：计划执行、地块状态、闲置地块', querystring: YearQuery, response: { 200: Dashboard } } }, async (req) => s.dashboard(req.query.year));
  // 「落实供应计划的地块公布机制」: the published parcels and their results, for anyone.
  r.get('/public', { config: { permission: 'public' }, schema: { tags, summary: '公布的地块与供应结果（无需登录）', querystring: YearQuery, response: { 200: Items(PublicParcel) } } }, async (req) => ({ items: await s.publicParcels(req.query.year) }));
  r.get('/parcels.xlsx', { config: read, schema: { tags, summary: '地块台账（Excel）', querystring: YearQuery, response: { 200: Xlsx } } }, async (req, reply) => {
    const rows = await s.parcels(req.actor!, req.query.year);
    type P = (typeof rows)[number];
    const xlsx = await toXlsx<P>('地块台账', [
      { header: '地块编号', value: (x) => x.code },
      { header: '地块名称', value: (x) => x.name, width: 28 },
      { header: '所在地', value: (x) => x.location },
      { header: '用途', value: (x) => x.useName },
      { header: '面积（公顷）', value: (x) => x.area, kind: 'decimal' },
      { header: '边界计算面积（公顷）', value: (x) => x.boundaryArea, kind: 'decimal' },
      { header: '供应方式', value: (x) => x.methodName },
      { header: '意向用地者', value: (x) => x.intendingUsers },
      { header: '状态', value: (x) => x.statusLabel },
      { header: '成交价（元）', value: (x) => x.price ?? '', kind: 'decimal' },
      { header: '受让人', value: (x) => x.buyer ?? '' },
      { header: '约定开工', value: (x) => x.agreedStart ?? '' },
      { header: '闲置', value: (x) => (x.idle ? '是' : '') },
      { header: '优先保障', value: (x) => x.priorities.map((p) => p.name).join('、') },
      { header: '建筑工程招投标备案', value: (x) => x.filingBody.name },
    ], rows, { title: `${req.query.year} 年度国有建设用地供应地块台账（${SOURCE}）`, at: installNow() });
    return sendXlsx(reply, `${req.query.year}年国有建设用地供应地块台账.xlsx`, xlsx);
  });
  r.get('/import/template.xlsx', { config: write, schema: { tags, summary: `地块表导入模板（列：${LAND_IMPORT_COLUMNS.join('、')}）`, response: { 200: Xlsx } } }, async (_req, reply) => sendXlsx(reply, '地块表导入模板.xlsx', await s.importer.template()));
  r.post('/import/preview', { config: write, schema: { tags, summary: '导入预览：逐行逐列检查，不写入', response: { 200: ImportPreview } } }, async (req) => s.importer.preview(req.actor!, file(req.body)));
  r.post('/import/commit', { config: write, schema: { tags, summary: '导入：全部行一并登记（有问题行或超出指标时整表不写入）', querystring: YearQuery, response: { 200: z.object({ entered: z.number().int() }) } } }, async (req) => s.importer.commit(req.actor!, req.query.year, file(req.body)));
  r.get('/plan.xlsx', { config: read, schema: { tags, summary: '年度供应计划执行表（Excel）', querystring: YearQuery, response: { 200: Xlsx } } }, async (req, reply) => {
    const p = await s.plan(req.query.year);
    type U = { use: string; name: string; cap: string; used: string; left: string };
    const xlsx = await toXlsx<U>('供应计划', [
      { header: '用途', value: (x) => x.name },
      { header: '计划指标（公顷）', value: (x) => x.cap, kind: 'decimal' },
      { header: '已列入地块（公顷）', value: (x) => x.used, kind: 'decimal' },
      { header: '剩余（公顷）', value: (x) => x.left, kind: 'decimal' },
    ], [...p.uses, { use: 'total', name: '合计（供应总量）', cap: p.total, used: p.used, left: p.left }], { title: `${p.year} 年度国有建设用地供应计划执行表（${p.source}）`, at: installNow() });
    return sendXlsx(reply, `${p.year}年国有建设用地供应计划.xlsx`, xlsx);
  });
}

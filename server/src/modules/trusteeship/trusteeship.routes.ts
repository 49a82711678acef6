import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { madeByOf, sendXlsx, toXlsx } from '../../core/excel.js';
import { escapeHtml } from '../../core/html.js';
import { formatFen } from '../../core/money.js';
import type { ModuleContext } from '../../core/module.js';
import { IdParams, Items, Pdf, StepActions, Timeline, Xlsx, creditCodeField, isoDate, mobileField, muField, nameText, residentIdField, unitRef, villageRef } from '../../core/schema.js';
import { CRITERIA, CROPS, ORG_TYPES, STAGE_CODES } from './trusteeship.rules.js';
import type { TrusteeshipService } from './trusteeship.service.js';
import { SEASON_STATUSES } from './acceptance.flow.js';
import { ORG_STATUSES } from './orgs.flow.js';
import { FARMER_STATUSES, WORK_STATUSES } from './works.flow.js';
import { installNow } from '../../core/time.js';

const tags = ['农业生产托管'];
const int = z.number().int();
const area = muField();
const StageRate = z.object({ code: z.string().trim().min(1).max(20), name: z.string().trim().min(2).max(40), priceFen: int.positive('价格应大于 0'), subsidyFen: int.min(0), perPass: z.boolean().default(false) });
const Rates = z.object({ season: int, document: z.string(), stages: z.array(StageRate) });
export const RatesBody = z.object({ season: int.min(2023, '2022 年的标准即交政办发〔2022〕16号').max(2100), document: z.string().trim().min(4, '请填写依据文件的文号或名称').max(120), stages: z.array(StageRate).min(1).max(20) });
const Season = z.object({ season: z.coerce.number().int().min(2022).max(2100).default(2022) });

export const OrgApplication = z.object({
  name: nameText(80, '请填写服务组织名称', 2),
  creditCode: creditCodeField(),
  orgType: z.enum(ORG_TYPES, { message: `服务组织类型应为：${ORG_TYPES.join('、')}` }),
  townshipId: unitRef('请选择所在乡（镇）'),
  villageId: villageRef().nullable().default(null),
  criteria: z.object(Object.fromEntries(CRITERIA.map((c) => [c.code, z.string().trim().max(2000).default('')])) as Record<(typeof CRITERIA)[number]['code'], z.ZodDefault<z.ZodString>>),
});
export const OrgSchema = z.object({
  id: int,
  name: z.string(),
  creditCode: z.string(),
  orgType: z.string(),
  townshipId: int,
  villageId: int.nullable(),
  villageRecommendedBy: z.string().nullable(),
  criteria: z.record(z.string(), z.string()),
  status: z.enum(ORG_STATUSES),
  statusLabel: z.string(),
  reviewNote: z.string().nullable(),
  noticeEnd: z.string().nullable(),
  countyContractNo: z.string().nullable(),
  actions: StepActions,
  /** The step log (empty in the published list's view). */
  timeline: Timeline,
});
export const ContractBody = z.object({
  orgId: int.positive(),
  season: int.min(2022).max(2100),
  farmerName: nameText(40, '请填写农户姓名'),
  farmerIdNo: residentIdField(),
  farmerPhone: mobileField('手机号格式错误'),
  farmerUsername: z.string().trim().min(1).max(32).nullable().default(null),
  villageId: villageRef('请选择地块所在村'),
  location: nameText(120, '请填写地块位置', 2),
  areaMu: area,
  crop: z.enum(CROPS, { message: `作物应为：${CROPS.join('、')}` }),
  stages: z.array(z.enum(STAGE_CODES)).min(1, '请选择服务环节'),
  periodFrom: isoDate,
  periodTo: isoDate,
  quality: z.string().trim().min(2, '请填写质量要求').max(1000),
});
const StageView = z.object({ code: z.string(), name: z.string(), priceFen: int, subsidyFen: int, farmerPaysFen: int, perPass: z.boolean() });
export const ContractSchema = z.object({
  id: int,
  orgId: int,
  season: int,
  farmerName: z.string(),
  farmerIdNo: z.string(),
  farmerPhone: z.string(),
  villageId: int,
  townshipId: int,
  location: z.string(),
  areaMu: z.string(),
  crop: z.string(),
  stages: z.array(StageView),
  periodFrom: z.string(),
  periodTo: z.string(),
  quality: z.string(),
});
export const WorkBody = z.object({
  contractId: int.positive(),
  stage: z.enum(STAGE_CODES),
  workDate: isoDate,
  areaMu: area,
  passes: int.min(1).max(10).default(1),
  evidence: z.string().trim().min(2, '请说明作业凭证（照片、监测面积记录）').max(2000),
});
export const WorkSchema = z.object({
  id: int,
  contractId: int,
  orgId: int,
  stage: z.string(),
  stageName: z.string(),
  workDate: z.string(),
  areaMu: z.string(),
  passes: int,
  evidence: z.string(),
  farmerStatus: z.enum(FARMER_STATUSES),
  farmerStatusLabel: z.string(),
  farmerNote: z.string().nullable(),
  status: z.enum(WORK_STATUSES),
  statusLabel: z.string(),
  townshipAreaMu: z.string().nullable(),
  countyAreaMu: z.string().nullable(),
  priceFen: int,
  subsidyFen: int,
  farmerPaysFen: int,
  paidFen: int.nullable(),
});
/** A work as its contract's list shows it: with what the actor may do and its step log. */
export const WorkDetail = WorkSchema.extend({ actions: StepActions, timeline: Timeline });
export const SeasonView = z.object({
  orgId: int,
  season: int,
  status: z.enum(SEASON_STATUSES),
  statusLabel: z.string(),
  acceptances: z.array(z.object({ id: int, level: z.enum(['township', 'county']), levelLabel: z.string(), townshipId: int.nullable(), note: z.string(), byName: z.string(), at: z.string(), noticeEnd: z.string(), noticeId: int.nullable() })),
  actions: StepActions,
  timeline: Timeline,
});
export const AcceptBody = z.object({
  orgId: int.positive(),
  season: int.min(2022).max(2100),
  level: z.enum(['township', 'county']),
  note: z.string().trim().min(2, '请填写验收意见').max(2000),
  items: z.array(z.object({ workId: int.positive(), areaMu: area })).min(1, '请逐项填写验收面积').max(5000),
});
const SheetSchema = z.object({
  org: z.string(),
  season: int,
  settled: z.boolean(),
  hold: z.string().nullable(),
  lines: z.array(z.object({ workId: int, farmer: z.string(), location: z.string(), crop: z.string(), stage: z.string(), workDate: z.string(), areaMu: z.string(), passes: int, subsidyFen: int, paidFen: int, note: z.string().nullable() })),
  totalFen: int,
  upper: z.string(),
  source: z.string(),
  /** 按环节兑付: the money per 环节 (交政办发〔2022〕16号 三、（五）), and how the page reads the rule. */
  byStage: z.array(z.object({ stage: z.string(), works: int, areaMu: z.string(), paidFen: int, upper: z.string() })),
  reading: z.string(),
});
const Total = z.object({ key: z.string(), label: z.string(), works: int, areaCenti: int, acceptedCenti: int, areaMu: z.string(), acceptedMu: z.string(), paidFen: int, confirmed: int, township: int, county: int });
export const TrusteeshipDashboard = z.object({ season: int, byCrop: z.array(Total), byStage: z.array(Total), byTownship: z.array(Total), byOrg: z.array(Total) });

type Sheet = z.infer<typeof SheetSchema>;
function sheetHtml(s: Sheet): string {
  const rows = s.lines.map((l, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(l.farmer)}</td><td>${escapeHtml(l.location)}</td><td>${escapeHtml(l.crop)}</td><td>${escapeHtml(l.stage)}${l.passes > 1 ? ` ×${l.passes}` : ''}</td><td>${l.areaMu}</td><td>${formatFen(l.subsidyFen)}</td><td>${formatFen(l.paidFen)}</td><td>${escapeHtml(l.note ?? '')}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>农业生产托管补助结算单</title><style>@page{size:A4 landscape;margin:15mm}body{font-family:"FangSong","WenQuanYi Zen Hei",serif}h1{text-align:center;font-size:20pt}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:3px 5px;font-size:10.5pt}</style></head><body><h1>${s.season} 年农业生产托管服务补助结算单</h1><p>服务组织：${escapeHtml(s.org)}　　依据：${escapeHtml(s.source)}</p><table><thead><tr><th>序号</th><th>农户</th><th>地块</th><th>作物</th><th>环节</th><th>验收面积（亩）</th><th>应补（元）</th><th>实补（元）</th><th>说明</th></tr></thead><tbody>${rows}</tbody></table><h2 style="font-size:14pt;margin-top:12pt">按环节兑付</h2><table><thead><tr><th>环节</th><th>作业（项）</th><th>验收面积（亩）</th><th>实补（元）</th><th>大写</th></tr></thead><tbody>${s.byStage.map((b) => `<tr><td>${escapeHtml(b.stage)}</td><td>${b.works}</td><td>${b.areaMu}</td><td>${formatFen(b.paidFen)}</td><td>${escapeHtml(b.upper)}</td></tr>`).join('')}</tbody></table><p>合计：${formatFen(s.totalFen)} 元（大写：${escapeHtml(s.upper)}）</p><p style="text-align:right">县现代农业发展服务中心（盖章）　　县财政局（盖章）</p></body></html>`;
}

export async function trusteeshipRoutes(app: FastifyInstance, opts: { service: TrusteeshipService; ctx: Pick<ModuleContext, 'pdf'> }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  r.get('/rates', { config: { permission: 'public' }, schema: { tags, summary: '某年各环节服务价格与补助标准（分/亩）及其依据文件', querystring: Season, response: { 200: Rates } } }, async (req) => service.ratesFor(req.query.season));
  r.post('/rates', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '录入某年的价格与补助标准（补助不超过服务价格的 30%）', body: RatesBody, response: { 201: Rates } } }, async (req, reply) => {
    reply.code(201);
    return service.enterRates(req.actor!, req.body.season, req.body.document, req.body.stages);
  });
  r.get('/orgs/public', { config: { permission: 'public' }, schema: { tags, summary: '已公布的服务组织名单', response: { 200: Items(z.object({ id: int, name: z.string(), orgType: z.string(), townshipId: int })) } } }, async () => ({ items: await service.publicOrgs() }));
  r.post('/orgs', { config: { permission: 'trusteeship.apply' }, schema: { tags, summary: '服务组织申请（五项标准逐条说明）', body: OrgApplication, response: { 201: OrgSchema } } }, async (req, reply) => {
    reply.code(201);
    return service.apply(req.actor!, req.body);
  });
  r.get('/orgs', { config: { permission: 'trusteeship.read' }, schema: { tags, summary: '服务组织（本组织；乡镇看本乡镇；县中心看全部）', response: { 200: Items(OrgSchema) } } }, async (req) => ({ items: await service.orgs(req.actor!) }));
  r.post('/orgs/:id/recommend', { config: { permission: 'trusteeship.township' }, schema: { tags, summary: '村和乡镇推荐（所在村先推荐，再由乡镇推荐）', params: IdParams, response: { 200: OrgSchema } } }, async (req) => service.recommend(req.actor!, req.params.id));
  r.post('/orgs/:id/review', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '托管领导组会审（通过后公示）', params: IdParams, body: z.object({ approve: z.boolean(), note: z.string().trim().min(2, '请填写会审意见').max(1000) }), response: { 200: OrgSchema } } }, async (req) =>
    service.review(req.actor!, req.params.id, req.body.approve, req.body.note),
  );
  r.post('/orgs/:id/publish', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '公示期满后公布', params: IdParams, response: { 200: OrgSchema } } }, async (req) => service.publish(req.actor!, req.params.id));
  r.post('/orgs/:id/county-contract', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '县现代农业发展服务中心与服务组织签订托管服务合同', params: IdParams, body: z.object({ contractNo: z.string().trim().min(2, '请填写合同编号').max(60) }), response: { 200: OrgSchema } } }, async (req) =>
    service.countyContract(req.actor!, req.params.id, req.body.contractNo),
  );
  r.post('/contracts', { config: { permission: 'trusteeship.apply' }, schema: { tags, summary: '与农户签订托管服务合同（地块、面积、环节、期限、质量）', body: ContractBody, response: { 201: ContractSchema } } }, async (req, reply) => {
    reply.code(201);
    return service.createContract(req.actor!, req.body);
  });
  r.get('/contracts', { config: { permission: 'trusteeship.read' }, schema: { tags, summary: '服务合同（按角色范围；农户看自己的）', querystring: Season, response: { 200: Items(ContractSchema) } } }, async (req) => ({ items: await service.contracts(req.actor!, req.query.season) }));
  r.get('/contracts/:id/works', { config: { permission: 'trusteeship.read' }, schema: { tags, summary: '合同下的作业确认单', params: IdParams, response: { 200: Items(WorkDetail) } } }, async (req) => ({ items: await service.works(req.actor!, req.params.id) }));
  r.post('/works', { config: { permission: 'trusteeship.apply' }, schema: { tags, summary: '填写作业确认单', body: WorkBody, response: { 201: WorkSchema } } }, async (req, reply) => {
    reply.code(201);
    return service.recordWork(req.actor!, req.body);
  });
  r.post('/works/:id/answer', { config: { permission: 'trusteeship.read' }, schema: { tags, summary: '农户确认或提出异议（服务组织可上传农户签字的纸质确认单；争议由乡镇核实后确认）', params: IdParams, body: z.object({ confirm: z.boolean(), note: z.string().trim().max(500).nullable().default(null) }), response: { 200: WorkDetail } } }, async (req) =>
    service.farmerAnswer(req.actor!, req.params.id, req.body.confirm, req.body.note),
  );
  r.post('/acceptances', { config: { permission: 'trusteeship.accept' }, schema: { tags, summary: '乡镇初验 / 县级验收（各公示不少于 5 个工作日）', body: AcceptBody, response: { 201: z.object({ id: int, level: z.string(), noticeEnd: z.string(), noticeId: int.nullable() }) } } }, async (req, reply) => {
    reply.code(201);
    return service.accept(req.actor!, req.body);
  });
  r.get('/orgs/:id/acceptance', { config: { permission: 'trusteeship.read' }, schema: { tags, summary: '服务组织本季的验收：乡镇初验与县级验收、可办理的事项与办理记录', params: IdParams, querystring: Season, response: { 200: SeasonView } } }, async (req) => service.season(req.actor!, req.params.id, req.query.season));
  r.post('/samplings', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '市级抽验：按种子可复现地随机抽取不少于 10% 的服务组织', body: z.object({ season: int.min(2022).max(2100), seed: z.string().trim().min(4, '请填写抽验种子（如抽验日期与编号）').max(60) }), response: { 201: z.object({ season: int, seed: z.string(), of: int, drawn: z.array(z.object({ orgId: int, result: z.enum(['pass', 'fail']).nullable() })) }) } } }, async (req, reply) => {
    reply.code(201);
    return service.drawSample(req.actor!, req.body.season, req.body.seed);
  });
  r.post('/samplings/:season/results', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '录入抽验结果（不合格的暂停拨付）', params: z.object({ season: z.coerce.number().int() }), body: z.object({ orgId: int.positive(), passed: z.boolean() }), response: { 200: z.object({ season: int, drawn: z.array(z.object({ orgId: int, result: z.enum(['pass', 'fail']).nullable() })) }) } } }, async (req) =>
    service.recordSample(req.actor!, req.params.season, req.body.orgId, req.body.passed),
  );
  r.get('/orgs/:id/sheet', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '补助结算单（每地块每季亩均不超过 100 元）', params: IdParams, querystring: Season, response: { 200: SheetSchema } } }, async (req) => service.sheet(req.actor!, req.params.id, req.query.season));
  r.post('/orgs/:id/settle', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '结算（公示期满、抽验完成后；结算单冻结）', params: IdParams, body: Season, response: { 200: SheetSchema } } }, async (req) => service.settle(req.actor!, req.params.id, req.body.season));
  r.get('/orgs/:id/sheet.xlsx', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '结算单 Excel', params: IdParams, querystring: Season } }, async (req, reply) => {
    const s = await service.sheet(req.actor!, req.params.id, req.query.season);
    type L = Sheet['lines'][number];
    const xlsx = await toXlsx<L>(`结算单${s.season}`, [
      { header: '农户', value: (l) => l.farmer },
      { header: '地块', value: (l) => l.location, width: 24 },
      { header: '作物', value: (l) => l.crop },
      { header: '环节', value: (l) => l.stage, width: 24 },
      { header: '次数', value: (l) => l.passes },
      { header: '验收面积(亩)', value: (l) => l.areaMu, kind: 'decimal' },
      { header: '应补(元)', value: (l) => l.subsidyFen, kind: 'fen', width: 14 },
      { header: '实补(元)', value: (l) => l.paidFen, kind: 'fen', width: 14 },
      { header: '说明', value: (l) => l.note ?? '', width: 40 },
    ], [...s.lines, { workId: 0, farmer: '合计', location: `大写：${s.upper}`, crop: '', stage: '', workDate: '', areaMu: '', passes: 0, subsidyFen: s.lines.reduce((a, l) => a + l.subsidyFen, 0), paidFen: s.totalFen, note: null }], { title: `${s.season} 年农业生产托管服务补助结算单（${s.org}）`, madeBy: madeByOf(req.actor!), at: installNow() });
    return sendXlsx(reply, `托管补助结算单_${s.org}_${s.season}.xlsx`, xlsx);
  });
  r.get('/orgs/:id/sheet/print', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '结算单打印版', params: IdParams, querystring: Season, response: { 200: z.string() } } }, async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(sheetHtml(await service.sheet(req.actor!, req.params.id, req.query.season))),
  );
  r.get('/orgs/:id/sheet/pdf', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '结算单 PDF', params: IdParams, querystring: Season, response: { 200: Pdf } } }, async (req, reply) => {
    const s = await service.sheet(req.actor!, req.params.id, req.query.season);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`托管补助结算单_${s.season}.pdf`)}`).send(await opts.ctx.pdf(sheetHtml(s)));
  });
  r.get('/season', { config: { permission: 'trusteeship.centre' }, schema: { tags, summary: '全县本季待结算补助（各服务组织；每地块亩均 100 元上限跨组织计算）', querystring: Season, response: { 200: z.object({ season: int, rows: int, orgs: z.array(z.object({ orgId: int, works: int, subsidyFen: int, paidFen: int, capped: int })) }) } } }, async (req) => {
    await service.requireCentreOf(req.actor!);
    return service.seasonTotals(req.query.season);
  });
  r.get('/orgs.xlsx', { config: { permission: 'trusteeship.read' }, schema: { tags, summary: '服务组织台账（Excel）', response: { 200: Xlsx } } }, async (req, reply) => {
    const rows = await service.orgs(req.actor!);
    type O = (typeof rows)[number];
    const xlsx = await toXlsx<O>('服务组织', [
      { header: '名称', value: (o) => o.name, width: 30 },
      { header: '统一社会信用代码', value: (o) => o.creditCode, width: 22 },
      { header: '类型', value: (o) => o.orgType, width: 20 },
      { header: '状态', value: (o) => o.statusLabel, width: 22 },
      { header: '公示截止', value: (o) => o.noticeEnd ?? '', kind: 'date' },
      { header: '县托管合同', value: (o) => o.countyContractNo ?? '' },
    ], rows, { title: '农业生产托管服务组织台账', madeBy: madeByOf(req.actor!), at: installNow() });
    return sendXlsx(reply, '托管服务组织台账.xlsx', xlsx);
  });
  r.get('/works.xlsx', { config: { permission: 'trusteeship.read' }, schema: { tags, summary: '托管作业台账（Excel：合同、作业、确认、验收、补助）', querystring: Season, response: { 200: Xlsx } } }, async (req, reply) => {
    const rows = await service.worksLedger(req.actor!, req.query.season);
    type W = (typeof rows)[number];
    const xlsx = await toXlsx<W>('作业台账', [
      { header: '农户', value: (w) => w.contract.farmerName },
      { header: '地块', value: (w) => w.contract.location, width: 22 },
      { header: '作物', value: (w) => w.contract.crop },
      { header: '合同面积(亩)', value: (w) => w.contract.areaMu, kind: 'decimal' },
      { header: '环节', value: (w) => w.stageName, width: 24 },
      { header: '作业日期', value: (w) => w.workDate, kind: 'date' },
      { header: '作业面积(亩)', value: (w) => w.areaMu, kind: 'decimal', total: true },
      { header: '次数', value: (w) => w.passes, kind: 'integer' },
      { header: '农户确认', value: (w) => w.farmerStatusLabel },
      { header: '乡镇初验(亩)', value: (w) => w.townshipAreaMu ?? '', kind: 'decimal', total: true },
      { header: '县级验收(亩)', value: (w) => w.countyAreaMu ?? '', kind: 'decimal', total: true },
      { header: '补助(元)', value: (w) => w.subsidyFen, kind: 'fen', total: true, width: 14 },
      { header: '农户支付(元)', value: (w) => w.farmerPaysFen, kind: 'fen', total: true, width: 14 },
      { header: '已拨(元)', value: (w) => w.paidFen, kind: 'fen', total: true, width: 14 },
    ], rows, { title: `${req.query.season} 年农业生产托管作业台账`, madeBy: madeByOf(req.actor!), at: installNow() });
    return sendXlsx(reply, `托管作业台账_${req.query.season}.xlsx`, xlsx);
  });
  r.get('/dashboard', { config: { permission: 'trusteeship.read' }, schema: { tags, summary: '按作物、环节、乡镇、服务组织的面积与补助；验收进度', querystring: Season, response: { 200: TrusteeshipDashboard } } }, async (req) => service.dashboard(req.query.season));
}

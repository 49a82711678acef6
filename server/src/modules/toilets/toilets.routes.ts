import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, toXlsx } from '../../core/excel.js';
import { writeXlsx } from '../../core/exports.js';
import { IdParams, Items, StepActions, Timeline, Xlsx, isoDate, mobileField, nameText, residentIdField, villageRef } from '../../core/schema.js';
import { invalidField } from '../../core/errors.js';
import { HOUSEHOLD_STATUSES } from './toilets.states.js';
import { householdLedger } from './toilets.exports.js';
import { IMPORT_COLUMNS, surveyWorkbook } from './toilets.import.js';
import { CHECKS, CONCRETE_GRADES, CURRENT_TYPES, MODE_CODES, NOTICE_DAYS, PARTY_CODES, PAYMENT_STAGES, REPORT_SCHEDULE_TEXT, REPORTS, ROOFS, SPOT_CHECK_PERCENT, WHOLE_VILLAGE_PERCENT } from './toilets.rules.js';
import type { ToiletsService } from './toilets.service.js';

const tags = ['农村改厕'];
const int = z.number().int();
const TYPE_CODES = CURRENT_TYPES.map((t) => t.code) as [string, ...string[]];
const REPORT_KINDS = REPORTS.map((r) => r.kind) as [(typeof REPORTS)[number]['kind'], ...(typeof REPORTS)[number]['kind'][]];
const decimal = z.string().trim().regex(/^\d{1,6}(\.\d{1,2})?$/, '请填写实测数值（最多两位小数）');

export const SurveyBody = z.object({
  villageId: villageRef('请选择所在村'),
  headName: nameText(40, '请填写户主姓名'),
  idNo: residentIdField(),
  phone: mobileField('联系电话应为 11 位手机号'),
  address: z.string().trim().min(2, '请填写住址').max(120),
  members: int.min(0).max(50, '家庭人口应为 0–50'),
  currentType: z.enum(TYPE_CODES as ['old', 'cement', 'flush', 'public'], { message: `现有厕所类型应为：${CURRENT_TYPES.map((t) => t.name).join('、')}` }),
  pits: int.min(1).max(200).default(1),
  sanitary: z.boolean().default(false),
  wish: z.boolean(),
  wishNote: z.string().trim().max(500).default(''),
  username: z.string().trim().min(1).max(32).nullable().default(null),
});
const CheckView = z.object({ code: z.string(), text: z.string(), value: z.string().nullable(), passed: z.boolean(), part: z.enum(['main', 'superstructure']) });
export const HouseholdSchema = z.object({
  id: int,
  townshipId: int,
  villageId: int,
  headName: z.string(),
  idNo: z.string(),
  phone: z.string(),
  address: z.string(),
  members: int,
  currentType: z.string(),
  currentTypeName: z.string(),
  pits: int,
  sanitary: z.boolean(),
  wish: z.boolean(),
  wishNote: z.string(),
  status: z.enum(HOUSEHOLD_STATUSES),
  statusLabel: z.string(),
  mode: z.string().nullable(),
  modeName: z.string().nullable(),
  priorityNote: z.string().nullable(),
  batchId: int.nullable(),
  agreementNo: z.string().nullable(),
  builderKind: z.string().nullable(),
  builderName: z.string().nullable(),
  supervisorName: z.string().nullable(),
  tenderFen: int.nullable(),
  toiletNo: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  checks: z.array(CheckView).nullable(),
  superstructurePassed: z.boolean().nullable(),
  acceptedAt: z.string().nullable(),
  plannedFen: int.nullable(),
  subsidyFen: int.nullable(),
  split: z.object({ provinceFen: int, countyFen: int }).nullable(),
});
/** A household as a list shows it: its view and the steps the actor may take (guards not run). */
export const HouseholdItem = HouseholdSchema.extend({ actions: StepActions });
export const HouseholdDetail = HouseholdItem.extend({
  timeline: Timeline,
  uploads: z.array(z.string()).describe('此时可上传的照片、文书（如 toilet_photo:before）'),
  signatures: z.array(z.object({ party: z.string(), name: z.string(), signer: z.string().nullable(), via: z.string().nullable(), at: z.string().nullable() })),
});
export const SelectBody = z.object({ mode: z.enum(MODE_CODES), priorityNote: z.string().trim().max(500).nullable().default(null) });
export const StartBody = z.object({
  builderKind: z.enum(['team', 'self']),
  builderName: z.string().trim().max(80).nullable().default(null),
  supervisorName: z.string().trim().max(80).nullable().default(null),
  // A select's value arrives as text (the page's form lists the tenders by id).
  tenderId: z.union([int.positive(), z.string().regex(/^\d+$/, '请选择中标记录').transform(Number)]).nullable().default(null),
  startedOn: isoDate,
});
export const CompleteBody = z.object({
  toiletNo: z.string().trim().min(2, '请填写厕所编号').max(40),
  completedOn: isoDate,
  values: z.object(Object.fromEntries(CHECKS.map((c) => [c.code, decimal.optional()])) as Record<(typeof CHECKS)[number]['code'], z.ZodOptional<typeof decimal>>),
  concrete: z.enum(CONCRETE_GRADES).nullable().default(null),
  roof: z.enum(ROOFS).nullable().default(null),
});
export const SignBody = z.object({ party: z.enum(PARTY_CODES), signerName: z.string().trim().max(40).nullable().default(null) });
const Coverage = z.object({ villageId: int, village: z.string(), townshipId: int, township: z.string(), households: int, sanitary: int, wishing: int, chosen: int, accepted: int, ratePermille: int, reachablePermille: int, canReach: z.boolean(), reached: z.boolean() });
const Quota = z.object({ township: z.string(), townshipId: int.nullable(), hint: z.string().nullable(), buckets: z.array(z.object({ bucket: z.string(), label: z.string(), cap: int, used: int })) });
const BatchSchema = z.object({ id: int, villageId: int, village: z.string(), noticeId: int, noticeEnd: z.string(), households: int, at: z.string(), ended: z.boolean() });
export const BatchDetail = z.object({ id: int, villageId: int, noticeId: int, noticeEnd: z.string(), households: int, ended: z.boolean(), objections: z.array(z.object({ id: int, name: z.string(), text: z.string(), receivedAt: z.string(), resolution: z.string().nullable(), resolvedBy: z.string().nullable() })) });
const Tender = z.object({ id: int, townshipId: int, item: z.string(), winner: z.string(), priceFen: int, documentNo: z.string(), at: z.string() });
export const PaymentsSchema = z.object({
  townshipId: int,
  township: z.string(),
  households: int,
  started: int,
  completed: int,
  accepted: int,
  allocationFen: int,
  acceptedTotalFen: int,
  acceptedSplit: z.object({ provinceFen: int, countyFen: int }),
  paidFen: int,
  acceptanceRequestedAt: z.string().nullable(),
  spotChecks: z.object({ need: int, done: int, failed: int }),
  stages: z.array(z.object({ stage: int, name: z.string(), percent: int, condition: z.string(), hold: z.string().nullable(), amountFen: int, paid: z.boolean(), paidAt: z.string().nullable(), paidBy: z.string().nullable() })),
});
/** The county's recorded draw: seed, who and when, and the drawn households with the latest check of each. */
export const SpotDraw = z.object({
  townshipId: int,
  seed: z.string(),
  of: int.describe('抽取时五方验收合格的厕所数'),
  size: int,
  by: z.string(),
  at: z.string(),
  households: z.array(HouseholdSchema.extend({ check: z.object({ passed: z.boolean(), note: z.string(), by: z.string(), at: z.string() }).nullable() })),
});
const Figures = z.object({ surveyed: int, selected: int, agreed: int, started: int, completed: int, accepted: int });
export const ScheduleItem = z.object({ kind: z.enum(REPORT_KINDS), name: z.string(), unitId: int, unit: z.string(), period: z.string(), due: z.string(), submittedAt: z.string().nullable(), late: z.boolean(), state: z.string() });
const ReportSchema = z.object({ id: int, kind: z.string(), unitId: int, unit: z.string(), period: z.string(), due: z.string(), figures: z.record(z.string(), z.number()), note: z.string(), by: z.string(), submittedAt: z.string(), late: z.boolean() });
const TownshipTotals = z.object({ townshipId: int, township: z.string(), quota: int, surveyed: int, selected: int, agreed: int, started: int, completed: int, accepted: int, dueFen: int, paidFen: int });
export const ToiletsDashboard = z.object({ plan: int.describe('全县 2022 年改厕计划数（座）'), townships: z.array(TownshipTotals), villages: z.array(Coverage), reached: int, threshold: int });
export const ImportJob = z.object({ id: int, fileName: z.string(), status: z.enum(['validating', 'validated', 'committed', 'failed', 'discarded']), percent: int, rows: int, done: int, errors: int, committed: int, message: z.string().nullable(), at: z.string() });
const TownshipParams = z.object({ townshipId: z.coerce.number().int().positive() });

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function toiletsRoutes(app: FastifyInstance, opts: { service: ToiletsService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const importer = service.importer;
  // A 100,000-household survey is a few MB; the limit leaves room for wide sheets.
  app.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  r.post('/households', { config: { permission: 'toilets.survey' }, schema: { tags, summary: '摸底登记一户（或集体厕所、公厕）', body: SurveyBody, response: { 201: HouseholdItem } } }, async (req, reply) => {
    reply.code(201);
    return service.households.survey(req.actor!, req.body);
  });
  r.get('/households', { config: { permission: 'toilets.read' }, schema: { tags, summary: '改厕户（村看本村，乡镇看本乡镇，县看全部并脱敏，农户看自己的）', querystring: z.object({ villageId: z.coerce.number().int().positive().optional(), status: z.enum(HOUSEHOLD_STATUSES).optional() }), response: { 200: Items(HouseholdItem) } } }, async (req) => ({
    items: await service.households.households(req.actor!, req.query),
  }));
  r.get('/households/:id', { config: { permission: 'toilets.read' }, schema: { tags, summary: '一户的档案与五方签字', params: IdParams, response: { 200: HouseholdDetail } } }, async (req) => service.households.household(req.actor!, req.params.id));
  r.post('/households/:id/select', { config: { permission: 'toilets.township' }, schema: { tags, summary: '确定为改厕户（占用乡镇指标）', params: IdParams, body: SelectBody, response: { 200: HouseholdItem } } }, async (req) => service.households.select(req.actor!, req.params.id, req.body.mode, req.body.priorityNote));
  r.post('/households/:id/withdraw', { config: { permission: 'toilets.township' }, schema: { tags, summary: '农户退出（开工前；指标退回）', params: IdParams, body: z.object({ reason: z.string().trim().min(2, '请填写退出原因').max(500) }), response: { 200: HouseholdItem } } }, async (req) => service.households.withdraw(req.actor!, req.params.id, req.body.reason));
  r.post('/households/:id/agreement', { config: { permission: 'toilets.survey' }, schema: { tags, summary: '签订《农村改厕协议》（公示期满无异议后）', params: IdParams, body: z.object({ agreementNo: z.string().trim().min(2, '请填写协议编号').max(40) }), response: { 200: HouseholdItem } } }, async (req) => service.households.agree(req.actor!, req.params.id, req.body.agreementNo));
  r.post('/households/:id/start', { config: { permission: 'toilets.township' }, schema: { tags, summary: '开工登记（施工主体、监理、材料中标价）', params: IdParams, body: StartBody, response: { 200: HouseholdItem } } }, async (req) => service.households.start(req.actor!, req.params.id, req.body));
  r.post('/households/:id/complete', { config: { permission: 'toilets.township' }, schema: { tags, summary: '完工登记（厕所编号、技术指标实测）', params: IdParams, body: CompleteBody, response: { 200: HouseholdItem } } }, async (req) => service.households.complete(req.actor!, req.params.id, req.body));
  r.post('/households/:id/sign', { config: { permission: 'toilets.sign' }, schema: { tags, summary: '五方验收签字（农户、施工队、村委会、工程监理、乡镇）', params: IdParams, body: SignBody, response: { 200: HouseholdDetail } } }, async (req) => service.households.sign(req.actor!, req.params.id, req.body.party, req.body.signerName));

  r.get('/coverage', { config: { permission: 'toilets.read' }, schema: { tags, summary: `各村卫生厕所普及率与整村推进（${WHOLE_VILLAGE_PERCENT}%）`, response: { 200: Items(Coverage) } } }, async (req) => ({ items: await service.selection.coverage(req.actor!) }));
  r.get('/quotas', { config: { permission: 'toilets.read' }, schema: { tags, summary: '各乡镇改厕指标及已用', response: { 200: Items(Quota) } } }, async (req) => ({ items: await service.selection.quotas(req.actor!) }));
  r.post('/villages/:id/notice', { config: { permission: 'toilets.township' }, schema: { tags, summary: `改厕户名单和补助政策在村务公开栏公示（不少于 ${NOTICE_DAYS} 天）`, params: IdParams, response: { 201: BatchDetail } } }, async (req, reply) => {
    reply.code(201);
    return service.selection.publishBatch(req.actor!, req.params.id);
  });
  r.get('/batches', { config: { permission: 'toilets.read' }, schema: { tags, summary: '公示批次', response: { 200: Items(BatchSchema) } } }, async (req) => ({ items: await service.selection.batches(req.actor!) }));
  r.get('/batches/:id', { config: { permission: 'toilets.read' }, schema: { tags, summary: '公示批次及其异议处理', params: IdParams, response: { 200: BatchDetail } } }, async (req) => service.selection.batchView(req.actor!, req.params.id));
  r.post('/batches/:id/objections/:objectionId/resolve', { config: { permission: 'toilets.township' }, schema: { tags, summary: '记录异议的核实处理结果', params: IdParams.extend({ objectionId: z.coerce.number().int().positive() }), body: z.object({ resolution: z.string().trim().min(2, '请填写处理结果').max(1000) }), response: { 200: BatchDetail } } }, async (req) =>
    service.selection.resolveObjection(req.actor!, req.params.id, req.params.objectionId, req.body.resolution),
  );
  r.get('/tenders', { config: { permission: 'toilets.read' }, schema: { tags, summary: '乡镇材料集中招标中标价', response: { 200: Items(Tender) } } }, async (req) => ({ items: await service.selection.tenders(req.actor!) }));
  r.post('/tenders', { config: { permission: 'toilets.township' }, schema: { tags, summary: '登记材料中标结果（价格以中标价为准）', body: z.object({ item: z.string().trim().min(2, '请填写材料名称').max(80), winner: z.string().trim().min(2, '请填写中标单位').max(80), priceFen: int.positive('中标价应大于 0'), documentNo: z.string().trim().min(2, '请填写中标通知书编号').max(60) }), response: { 201: Tender } } }, async (req, reply) => {
    reply.code(201);
    return service.selection.addTender(req.actor!, req.body);
  });

  r.post('/acceptance-request', { config: { permission: 'toilets.township' }, schema: { tags, summary: '乡镇向县农业农村局提出验收申请（五方验收完毕后）', response: { 200: PaymentsSchema } } }, async (req) => service.payments.requestAcceptance(req.actor!));
  r.post('/townships/:townshipId/spot-draw', { config: { permission: 'toilets.county' }, schema: { tags, summary: `抽取抽查名单（不少于 ${SPOT_CHECK_PERCENT}%，按种子可复现；每次验收申请只抽一次，再抽答 409）`, params: TownshipParams, body: z.object({ seed: z.string().trim().min(4, '请填写抽查种子（如抽查日期与批次）').max(60) }), response: { 201: SpotDraw } } }, async (req, reply) => {
    reply.code(201);
    return service.payments.drawSpotChecks(req.actor!, req.params.townshipId, req.body.seed);
  });
  r.get('/townships/:townshipId/spot-draw', { config: { permission: 'toilets.county' }, schema: { tags, summary: '已抽取的抽查名单（种子、抽取人、时间、户及抽查结果）', params: TownshipParams, response: { 200: z.object({ draw: SpotDraw.nullable() }) } } }, async (req) => ({
    draw: await service.payments.spotDraw(req.actor!, req.params.townshipId),
  }));
  r.post('/households/:id/spot-check', { config: { permission: 'toilets.county' }, schema: { tags, summary: '县农业农村局抽查验收结果', params: IdParams, body: z.object({ passed: z.boolean(), note: z.string().trim().min(2, '请填写抽查意见').max(1000) }), response: { 200: PaymentsSchema } } }, async (req) =>
    service.payments.recordSpotCheck(req.actor!, req.params.id, req.body.passed, req.body.note),
  );
  r.get('/townships/:townshipId/payments', { config: { permission: 'toilets.read' }, schema: { tags, summary: '乡镇改厕资金：总资金、三笔拨付的条件与金额', params: TownshipParams, response: { 200: PaymentsSchema } } }, async (req) => service.payments.payments(req.actor!, req.params.townshipId));
  r.post('/townships/:townshipId/payments', { config: { permission: 'toilets.county' }, schema: { tags, summary: `拨付（${PAYMENT_STAGES.map((p) => `${p.name} ${p.percent}%`).join('、')}，最后一笔按审核结算）`, params: TownshipParams, body: z.object({ stage: int.min(1).max(3) }), response: { 200: PaymentsSchema } } }, async (req) => service.payments.release(req.actor!, req.params.townshipId, req.body.stage));

  r.get('/reports/schedule', { config: { permission: 'toilets.read' }, schema: { tags, summary: `报送日程（${REPORT_SCHEDULE_TEXT}）；逾期标红`, response: { 200: Items(ScheduleItem) } } }, async (req) => ({ items: await service.reports.schedule(req.actor!) }));
  r.get('/reports/prefill', { config: { permission: 'toilets.report' }, schema: { tags, summary: '报表预填数据（来自台账）', querystring: z.object({ kind: z.enum(REPORT_KINDS) }), response: { 200: Figures } } }, async (req) => service.reports.prefill(req.actor!, req.query.kind));
  r.get('/reports', { config: { permission: 'toilets.read' }, schema: { tags, summary: '已报送的报表', response: { 200: Items(ReportSchema) } } }, async (req) => ({ items: await service.reports.reports(req.actor!) }));
  r.post('/reports', { config: { permission: 'toilets.report' }, schema: { tags, summary: '报送报表', body: z.object({ kind: z.enum(REPORT_KINDS), period: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, '期次格式：周报为周四日期，月报为 YYYY-MM'), note: z.string().trim().max(2000).default('') }), response: { 201: z.object({ id: int, kind: z.string(), period: z.string(), due: z.string(), figures: Figures, late: z.boolean(), submittedAt: z.string() }) } } }, async (req, reply) => {
    reply.code(201);
    return service.reports.submitReport(req.actor!, req.body.kind, req.body.period, req.body.note);
  });
  r.get('/villages/:id/roster.xlsx', { config: { permission: 'toilets.read' }, schema: { tags, summary: '改厕用户花名册（Excel）', params: IdParams, response: { 200: Xlsx } } }, async (req, reply) => {
    const rows = await service.households.roster(req.actor!, req.params.id);
    type H = (typeof rows)[number];
    const xlsx = await toXlsx<H>('改厕用户花名册', [
      { header: '户主', value: (h) => h.headName },
      { header: '身份证号', value: (h) => h.idNo, width: 22 },
      { header: '联系电话', value: (h) => h.phone, width: 14 },
      { header: '住址', value: (h) => h.address, width: 24 },
      { header: '改厕模式', value: (h) => h.modeName ?? '', width: 28 },
      { header: '厕所编号', value: (h) => h.toiletNo ?? '' },
      { header: '完工日期', value: (h) => h.completedAt ?? '' },
      { header: '状态', value: (h) => h.statusLabel },
    ], rows);
    return sendXlsx(reply, '改厕用户花名册.xlsx', xlsx);
  });

  r.get('/dashboard', { config: { permission: 'toilets.read' }, schema: { tags, summary: '指标、摸底、协议、开工、完工、验收；各村普及率；资金应拨与已拨', response: { 200: ToiletsDashboard } } }, async (req) => service.dashboard.dashboard(req.actor!));
  // The ledger at once, streamed as it is written (the page starts it as a job instead: /api/exports/toilets/households).
  r.get('/households.xlsx', { config: { permission: 'toilets.read' }, schema: { tags, summary: '改厕户台账（Excel，个人信息脱敏）', response: { 200: Xlsx } } }, async (req, reply) => {
    const spec = householdLedger(service);
    // Refused (a household's account) before the headers go out; once the file streams, only the connection can end it.
    await spec.count(req.actor!);
    const out = new PassThrough();
    void writeXlsx(spec, req.actor!, out).catch((e: unknown) => out.destroy(e as Error));
    return sendXlsx(reply, spec.fileName, out);
  });

  r.get('/imports/template.xlsx', { config: { permission: 'toilets.read' }, schema: { tags, summary: '摸底名册导入模板', response: { 200: Xlsx } } }, async (_req, reply) =>
    sendXlsx(reply, '农村改厕摸底名册模板.xlsx', await surveyWorkbook([['西营镇', '（村名，与组织机构目录一致）', '张三', '141122199001011235', '13912345678', '某村某号', 4, CURRENT_TYPES[0].name, 1, '否', '是']])),
  );
  r.post('/imports', { config: { permission: 'toilets.survey' }, schema: { tags, summary: `导入摸底名册（Excel 列：${IMPORT_COLUMNS.join('、')}）；立即返回任务，校验进度另行查询`, querystring: z.object({ fileName: z.string().trim().min(1).max(120).default('摸底名册.xlsx') }), response: { 202: ImportJob } } }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw invalidField('file', '不是文件内容', '请以 Excel 文件的原始内容上传');
    reply.code(202);
    return importer.start(req.actor!, req.query.fileName, req.body);
  });
  r.get('/imports/:id', { config: { permission: 'toilets.survey' }, schema: { tags, summary: '导入进度与结果', params: IdParams, response: { 200: ImportJob } } }, async (req) => importer.view(await importer.job(req.actor!, req.params.id)));
  r.post('/imports/:id/commit', { config: { permission: 'toilets.survey' }, schema: { tags, summary: '写入校验通过的行（有错误行时须选择只导入正确的行）', params: IdParams, body: z.object({ keepGood: z.boolean().default(false) }), response: { 200: ImportJob } } }, async (req) => importer.commit(req.actor!, req.params.id, req.body.keepGood));
  r.post('/imports/:id/discard', { config: { permission: 'toilets.survey' }, schema: { tags, summary: '放弃本次导入', params: IdParams, response: { 200: ImportJob } } }, async (req) => importer.discard(req.actor!, req.params.id));
  r.get('/imports/:id/errors.xlsx', { config: { permission: 'toilets.survey' }, schema: { tags, summary: '错误行清单（Excel，每行写明原因）', params: IdParams, response: { 200: Xlsx } } }, async (req, reply) => {
    const rows = await importer.errorRows(req.actor!, req.params.id);
    type L = (typeof rows)[number];
    const xlsx = await toXlsx<L>('错误清单', [
      { header: '原表行号', value: (l) => l.row_no },
      { header: '户主姓名', value: (l) => l.head_name },
      { header: '身份证号', value: (l) => l.id_no, width: 22 },
      { header: '联系电话', value: (l) => l.phone, width: 14 },
      { header: '住址', value: (l) => l.address, width: 24 },
      { header: '错误原因', value: (l) => l.error ?? '', width: 60 },
    ], rows);
    return sendXlsx(reply, '摸底名册错误清单.xlsx', xlsx);
  });
}

/** 职业技能大赛's HTTP surface: every route with its permission and response schema. */
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, toXlsx } from '../../core/excel.js';
import type { ModuleContext } from '../../core/module.js';
import { IdParams, Items, Ok, Pdf, StepActions, Timeline, Xlsx, mobileField, nameText, residentIdField, unitRef } from '../../core/schema.js';
import { formHtml, summaryHtml } from './skills.print.js';
import { EXCLUSION_CODES, IDENTITY_CODES, LICENCE_CLASSES, type ExclusionCode } from './skills.rules.js';
import { EVENT_MODE_CODES, EVENT_STAGE_CODES, REGISTRATION_STATUSES } from './skills.states.js';
import type { SkillsService } from './skills.service.js';

const tags = ['职业技能大赛'];
const int = z.number().int();
const identity = z.enum(IDENTITY_CODES, { message: '请选择身份类别（职工、教师／学生／其他身份）' });

export const RegisterBody = z.object({
  eventId: int.positive('请选择参赛项目'),
  name: nameText(40, '请填写选手姓名'),
  idNo: residentIdField(),
  phone: mobileField(),
  identity,
  unitId: unitRef('请选择报名单位'),
  ssPayer: z.string().trim().max(80).nullable().default(null),
  licence: z.enum(LICENCE_CLASSES, { message: '请选择驾驶证准驾车型' }).nullable().default(null),
  coach: z.string().trim().max(40).nullable().default(null),
  partner: z.object({ name: nameText(40, '请填写另一名选手姓名'), idNo: residentIdField(), phone: mobileField(), identity, unitId: unitRef('请选择另一名选手的单位') }).nullable().default(null),
  declaration: z.object(Object.fromEntries(EXCLUSION_CODES.map((c) => [c, z.boolean({ message: '请逐项声明' })])) as Record<ExclusionCode, z.ZodBoolean>),
});

export const RegistrationSchema = z.object({
  id: int,
  eventId: int,
  eventCode: z.string(),
  eventName: z.string(),
  name: z.string(),
  idNo: z.string(),
  phone: z.string(),
  identity: z.string(),
  identityName: z.string(),
  unitId: int,
  unitName: z.string(),
  partnerName: z.string().nullable(),
  coach: z.string().nullable(),
  licence: z.string().nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  statusLabel: z.string(),
  score: int.nullable().describe('初赛成绩（百分之一分）'),
  videoSeconds: int.nullable(),
  finalRank: int.nullable(),
  missing: z.array(z.string()).describe('尚缺的证明材料'),
  mayAttach: z.boolean().describe('本人可上传证明材料（待单位确认时：报名单位，或手机报名的选手本人）'),
  createdAt: z.string(),
  actions: StepActions,
});
const RegistrationDetail = RegistrationSchema.extend({ timeline: Timeline });
export const EventSchema = z.object({
  id: int,
  code: z.string(),
  name: z.string(),
  category: int,
  categoryName: z.string(),
  managing: z.string(),
  pair: z.boolean(),
  team: z.boolean(),
  mode: z.enum(EVENT_MODE_CODES),
  modeName: z.string(),
  stage: z.enum(EVENT_STAGE_CODES),
  stageName: z.string(),
  tieDecision: z.string().nullable(),
  registrations: int,
  confirmed: int,
  recommended: int,
  ranked: int,
  mine: z.boolean(),
  canRank: z.boolean(),
});
export const SelectionSchema = z.object({ eventId: int, mode: z.enum(EVENT_MODE_CODES), stage: z.enum(EVENT_STAGE_CODES), places: int, sure: z.array(int), tied: z.array(int), open: int, unscored: int, decision: z.string().nullable() });
export const ResultsSchema = z.object({
  awards: z.array(z.object({ registrationId: int, eventName: z.string(), name: z.string(), unitName: z.string(), rank: int, prize: z.string(), cashFen: int, title: z.string().nullable(), grade: z.string().nullable(), coach: z.string().nullable(), coachAward: z.string().nullable(), points: int })),
  cashFen: int,
  team: z.object({ team: z.string(), contestantPoints: int, rankPoints: int, total: int }),
  /** The county team among the teams the office entered from the city's announcement (八、（二）). */
  standing: z.array(z.object({ team: z.string(), county: z.boolean(), contestantPoints: int, rankPoints: int, total: int, place: int.nullable(), award: z.string() })),
  othersEntered: int,
  mayEnterTeams: z.boolean(),
  readings: z.array(z.string()),
});
const OtherTeams = z.object({
  teams: z
    .array(z.object({ team: z.string().trim().min(2, '请填写参赛队名称').max(40), county: z.boolean(), contestantPoints: int.min(0, '参赛人数分不能为负').max(999), rankPoints: int.min(0, '名次分不能为负').max(9999) }))
    .max(60, '参赛队不超过 60 个'),
});
export const OverviewSchema = z.object({
  source: z.string(),
  timeline: z.record(z.string(), z.string()),
  group: z.array(z.object({ role: z.string(), name: z.string(), post: z.string() })),
  preliminaries: int,
  minPreliminaries: int,
  units: z.array(z.object({ unit: z.string(), events: int, preliminaries: int, minimum: int })),
  hrssCertificate: z.object({ fields: z.array(z.string()), wording: z.string() }),
  readings: z.array(z.string()),
});

export async function skillsRoutes(app: FastifyInstance, opts: { service: SkillsService; ctx: Pick<ModuleContext, 'pdf'> }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { registrations, selection } = opts.service;
  app.addContentTypeParser(['video/mp4', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 200 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  r.get('/overview', { config: { permission: 'skills.read' }, schema: { tags, summary: '大赛设置：时间安排、筹备组、初赛项目数与各主管单位', response: { 200: OverviewSchema } } }, async () => selection.overview());
  r.get('/events', { config: { permission: 'skills.read' }, schema: { tags, summary: '40 个比赛项目及报名、推荐、名次情况', response: { 200: Items(EventSchema) } } }, async (req) => ({ items: await selection.events(req.actor!) }));
  r.post('/events/:id/mode', { config: { permission: 'skills.manage' }, schema: { tags, summary: '主管单位确定选拔方式（初赛／视频／市级直接组织）', params: IdParams, body: z.object({ mode: z.enum(EVENT_MODE_CODES) }), response: { 200: Ok } } }, async (req) => {
    await selection.setMode(req.actor!, req.params.id, req.body.mode);
    return { ok: true as const };
  });
  r.get('/events/:id/selection', { config: { permission: 'skills.manage' }, schema: { tags, summary: '按初赛成绩的前三名与并列情况', params: IdParams, response: { 200: SelectionSchema } } }, async (req) => selection.selection(req.actor!, req.params.id));
  r.put('/events/:id/scores', { config: { permission: 'skills.manage' }, schema: { tags, summary: '录入初赛成绩（百分之一分）', params: IdParams, body: z.object({ scores: z.array(z.object({ registrationId: int.positive(), score: int.min(0, '成绩应为 0–100 分').max(10000, '成绩应为 0–100 分') })).min(1, '请录入成绩') }), response: { 200: SelectionSchema } } }, async (req) =>
    selection.saveScores(req.actor!, req.params.id, req.body.scores),
  );
  r.post('/events/:id/select', { config: { permission: 'skills.manage' }, schema: { tags, summary: '确定推荐参加市级决赛的 3 名选手（并列须记录决定）', params: IdParams, body: z.object({ chosen: z.array(int.positive()).default([]), decision: z.string().trim().max(500).nullable().default(null) }), response: { 200: SelectionSchema } } }, async (req) =>
    selection.select(req.actor!, req.params.id, req.body),
  );
  r.put('/events/:id/ranks', { config: { permission: 'skills.manage' }, schema: { tags, summary: '录入市级决赛名次（不并列）', params: IdParams, body: z.object({ ranks: z.array(z.object({ registrationId: int.positive(), rank: int.min(1, '名次从 1 起').max(999) })).min(1, '请录入名次') }), response: { 200: Ok } } }, async (req) => {
    await selection.saveRanks(req.actor!, req.params.id, req.body.ranks);
    return { ok: true as const };
  });
  r.put('/teams', { config: { permission: 'skills.manage' }, schema: { tags, summary: '录入市里公布的其他参赛队团体得分（参赛人数分、名次分），得出本县代表队名次', body: OtherTeams, response: { 200: ResultsSchema } } }, async (req) => selection.enterOtherTeams(req.actor!, req.body.teams));
  r.get('/results', { config: { permission: 'skills.read' }, schema: { tags, summary: '获奖、奖金与团体总分', response: { 200: ResultsSchema } } }, async (req) => selection.results(req.actor!));

  r.get('/units', { config: { permission: 'skills.read' }, schema: { tags, summary: '可选的报名单位', response: { 200: Items(z.object({ id: int, name: z.string() })) } } }, async () => ({ items: await registrations.units() }));
  r.post('/registrations', { config: { permission: 'skills.register' }, schema: { tags, summary: '报名（选手手机报名或单位代报）', body: RegisterBody, response: { 201: RegistrationSchema } } }, async (req, reply) => {
    const view = await registrations.registerAndView(req.actor!, req.body);
    reply.code(201);
    return view;
  });
  r.get('/registrations', { config: { permission: 'skills.read' }, schema: { tags, summary: '报名（选手看自己的，单位看本单位，主管单位看所管项目，办公室看全部）', querystring: z.object({ eventId: z.coerce.number().int().positive().optional() }), response: { 200: Items(RegistrationSchema) } } }, async (req) => ({
    items: await registrations.list(req.actor!, req.query.eventId),
  }));
  r.get('/registrations/:id', { config: { permission: 'skills.read' }, schema: { tags, summary: '一份报名及其办理记录', params: IdParams, response: { 200: RegistrationDetail } } }, async (req) => registrations.detail(req.actor!, req.params.id));
  r.post('/registrations/:id/confirm', { config: { permission: 'skills.confirm' }, schema: { tags, summary: '报名单位确认（盖章）', params: IdParams, response: { 200: RegistrationDetail } } }, async (req) => {
    await registrations.flow.run(req.actor!, req.params.id, 'confirm', {});
    return registrations.detail(req.actor!, req.params.id);
  });
  r.post('/registrations/:id/video', { config: { permission: 'skills.read' }, schema: { tags, summary: '报送参赛视频（MP4，不超过 5 分钟，7 月 10 日前）', params: IdParams, response: { 200: RegistrationDetail } } }, async (req) => {
    await registrations.submitVideo(req.actor!, req.params.id, req.body);
    return registrations.detail(req.actor!, req.params.id);
  });
  r.get('/registrations/:id/video', { config: { permission: 'skills.read' }, schema: { tags, summary: '观看参赛视频（MP4）', params: IdParams, response: { 200: z.unknown().meta({ description: 'MP4 视频' }) } } }, async (req, reply) => {
    const v = await registrations.videoFile(req.actor!, req.params.id);
    return reply.type('video/mp4').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(v.name)}`).header('x-content-type-options', 'nosniff').send(createReadStream(v.path));
  });
  const sendPdf = async (reply: FastifyReply, name: string, html: string) => reply.type('application/pdf').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(await opts.ctx.pdf(html));
  r.get('/registrations/:id/form.pdf', { config: { permission: 'skills.read' }, schema: { tags, summary: '参赛选手报名表（PDF）', params: IdParams, response: { 200: Pdf } } }, async (req, reply) =>
    sendPdf(reply, '参赛选手报名表.pdf', formHtml(await registrations.detail(req.actor!, req.params.id))),
  );
  r.get('/registrations.pdf', { config: { permission: 'skills.confirm' }, schema: { tags, summary: '参赛队报名汇总表（PDF）', response: { 200: Pdf } } }, async (req, reply) =>
    sendPdf(reply, '参赛队报名汇总表.pdf', summaryHtml(await registrations.list(req.actor!))),
  );
  r.get('/registrations.xlsx', { config: { permission: 'skills.read' }, schema: { tags, summary: '参赛队报名汇总表（Excel）', querystring: z.object({ eventId: z.coerce.number().int().positive().optional() }), response: { 200: Xlsx } } }, async (req, reply) => {
    const rows = await registrations.list(req.actor!, req.query.eventId);
    const xlsx = await toXlsx('报名汇总表', [
      { header: '序号', value: (x) => x.id },
      { header: '参赛项目', value: (x) => x.eventName },
      { header: '选手姓名', value: (x) => (x.partnerName ? `${x.name}、${x.partnerName}` : x.name) },
      { header: '身份证号', value: (x) => x.idNo, width: 22 },
      { header: '手机号', value: (x) => x.phone },
      { header: '身份类别', value: (x) => x.identityName },
      { header: '所在单位', value: (x) => x.unitName, width: 28 },
      { header: '指导教练', value: (x) => x.coach },
      { header: '状态', value: (x) => x.statusLabel },
      { header: '尚缺材料', value: (x) => x.missing.join('、') },
    ], rows);
    return sendXlsx(reply, '参赛队报名汇总表.xlsx', xlsx);
  });
  r.get('/results.xlsx', { config: { permission: 'skills.read' }, schema: { tags, summary: '获奖名单（Excel）', response: { 200: Xlsx } } }, async (_req, reply) => {
    const res = await selection.results();
    const xlsx = await toXlsx('获奖名单', [
      { header: '参赛项目', value: (x) => x.eventName },
      { header: '名次', value: (x) => x.rank },
      { header: '选手', value: (x) => x.name },
      { header: '所在单位', value: (x) => x.unitName, width: 28 },
      { header: '奖项', value: (x) => x.prize },
      { header: '奖金（元）', value: (x) => (x.cashFen / 100).toFixed(2) },
      { header: '称号', value: (x) => x.title },
      { header: '晋升等级', value: (x) => x.grade },
      { header: '优秀指导教练', value: (x) => x.coach },
      { header: '名次分', value: (x) => x.points },
    ], res.awards);
    return sendXlsx(reply, '获奖名单.xlsx', xlsx);
  });
}

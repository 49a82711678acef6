/** 粮食's routes: the reserve and its rotation here, the townships' targets in targets.routes.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, toXlsx } from '../../core/excel.js';
import { fenToYuanText } from '../../core/money.js';
import { IdParams, Items, Xlsx } from '../../core/schema.js';
import { kgToWanJin } from './grain.rules.js';
import { FinanceBody, FinanceLedger, FinanceSchema, LotBody, LotSchema, OrderBody, OrderSchema, ReceiptBody, ReceiptSchema, ReserveDashboard, ReserveView, RotationBody, RotationDetail, RotationSchema, ScaleBody, YearQuery } from './grain.schema.js';
import type { GrainService } from './grain.service.js';
import { targetsRoutes } from './targets.routes.js';

const tags = ['粮食（县级储备粮轮换）'];
const yuan = (fen: number | null) => (fen === null ? '' : fenToYuanText(fen));
const STEPS = ['approve', 'reject', 'finish', 'review', 'close'] as const;
const StepBody = z.object({ opinion: z.string().max(2000).optional(), subsidyRate: z.string().max(20).optional(), subsidySource: z.string().max(120).optional(), note: z.string().max(2000).optional() });

export async function grainRoutes(app: FastifyInstance, opts: { service: GrainService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { reserve } = opts.service;
  const perm = { config: { permission: 'grain.reserve' as const } };

  r.get('/reserve', { ...perm, schema: { tags, summary: '储备规模（办公室录入）、在储数量（不含不宜存）与本年轮换比例', querystring: YearQuery, response: { 200: ReserveView } } }, async (req) => reserve.reserve(req.actor!, req.query.year));
  r.post('/reserve/scales', { ...perm, schema: { tags, summary: '录入某年县级储备粮规模（万斤，附依据文件）', body: ScaleBody, response: { 201: ReserveView } } }, async (req, reply) => {
    reply.code(201);
    return reserve.enterScale(req.actor!, req.body);
  });
  r.get('/access', { ...perm, schema: { tags, summary: '本人能否查看县级储备粮台账', response: { 200: z.object({ reserve: z.boolean() }) } } }, async (req) => ({ reserve: await opts.service.mayReadReserve(req.actor!) }));
  r.get('/dashboard', { ...perm, schema: { tags, summary: '储备粮看板：品种库存、轮换进度、轮空期风险、补贴与差价', querystring: YearQuery, response: { 200: ReserveDashboard } } }, async (req) => opts.service.reserveDashboard(req.actor!, req.query.year));

  r.get('/lots', { ...perm, schema: { tags, summary: '储备粮货位（承储企业看本企业的）', response: { 200: Items(LotSchema) } } }, async (req) => ({ items: await reserve.lots(req.actor!) }));
  r.post('/lots', { ...perm, schema: { tags, summary: '登记货位（数量以万斤计，精确到公斤）', body: LotBody, response: { 201: LotSchema } } }, async (req, reply) => {
    reply.code(201);
    return reserve.addLot(req.actor!, req.body);
  });
  r.post('/lots/:id/unfit', { ...perm, schema: { tags, summary: '标记不宜存（不计入储备规模）', params: IdParams, body: z.object({ reason: z.string().trim().min(2, '请填写不宜存的原因').max(500) }), response: { 200: LotSchema } } }, async (req) => reserve.markUnfit(req.actor!, req.params.id, req.body.reason));
  r.get('/lots.xlsx', { ...perm, schema: { tags, summary: '储备粮货位台账 Excel', response: { 200: Xlsx } } }, async (req, reply) =>
    sendXlsx(
      reply,
      '县级储备粮货位台账.xlsx',
      await toXlsx('货位台账', [
        { header: '货位编号', value: (l) => l.code },
        { header: '品种', value: (l) => l.grain },
        { header: '数量（万斤）', value: (l) => l.quantityWanJin },
        { header: '数量（公斤）', value: (l) => l.quantityKg },
        { header: '等级', value: (l) => l.grade },
        { header: '入库年份', value: (l) => l.yearStored },
        { header: '仓库', value: (l) => l.warehouse },
        { header: '承储企业', value: (l) => l.enterpriseName },
        { header: '状态', value: (l) => l.statusLabel },
        { header: '不宜存', value: (l) => (l.unfit ? `是：${l.unfitReason ?? ''}` : '否') },
        { header: '计入规模', value: (l) => (l.counted ? '是' : '否') },
        { header: '轮出日期', value: (l) => l.soldOn },
        { header: '补库日期', value: (l) => l.replacedOn },
        { header: '轮空期（天）', value: (l) => l.gapDays },
        { header: '风险', value: (l) => l.risk },
      ], await reserve.lots(req.actor!)),
    ),
  );
  r.get('/gaps', { ...perm, schema: { tags, summary: '轮空期：已轮出货位的天数与风险', response: { 200: Items(LotSchema) } } }, async (req) => ({ items: await reserve.gaps(req.actor!) }));

  r.get('/rotations', { ...perm, schema: { tags, summary: '储备粮轮换（承储企业看本企业的）', response: { 200: Items(RotationSchema) } } }, async (req) => ({ items: await reserve.rotations(req.actor!) }));
  r.post('/rotations', { ...perm, schema: { tags, summary: '轮换申请（县粮食和物资储备中心；本年轮换比例 20—30%，之外须说明理由）', body: RotationBody, response: { 201: RotationSchema } } }, async (req, reply) => {
    reply.code(201);
    return reserve.apply(req.actor!, req.body);
  });
  r.get('/rotations/:id', { ...perm, schema: { tags, summary: '轮换详情：订单与竞价、入库验收、贷款回笼、可办理事项、办理记录', params: IdParams, response: { 200: RotationDetail } } }, async (req) => reserve.detail(req.actor!, req.params.id));
  for (const step of STEPS) {
    r.post(`/rotations/:id/${step}`, { ...perm, schema: { tags, summary: `轮换办理：${reserve.flow.decl.steps[step].label}`, params: IdParams, body: StepBody, response: { 200: RotationDetail } } }, async (req) => reserve.step(req.actor!, req.params.id, step, req.body));
  }
  r.post('/rotations/:id/orders', { ...perm, schema: { tags, summary: '轮出/轮入订单，附公开招投标竞价记录（粮食电子交易平台或市级粮油批发市场）', params: IdParams, body: OrderBody, response: { 201: OrderSchema } } }, async (req, reply) => {
    reply.code(201);
    return reserve.addOrder(req.actor!, req.params.id, req.body);
  });
  r.post('/rotations/:id/receipts', { ...perm, schema: { tags, summary: '入库验收（质量等级中等以下拒收）', params: IdParams, body: ReceiptBody, response: { 201: ReceiptSchema } } }, async (req, reply) => {
    reply.code(201);
    return reserve.addReceipt(req.actor!, req.params.id, req.body);
  });
  r.post('/rotations/:id/finance', { ...perm, schema: { tags, summary: '县农发行：轮入贷款或销售款回笼', params: IdParams, body: FinanceBody, response: { 201: FinanceSchema } } }, async (req, reply) => {
    reply.code(201);
    return reserve.addFinance(req.actor!, req.params.id, req.body);
  });
  r.get('/rotations.xlsx', { ...perm, schema: { tags, summary: '轮换台账 Excel', response: { 200: Xlsx } } }, async (req, reply) =>
    sendXlsx(
      reply,
      '县级储备粮轮换台账.xlsx',
      await toXlsx('轮换台账', [
        { header: '编号', value: (x) => x.id },
        { header: '年度', value: (x) => x.year },
        { header: '品种', value: (x) => x.grain },
        { header: '计划（万斤）', value: (x) => x.plannedWanJin },
        { header: '方式', value: (x) => x.mode },
        { header: '承储企业', value: (x) => x.enterpriseName },
        { header: '占储备总量（%）', value: (x) => x.sharePercent },
        { header: '比例说明', value: (x) => x.shareReason },
        { header: '状态', value: (x) => x.statusLabel },
        { header: '审批意见', value: (x) => x.approvalNote },
        { header: '轮换数量（万斤）', value: (x) => (x.rotatedKg === null ? '' : kgToWanJin(x.rotatedKg)) },
        { header: '销售收入（元）', value: (x) => yuan(x.saleFen) },
        { header: '采购成本（元）', value: (x) => yuan(x.purchaseFen) },
        { header: '轮换费用补贴（元）', value: (x) => yuan(x.subsidyFen) },
        { header: '补贴依据', value: (x) => x.subsidySource },
        { header: '差价亏损（元）', value: (x) => yuan(x.lossFen) },
      ], await reserve.rotations(req.actor!)),
    ),
  );
  r.get('/bids', { ...perm, schema: { tags, summary: '竞价台账：每笔轮出、轮入的公开竞价', response: { 200: Items(OrderSchema) } } }, async (req) => ({ items: await reserve.bids(req.actor!) }));
  r.get('/bids.xlsx', { ...perm, schema: { tags, summary: '竞价台账 Excel', response: { 200: Xlsx } } }, async (req, reply) =>
    sendXlsx(
      reply,
      '县级储备粮竞价台账.xlsx',
      await toXlsx('竞价台账', [
        { header: '订单', value: (o) => o.id },
        { header: '轮换', value: (o) => o.rotationId },
        { header: '方向', value: (o) => o.directionLabel },
        { header: '数量（万斤）', value: (o) => o.quantityWanJin },
        { header: '竞价场所', value: (o) => o.channel },
        { header: '竞价日期', value: (o) => o.bidDate },
        { header: '参与单位', value: (o) => o.bidders.join('、') },
        { header: '成交单位', value: (o) => o.winner },
        { header: '成交价（元/吨）', value: (o) => fenToYuanText(o.priceFen) },
        { header: '结果文件', value: (o) => o.resultDoc },
        { header: '登记人', value: (o) => o.createdBy },
      ], await reserve.bids(req.actor!)),
    ),
  );
  r.get('/finance', { ...perm, schema: { tags, summary: '贷款与回笼台账', response: { 200: Items(FinanceLedger) } } }, async (req) => ({ items: await reserve.finance(req.actor!) }));
  r.get('/finance.xlsx', { ...perm, schema: { tags, summary: '贷款与回笼台账 Excel', response: { 200: Xlsx } } }, async (req, reply) =>
    sendXlsx(
      reply,
      '县级储备粮贷款回笼台账.xlsx',
      await toXlsx('贷款回笼', [
        { header: '轮换', value: (f) => f.rotationId },
        { header: '品种', value: (f) => f.grain },
        { header: '类别', value: (f) => f.kindLabel },
        { header: '金额（元）', value: (f) => fenToYuanText(f.amountFen) },
        { header: '日期', value: (f) => f.date },
        { header: '凭证', value: (f) => f.reference },
        { header: '登记人', value: (f) => f.createdBy },
      ], await reserve.finance(req.actor!)),
    ),
  );
  await targetsRoutes(app, opts);
}

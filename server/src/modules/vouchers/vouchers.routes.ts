import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { madeByOf, sendXlsx, toXlsx } from '../../core/excel.js';
import { errorBody } from '../../core/errors.js';
import { ErrorResponse } from '../../core/http.js';
import { Items, Ok, Pdf, Xlsx } from '../../core/schema.js';
import {
  CampaignSchema,
  Cashier,
  CashierBody,
  ClaimBody,
  ClaimedVoucher,
  DisqualifyBody,
  MerchantPayCode,
  SelfRedemptionAnswer,
  SelfRedemptionBody,
  FundsSchema,
  StatementSchema,
  TrancheBody,
  LaunchAnswer,
  FraudSchema,
  LiftBody,
  Id,
  isoDate,
  MerchantApplication,
  MerchantDetail,
  MerchantSchema,
  MyVoucher,
  NewCashier,
  PaymentCode,
  PublicMerchantSchema,
  PublishAnswer,
  RedemptionAnswer,
  RedemptionBody,
  ReportSchema,
  ReversalAnswer,
  SettlementSchema,
  TodaysRedemptions,
} from './vouchers.schema.js';
import type { VouchersService } from './vouchers.service.js';
import type { ModuleContext } from '../../core/module.js';
import { statementHtml } from './vouchers.print.js';
import { installNow } from '../../core/time.js';

/** /api/vouchers — 交政办发〔2022〕13号. */
export async function vouchersRoutes(app: FastifyInstance, opts: { service: VouchersService; ctx: Pick<ModuleContext, 'pdf'> }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const tags = ['消费券'];

  r.get('/campaign', { config: { permission: 'public' }, schema: { tags, summary: '活动、当前轮次与各券种余量', response: { 200: CampaignSchema } } }, async () => service.campaign.view());
  r.get('/merchants/public', { config: { permission: 'public' }, schema: { tags, summary: '已公布的活动商户名单', response: { 200: Items(PublicMerchantSchema) } } }, async () => ({ items: await service.merchants.publicList() }));

  // Residents
  r.post(
    '/claims',
    {
      // In the rush a phone that would wait past the target is told to retry before anything is read for it.
      config: { permission: 'vouchers.claim', shed: service.claims.shed },
      schema: {
        tags,
        summary: '领券（须定位在交城县境内）',
        body: ClaimBody,
        response: { 201: ClaimedVoucher, 400: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse, 503: ErrorResponse },
      },
      // The rush is almost all this request: its lines would be most of the log and tell nothing the counts do not.
      logLevel: 'warn',
    },
    async (req, reply) => {
      // Refusals, the rush's common answer, go out in the one error format without being thrown.
      const answer = await service.tryClaim(req.actor!, req.body);
      if (answer.ok) return reply.code(201).send(answer.voucher);
      if (answer.error.retryAfter) reply.header('retry-after', String(answer.error.retryAfter));
      return reply.code(answer.error.status as 400 | 403 | 409 | 503).send(errorBody(answer.error, req.id));
    },
  );
  r.get('/mine', { config: { permission: 'vouchers.claim' }, schema: { tags, summary: '我的消费券', response: { 200: Items(MyVoucher) } } }, async (req) => ({ items: await service.claims.mine(req.actor!) }));
  r.post('/payment-codes', { config: { permission: 'vouchers.claim' }, schema: { tags, summary: '生成付款码（60 秒内有效，一次性）', response: { 201: PaymentCode } } }, async (req, reply) => {
    reply.code(201);
    return service.till.paymentCode(req.actor!);
  });

  // Merchants and cashiers
  r.post(
    '/redemptions',
    {
      config: { permission: 'vouchers.redeem' },
      schema: {
        tags,
        summary: '扫码核销（同一交易号重复提交返回同一结果）',
        body: RedemptionBody,
        response: { 200: RedemptionAnswer },
      },
    },
    async (req) => service.till.redeem(req.actor!, req.body),
  );
  r.get('/merchants/me/pay-code', { config: { permission: 'vouchers.redeem' }, schema: { tags, summary: '本店收款码（顾客主扫；通用消费券除外）', response: { 200: MerchantPayCode } } }, async (req) =>
    service.till.merchantPayCode(req.actor!),
  );
  r.post(
    '/self-redemptions',
    {
      config: { permission: 'vouchers.claim' },
      schema: { tags, summary: '主扫付款：居民扫商户收款码并输入金额（通用消费券仅限被扫，不可用）', body: SelfRedemptionBody, response: { 200: SelfRedemptionAnswer } },
    },
    async (req) => service.till.selfRedeem(req.actor!, req.body),
  );
  r.get('/redemptions', { config: { permission: 'vouchers.redeem' }, schema: { tags, summary: '本店今日核销', response: { 200: TodaysRedemptions } } }, async (req) => service.till.todaysRedemptions(req.actor!));
  r.post('/redemptions/:id/reverse', { config: { permission: 'vouchers.redeem' }, schema: { tags, summary: '撤销当日核销', params: Id, response: { 200: ReversalAnswer } } }, async (req) => service.till.reverse(req.actor!, req.params.id));
  r.post(
    '/merchants',
    {
      config: { permission: 'vouchers.merchant.apply' },
      schema: {
        tags,
        summary: '商户报名',
        body: MerchantApplication,
        response: { 201: MerchantSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return service.merchants.apply(req.actor!, req.body);
    },
  );
  r.get('/cashiers', { config: { permission: 'vouchers.redeem' }, schema: { tags, summary: '本店收银员（商户负责人）', response: { 200: Items(Cashier) } } }, async (req) => ({ items: await service.till.cashiers(req.actor!) }));
  r.post(
    '/cashiers',
    {
      config: { permission: 'vouchers.redeem' },
      schema: {
        tags,
        summary: '开设收银员账号（商户负责人）',
        body: CashierBody,
        response: { 201: NewCashier },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return service.till.addCashier(req.actor!, req.body);
    },
  );

  // 工信局 and 统计局
  r.get('/merchants', { config: { permission: 'vouchers.merchant.review' }, schema: { tags, summary: '全部商户（审核用）', response: { 200: Items(MerchantSchema) } } }, async (req) => ({ items: await service.merchants.list(req.actor!) }));
  r.get('/merchants/:id', { config: { permission: 'vouchers.merchant.review' }, schema: { tags, summary: '商户详情（可办理的步骤与办理记录）', params: Id, response: { 200: MerchantDetail } } }, async (req) =>
    service.merchants.detail(req.actor!, req.params.id),
  );
  r.post('/merchants/:id/approve', { config: { permission: 'vouchers.merchant.review' }, schema: { tags, summary: '审核通过（工信局、统计局各一次）', params: Id, response: { 200: MerchantSchema } } }, async (req) =>
    service.merchants.approve(req.actor!, req.params.id),
  );
  r.post('/merchants/:id/reject', { config: { permission: 'vouchers.merchant.review' }, schema: { tags, summary: '驳回', params: Id, body: z.object({ reason: z.string().trim().min(2, '请填写驳回理由').max(500) }), response: { 200: MerchantSchema } } }, async (req) =>
    service.merchants.reject(req.actor!, req.params.id, req.body.reason),
  );
  r.post('/merchants/publish', { config: { permission: 'vouchers.manage' }, schema: { tags, summary: '公布一批商户名单（生效日期默认今天）', body: z.object({ effectiveDate: isoDate.optional() }).default({}), response: { 200: PublishAnswer } } }, async (req) =>
    service.merchants.publish(req.actor!, req.body.effectiveDate),
  );
  r.post(
    '/merchants/:id/suspend',
    { config: { permission: 'vouchers.manage' }, schema: { tags, summary: '暂停或恢复商户（不带参数即暂停）', params: Id, body: z.object({ suspended: z.boolean().default(true) }).default({ suspended: true }), response: { 200: MerchantSchema } } },
    async (req) => service.merchants.suspend(req.actor!, req.params.id, req.body.suspended),
  );
  r.post('/merchants/:id/resume', { config: { permission: 'vouchers.manage' }, schema: { tags, summary: '恢复已暂停的商户', params: Id, response: { 200: MerchantSchema } } }, async (req) =>
    service.merchants.suspend(req.actor!, req.params.id, false),
  );
  r.put(
    '/rounds/:id/quotas/:kindId',
    {
      config: { permission: 'vouchers.manage' },
      schema: { tags, summary: '调整某轮某券种投放量', params: Id.extend({ kindId: z.coerce.number().int().positive() }), body: z.object({ released: z.number().int().min(0).max(10_000_000) }), response: { 200: Ok } },
    },
    async (req) => service.campaign.setReleased(req.actor!, req.params.id, req.params.kindId, req.body.released),
  );
  r.post(
    '/launch',
    {
      config: { permission: 'vouchers.manage' },
      schema: { tags, summary: '启动活动（县政府择日宣布；日期须晚于方案成文日期，各轮为此后至截止日的每个周六）', body: z.object({ date: isoDate }), response: { 201: LaunchAnswer } },
    },
    async (req, reply) => {
      reply.code(201);
      return service.campaign.launch(req.actor!, req.body.date);
    },
  );
  r.post(
    '/campaign/end',
    {
      config: { permission: 'vouchers.manage' },
      schema: { tags, summary: '延长活动（根据活动开展情况可结合实际进行调整）', body: z.object({ to: isoDate }), response: { 200: z.object({ endsOn: z.string(), rounds: z.number().int(), moved: z.number().int() }) } },
    },
    async (req) => service.campaign.extendCampaign(req.actor!, req.body.to),
  );
  r.post('/rounds/:id/status', { config: { permission: 'vouchers.manage' }, schema: { tags, summary: '暂停、恢复或结束一轮', params: Id, body: z.object({ status: z.enum(['scheduled', 'paused', 'ended']) }), response: { 200: Ok } } }, async (req) =>
    service.campaign.setRoundStatus(req.actor!, req.params.id, req.body.status),
  );

  // Finance, audit, oversight
  r.get('/report', { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '投放量、核销量、核销率、订单金额、核销金额、核销商家数', response: { 200: ReportSchema } } }, async () => service.report());
  r.get('/report.xlsx', { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '报表（Excel）', response: { 200: Xlsx } } }, async (req, reply) => {
    const rep = await service.report();
    type Row = (typeof rep.byRoundKind)[number];
    // Rounds nothing was released in yet are not part of the report (they would be rows of zeros).
    const rows = rep.byRoundKind.filter((x) => x.投放量 > 0 || x.领取量 > 0 || x.核销量 > 0);
    const xlsx = await toXlsx(
      '消费券投放核销',
      [
        { header: '轮次', value: (x: Row) => `第${x.round}轮` },
        { header: '类别', value: (x) => x.category, width: 16 },
        { header: '券种', value: (x) => x.kind },
        { header: '投放量', value: (x) => x.投放量, kind: 'integer', total: true },
        { header: '领取量', value: (x) => x.领取量, kind: 'integer', total: true },
        { header: '核销量', value: (x) => x.核销量, kind: 'integer', total: true },
        { header: '核销率(%)（核销量÷领取量）', value: (x) => x.核销率, kind: 'decimal', width: 14 },
        { header: '核销率(%)（核销量÷投放量）', value: (x) => x['核销率（按投放量）'], kind: 'decimal', width: 14 },
        { header: '订单金额(元)', value: (x) => x.订单金额, kind: 'fen', total: true, width: 16 },
        { header: '核销金额(元)', value: (x) => x.核销金额, kind: 'fen', total: true, width: 16 },
        { header: '核销商家数', value: (x) => x.核销商家数, kind: 'integer' },
        { header: '拉动比', value: (x) => x.拉动比, kind: 'decimal' },
      ],
      rows,
      { title: '交城县消费券投放核销报表', madeBy: madeByOf(req.actor!), at: installNow() },
    );
    return sendXlsx(reply, '消费券投放核销报表.xlsx', xlsx);
  });
  r.get('/settlement', { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '结算单（按日、按商户，按实际核销金额）', querystring: z.object({ from: isoDate, to: isoDate }), response: { 200: SettlementSchema } } }, async (req) =>
    service.settlement.settlement(req.query.from, req.query.to),
  );
  r.get('/settlement.xlsx', { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '结算单（Excel）', querystring: z.object({ from: isoDate, to: isoDate }), response: { 200: Xlsx } } }, async (req, reply) => {
    const s = await service.settlement.settlement(req.query.from, req.query.to);
    type Row = (typeof s.items)[number];
    const xlsx = await toXlsx(
      '结算单',
      [
        { header: '日期', value: (x: Row) => x.day, kind: 'date' },
        { header: '商户', value: (x) => x.merchant, width: 30 },
        { header: '笔数', value: (x) => x.count, kind: 'integer', total: true },
        { header: '订单金额(元)', value: (x) => x.orderFen, kind: 'fen', total: true, width: 16 },
        { header: '核销金额(元)', value: (x) => x.redeemedFen, kind: 'fen', total: true, width: 16 },
      ],
      s.items,
      { title: `消费券结算单（${req.query.from} 至 ${req.query.to}）`, madeBy: madeByOf(req.actor!), at: installNow() },
    );
    return sendXlsx(reply, `消费券结算单_${req.query.from}_${req.query.to}.xlsx`, xlsx);
  });
  // The fund and the settlement statements (交政办发〔2022〕13号 四、（二）（三）).
  r.get('/funds', { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '专项资金：已拨付、已核销、余额及各批次', response: { 200: FundsSchema } } }, async () => service.settlement.funds());
  r.post('/funds/tranches', { config: { permission: 'vouchers.funds' }, schema: { tags, summary: '县工信局分批次拨付资金至投放平台专户', body: TrancheBody, response: { 201: FundsSchema } } }, async (req, reply) => {
    reply.code(201);
    return service.settlement.releaseTranche(req.actor!, req.body.amountFen, req.body.note);
  });
  r.get('/statements', { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '结算单（平台报送 → 县工信局审核 → 县财政局备案 → 结算）', response: { 200: Items(StatementSchema) } } }, async (req) => ({ items: await service.settlement.statements(req.actor!) }));
  r.post(
    '/statements',
    { config: { permission: 'vouchers.funds' }, schema: { tags, summary: '平台报送结算单（已过去的整日）', body: z.object({ from: isoDate, to: isoDate }), response: { 201: StatementSchema } } },
    async (req, reply) => {
      reply.code(201);
      return service.settlement.reportSettlement(req.actor!, req.body.from, req.body.to);
    },
  );
  for (const [step, summary] of [['reviewed', '县工信局审核'], ['filed', '县财政局备案'], ['settled', '结算（县财政局）']] as const) {
    r.post(`/statements/:id/${step}`, { config: { permission: 'vouchers.funds' }, schema: { tags, summary, params: Id, response: { 200: StatementSchema } } }, async (req) =>
      service.settlement.advance(req.actor!, req.params.id, step),
    );
  }
  r.get('/statements/:id/xlsx', { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '结算单（Excel）', params: Id, response: { 200: Xlsx } } }, async (req, reply) => {
    const st = await service.settlement.statement(req.params.id);
    type Row = (typeof st.items)[number];
    const xlsx = await toXlsx(
      `结算单${st.from}至${st.to}`,
      [
        { header: '日期', value: (x: Row) => x.day, kind: 'date' },
        { header: '商户', value: (x) => x.merchant, width: 30 },
        { header: '笔数', value: (x) => x.count, kind: 'integer' },
        { header: '订单金额(元)', value: (x) => x.orderFen, kind: 'fen', width: 16 },
        { header: '核销金额(元)', value: (x) => x.redeemedFen, kind: 'fen', width: 16 },
      ],
      // The statement's own totals (frozen as reported), with the amount in 大写 beside them.
      [...st.items, { day: '合计', merchantId: 0, merchant: `结算金额（大写）：${st.redeemedUpper}`, count: st.count, orderFen: st.orderFen, redeemedFen: st.redeemedFen }],
      { title: `消费券结算单（${st.from} 至 ${st.to}）`, madeBy: madeByOf(req.actor!), at: installNow() },
    );
    return sendXlsx(reply, `消费券结算单_${st.from}_${st.to}.xlsx`, xlsx);
  });
  r.get('/statements/:id/print', { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '结算单打印版（浏览器打印或另存为 PDF）', params: Id, response: { 200: z.string() } } }, async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(statementHtml(await service.settlement.statement(req.params.id))),
  );
  r.get(
    '/statements/:id/pdf',
    { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '结算单 PDF（A4，金额含大写）', params: Id, response: { 200: Pdf } } },
    async (req, reply) => {
      const st = await service.settlement.statement(req.params.id);
      const pdf = await opts.ctx.pdf(statementHtml(st));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`消费券结算单_${st.from}_${st.to}.pdf`)}`)
        .send(pdf);
    },
  );

  r.get('/fraud/access', { config: { permission: 'vouchers.report.read' }, schema: { tags, summary: '本人能否查看异常线索（县公安局、县市场监管局、县工信局）', response: { 200: z.object({ allowed: z.boolean() }) } } }, async (req) => ({
    allowed: await service.reports.mayReadLeads(req.actor!),
  }));
  r.get('/fraud', { config: { permission: 'vouchers.oversight' }, schema: { tags, summary: '异常线索（供公安、市场监管核查）', response: { 200: FraudSchema } } }, async (req) => ({
    items: await service.fraudFlags(req.actor!),
    ...(await service.reports.disqualifications()),
  }));
  r.post(
    '/disqualifications',
    {
      config: { permission: 'vouchers.oversight' },
      schema: { tags, summary: '取消活动资格（商户：县工信局；居民：县公安局、县市场监管局）', body: DisqualifyBody, response: { 201: Ok } },
    },
    async (req, reply) => {
      reply.code(201);
      return service.reports.disqualify(req.actor!, req.body.subject, req.body.subjectId, req.body.reason);
    },
  );
  r.post('/disqualifications/:id/lift', { config: { permission: 'vouchers.oversight' }, schema: { tags, summary: '恢复活动资格（须填写理由）', params: Id, body: LiftBody, response: { 200: Ok } } }, async (req) =>
    service.reports.liftDisqualification(req.actor!, req.params.id, req.body.reason),
  );
}

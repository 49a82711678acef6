/** The request and response shapes of 粮食's routes (the web's contract reads them, type-only). */
import { z } from 'zod';
import { StepActions, Timeline, isoDate, nameText, unitRef } from '../../core/schema.js';
import { BID_CHANNELS, GRADES, GRAINS, INDICATOR_KINDS, MODES, REPORT_SEASONS } from './grain.rules.js';

const int = z.number().int();
const year = int.min(2000, '年份应为四位数').max(2100, '年份应为四位数');
/** A quantity in 万斤 as typed (exact; checked to whole kilograms by the service). */
const wanJin = z.string().trim().min(1, '请填写数量（万斤）').max(20);
const username = z.string().trim().min(1).max(32).nullable().default(null);
export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).default(2022) });

export const ScaleBody = z.object({ year, establishedYear: year, scale: wanJin, source: z.string().trim().min(4, '请填写储备规模的依据文件').max(120) });
const Amount = z.object({ grain: z.string(), kg: int, wanJin: z.string() });
export const ReserveView = z.object({
  year: int,
  source: z.string(),
  scale: z.object({ year: int, establishedYear: int, scaleKg: int, scaleWanJin: z.string(), source: z.string(), enteredBy: z.string() }).nullable(),
  counted: z.array(Amount),
  countedWanJin: z.string(),
  plan2022: z.array(Amount),
  plannedWanJin: z.string(),
  sharePercent: z.string().nullable(),
  shareProblem: z.string().nullable(),
  mayApply: z.boolean(),
});

export const LotBody = z.object({
  code: z.string().trim().min(2, '请填写货位编号').max(40),
  grain: z.enum(GRAINS, { message: `粮食品种应为：${GRAINS.join('、')}` }),
  quantity: wanJin,
  grade: z.enum(GRADES, { message: `质量等级应为：${GRADES.join('、')}` }),
  yearStored: year,
  warehouse: nameText(80, '请填写仓库（库点、仓号）'),
  enterpriseName: nameText(80, '请填写承储企业'),
  enterpriseUsername: username,
});
export const LotSchema = z.object({
  id: int,
  code: z.string(),
  grain: z.string(),
  quantityKg: int,
  quantityWanJin: z.string(),
  grade: z.string(),
  yearStored: int,
  warehouse: z.string(),
  enterpriseName: z.string(),
  status: z.enum(['stored', 'sold']),
  statusLabel: z.string(),
  unfit: z.boolean(),
  unfitReason: z.string().nullable(),
  counted: z.boolean(),
  soldOn: z.string().nullable(),
  replacedOn: z.string().nullable(),
  gapDays: int.nullable(),
  risk: z.string().nullable(),
  demo: z.boolean(),
});

export const RotationBody = z.object({
  year,
  grain: z.enum(GRAINS, { message: `粮食品种应为：${GRAINS.join('、')}` }),
  quantity: wanJin,
  mode: z.enum(MODES, { message: `轮换方式应为：${MODES.join('、')}` }),
  enterpriseName: nameText(80, '请填写承储企业'),
  enterpriseUsername: username,
  note: z.string().trim().min(2, '请填写申请说明').max(2000),
  shareReason: z.string().trim().max(1000).nullable().default(null),
});
export const RotationSchema = z.object({
  id: int,
  year: int,
  grain: z.string(),
  plannedKg: int,
  plannedWanJin: z.string(),
  mode: z.string(),
  enterpriseName: z.string(),
  sharePercent: z.string(),
  shareReason: z.string().nullable(),
  note: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  approvedBy: z.string().nullable(),
  approvalNote: z.string().nullable(),
  subsidyRateFen: int.nullable(),
  subsidySource: z.string().nullable(),
  rotatedKg: int.nullable(),
  rotatedWanJin: z.string().nullable(),
  saleFen: int.nullable(),
  purchaseFen: int.nullable(),
  subsidyFen: int.nullable(),
  lossFen: int.nullable(),
  demo: z.boolean(),
  createdAt: z.string(),
  actions: StepActions,
});

export const BidBody = z.object({
  channel: z.enum(BID_CHANNELS, { message: `竞价场所应为：${BID_CHANNELS.join('或')}` }),
  date: isoDate,
  bidders: z.array(z.string().trim().min(1).max(80)).min(1, '请填写参与竞价的单位').max(50),
  winner: z.string().trim().min(1, '请填写成交（中标）单位').max(80),
  price: z.string().trim().min(1, '请填写成交价（元/吨）').max(20),
  resultDoc: z.string().trim().min(2, '请填写竞价结果文件（成交确认书编号）').max(120),
});
export const OrderBody = z.object({
  direction: z.enum(['out', 'in'], { message: '请选择轮出或轮入' }),
  quantity: wanJin.nullable().default(null),
  lotIds: z.array(int.positive()).max(200).default([]),
  bid: BidBody.nullable().default(null),
});
export const OrderSchema = z.object({
  id: int,
  rotationId: int,
  direction: z.enum(['out', 'in']),
  directionLabel: z.string(),
  quantityKg: int,
  quantityWanJin: z.string(),
  lotIds: z.array(int),
  channel: z.string(),
  bidDate: z.string(),
  bidders: z.array(z.string()),
  bidderCount: int,
  winner: z.string(),
  priceFen: int,
  resultDoc: z.string(),
  createdBy: z.string(),
});
export const ReceiptBody = z.object({
  orderId: int.positive('请选择轮入订单'),
  quantity: wanJin,
  grade: z.enum(GRADES, { message: `质量等级应为：${GRADES.join('、')}` }),
  warehouse: nameText(80, '请填写入库仓库（库点、仓号）'),
  lotCode: z.string().trim().min(2, '请填写新货位编号').max(40),
  inspectionNo: z.string().trim().min(2, '请填写检验报告编号').max(60),
  inspector: nameText(80, '请填写检验机构'),
  receivedOn: isoDate,
});
export const ReceiptSchema = z.object({ id: int, lotId: int, quantityKg: int, quantityWanJin: z.string(), grade: z.string() });
export const FinanceBody = z.object({ kind: z.enum(['loan', 'repayment'], { message: '请选择贷款或回笼' }), amount: z.string().trim().min(1, '请填写金额（元）').max(20), date: isoDate, reference: z.string().trim().min(2, '请填写凭证编号').max(80) });
export const FinanceSchema = z.object({ id: int, kind: z.enum(['loan', 'repayment']), kindLabel: z.string(), amountFen: int, date: z.string(), reference: z.string(), createdBy: z.string() });
export const FinanceLedger = FinanceSchema.extend({ rotationId: int, grain: z.string() });
export const RotationDetail = RotationSchema.extend({
  /** Which records this reader may enter now (the same checks the POSTs make). */
  forms: z.object({ order: z.boolean(), receipt: z.boolean(), finance: z.boolean() }),
  orders: z.array(OrderSchema),
  receipts: z.array(z.object({ id: int, orderId: int, lotId: int, warehouse: z.string(), quantityKg: int, quantityWanJin: z.string(), grade: z.string(), inspectionNo: z.string(), inspector: z.string(), receivedOn: z.string() })),
  finance: z.array(FinanceSchema),
  timeline: Timeline,
});
export const ReserveDashboard = z.object({
  year: int,
  reserve: ReserveView,
  byGrain: z.array(z.object({ grain: z.string(), countedWanJin: z.string(), unfitWanJin: z.string(), soldWanJin: z.string() })),
  states: z.array(z.object({ status: z.string(), label: z.string(), count: int })),
  risks: z.array(z.object({ risk: z.string(), count: int })),
  openGaps: int,
  subsidyFen: int,
  lossFen: int,
});

const kinds = Object.keys(INDICATOR_KINDS) as [keyof typeof INDICATOR_KINDS, ...(keyof typeof INDICATOR_KINDS)[]];
export const IndicatorBody = z.object({ name: nameText(40, '请填写指标名称', 2), kind: z.enum(kinds, { message: '请选择指标类别' }) });
export const IndicatorSchema = z.object({ id: int, name: z.string(), kind: z.string(), kindLabel: z.string(), unit: z.string() });
const value = z.string().trim().min(1, '请填写数值').max(20);
export const TargetBody = z.object({ year, townshipId: unitRef('请选择乡（镇）'), indicatorId: int.positive('请选择指标'), value });
export const TargetSchema = z.object({ id: int, year: int, townshipId: int, township: z.string(), indicatorId: int, indicator: z.string(), unit: z.string(), value: z.string(), nature: z.string(), origin: z.string(), enteredBy: z.string(), enteredAt: z.string() });
export const ImportSchema = z.object({ id: int, year: int, fileName: z.string(), status: z.enum(['checked', 'committed', 'discarded']), total: int, good: int, errors: z.array(z.object({ row: int, message: z.string() })), byName: z.string(), createdAt: z.string() });
export const ReportBody = z.object({ year, indicatorId: int.positive('请选择指标'), season: z.enum(REPORT_SEASONS, { message: `填报时段应为：${REPORT_SEASONS.join('、')}` }), value, note: z.string().trim().max(500).nullable().default(null) });
export const ReportSchema = z.object({ id: int, year: int, townshipId: int, township: z.string(), indicatorId: int, indicator: z.string(), unit: z.string(), season: z.string(), value: z.string(), note: z.string().nullable(), reportedBy: z.string(), reportedAt: z.string() });
export const Comparison = z.array(
  z.object({
    indicatorId: int,
    indicator: z.string(),
    kind: z.string(),
    unit: z.string(),
    target: z.string(),
    reported: z.string(),
    reportedMilli: int,
    byTownship: z.array(z.object({ townshipId: int, township: z.string(), target: z.string().nullable(), reported: z.string().nullable(), season: z.string().nullable() })),
  }),
);

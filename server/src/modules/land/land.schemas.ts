/** What /api/land takes and answers (zod); the web page infers its types from these. */
import { z } from 'zod';
import { StepActions, Timeline, isoDate } from '../../core/schema.js';
import { HOUSING_CODES, METHOD_CODES, PRIORITY_CODES, USE_CODES } from './land.rules.js';
import { PARCEL_STEPS } from './land.flow.js';

const int = z.number().int();
/** 公顷 as text, four decimals at most (「45.3272」): never a float. */
const hectares = (label: string) => z.string().trim().regex(/^\d{1,6}(\.\d{1,4})?$/, `${label}应为公顷，最多四位小数`);
// Longitude, latitude (WGS84/CGCS2000 degrees); a third value (height) is not kept.
const Position = z.array(z.number().finite()).min(2, '坐标须为经度、纬度').transform((p) => [p[0]!, p[1]!] as [number, number]);
export const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) });

export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).default(2022), bbox: z.string().max(100).optional() });
export const Plan = z.object({
  year: int, source: z.string(), total: z.string(), used: z.string(), left: z.string(),
  uses: z.array(z.object({ use: z.string(), name: z.string(), cap: z.string(), used: z.string(), left: z.string() })),
  housingShare: z.object({ basisPoints: int.nullable(), meets: z.boolean() }),
});
export const PlanBody = z.object({
  year: int.min(2023, '2022 年度计划按交政发〔2022〕2号录入，其他年度请依其文件').max(2100),
  source: z.string().trim().min(2, '请填写计划依据的文件文号').max(100),
  total: hectares('供应总量'),
  caps: z.object(Object.fromEntries(USE_CODES.map((u) => [u, hectares('用途指标')])) as Record<(typeof USE_CODES)[number], ReturnType<typeof hectares>>),
});
export const ParcelBody = z.object({
  code: z.string().trim().min(1, '请填写地块编号').max(40),
  name: z.string().trim().min(2, '请填写地块名称').max(100),
  location: z.string().trim().min(2, '请选择所在乡镇或开发区').max(40),
  use: z.enum(USE_CODES, { message: '请选择用途' }),
  subUse: z.string().max(20).nullable().default(null),
  housingType: z.enum(HOUSING_CODES, { message: '住房类型无效' }).nullable().default(null),
  area: hectares('面积'),
  boundary: Polygon,
  method: z.enum(METHOD_CODES, { message: '请选择供应方式' }),
  intendingUsers: int.min(0, '意向用地者人数不能为负').max(1000),
  project: z.string().trim().max(200).default(''),
  priorities: z.array(z.enum(PRIORITY_CODES, { message: '优先类别无效' })).max(4).default([]),
});
export const CheckBody = z.object({ use: z.enum(USE_CODES), housingType: z.enum(HOUSING_CODES).nullable().default(null), boundary: Polygon });
export const CheckResult = z.object({ area: z.string(), useLeft: z.string(), totalLeft: z.string(), shareAfter: z.object({ basisPoints: int.nullable(), meets: z.boolean() }), warnings: z.array(z.string()) });
export const StepParams = z.object({ id: z.coerce.number().int().positive(), step: z.enum(PARCEL_STEPS) });
export const StepBody = z.object({
  noticeNo: z.string().max(60).nullish(), noticedOn: isoDate.nullish(), price: z.string().max(20).nullish(), buyer: z.string().max(100).nullish(), dealtOn: isoDate.nullish(),
  contractNo: z.string().max(60).nullish(), suppliedOn: isoDate.nullish(), agreedStart: isoDate.nullish(), agreedCompletion: isoDate.nullish(), startedOn: isoDate.nullish(),
  completedOn: isoDate.nullish(), note: z.string().max(500).nullish(),
});
const ParcelView = z.object({
  id: int, code: z.string(), name: z.string(), location: z.string(), inDevZone: z.boolean(), use: z.string(), useName: z.string(), subUse: z.string().nullable(), housingType: z.string().nullable(),
  area: z.string(), boundaryArea: z.string(), boundary: Polygon, method: z.string(), methodName: z.string(), intendingUsers: int, project: z.string(),
  status: z.string(), statusLabel: z.string(), noticeNo: z.string().nullable(), noticedOn: z.string().nullable(), price: z.string().nullable(), buyer: z.string().nullable(), dealtOn: z.string().nullable(),
  contractNo: z.string().nullable(), suppliedOn: z.string().nullable(), agreedStart: z.string().nullable(), agreedCompletion: z.string().nullable(), startedOn: z.string().nullable(), completedOn: z.string().nullable(),
  withdrawReason: z.string().nullable(), filingBody: z.object({ code: z.string(), name: z.string(), basis: z.string() }), idle: z.boolean(), demo: z.boolean(),
  priorities: z.array(z.object({ code: z.string(), name: z.string() })),
});
export const ParcelItem = ParcelView.extend({ actions: StepActions });
export const ParcelDetail = ParcelItem.extend({ timeline: Timeline });
export const PublicParcel = z.object({
  id: int, code: z.string(), name: z.string(), location: z.string(), useName: z.string(), area: z.string(), methodName: z.string(), statusLabel: z.string(), boundary: Polygon,
  noticeNo: z.string().nullable(), noticedOn: z.string().nullable(), buyer: z.string().nullable(), price: z.string().nullable(), dealtOn: z.string().nullable(), demo: z.boolean(),
});
export const Dashboard = z.object({
  plan: Plan,
  byStatus: z.array(z.object({ status: z.string(), label: z.string(), count: int })),
  idle: z.array(z.object({ id: int, code: z.string(), name: z.string(), agreedStart: z.string(), boundary: Polygon })),
  priorities: z.array(z.object({ code: z.string(), name: z.string(), parcels: int, area: z.string() })),
  parcels: z.array(z.object({ id: int, code: z.string(), name: z.string(), status: z.string(), statusLabel: z.string(), idle: z.boolean(), boundary: Polygon })),
});
export const Meta = z.object({
  source: z.string(), uses: z.array(z.object({ code: z.string(), name: z.string(), subUses: z.array(z.object({ code: z.string(), name: z.string() })) })),
  housingTypes: z.array(z.object({ code: z.string(), name: z.string() })), methods: z.array(z.object({ code: z.string(), name: z.string() })), locations: z.array(z.string()),
  priorities: z.array(z.object({ code: z.string(), name: z.string() })),
  openSaleRule: z.string(), housingSharePercent: int, areaTolerance: z.string(), mayEnter: z.boolean(), years: z.array(int),
});

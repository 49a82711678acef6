/** The request and response schemas of /api/vouchers. */
import { z } from 'zod';

export const Id = z.object({ id: z.coerce.number().int().positive('编号无效') });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const CategoryEnum = z.enum(['catering', 'general', 'appliance', 'fuel', 'ecommerce'], { message: '类别无效' });

/** A resident's claim: the kind, where the phone is, and the device. */
export const ClaimBody = z.object({
  kindId: z.number().int().positive('请选择券种'),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  deviceId: z.string().trim().max(80).nullable().default(null),
});

/** A cashier's redemption: the scanned payment code, the order amount in 分, the merchant's transaction number. */
export const RedemptionBody = z.object({
  code: z.string().trim().regex(/^\d{18}$/, '付款码应为 18 位数字'),
  orderFen: z.number().int().positive('订单金额应大于 0').max(100_000_000),
  txnNo: z.string().trim().min(1, '请填写交易号').max(64),
});

/** A merchant's application. */
export const MerchantApplication = z.object({
  name: z.string().trim().min(2, '请填写商户名称').max(80),
  creditCode: z.string().trim().length(18, '统一社会信用代码应为 18 位'),
  category: CategoryEnum,
  aboveQuota: z.boolean(),
  stores: z.array(z.string().trim().min(1).max(120)).min(1, '至少填写一个门店').max(50),
});

/** A cashier account opened by the merchant's manager. */
export const CashierBody = z.object({
  username: z.string().trim().regex(/^[a-z][a-z0-9_]{2,31}$/, '用户名为 3–32 位小写字母、数字或下划线，以字母开头'),
  displayName: z.string().trim().min(1, '请输入姓名').max(40),
  password: z.string().min(1, '请输入初始密码').max(128),
});

/** A claimed voucher, as the claim answers it. */
export const ClaimedVoucher = z.object({ voucherId: z.number().int(), round: z.number().int(), label: z.string(), category: z.string(), expiresAt: z.string() });

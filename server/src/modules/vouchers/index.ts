/** Government consumption vouchers (政府消费券, 交政办发〔2022〕13号): the module's manifest and only public surface. */
import { z } from 'zod';
import { defineModule } from '../../core/module.js';
import * as m20261128020000 from './migrations/20261128020000-vouchers.js';
import * as m20261128230000 from './migrations/20261128230000-voucher-claim-batch.js';
import * as m20261130010000 from './migrations/20261130010000-voucher-disqualification-lifts.js';
import * as m20261130050000 from './migrations/20261130050000-voucher-funds.js';
import * as m20261130060000 from './migrations/20261130060000-merchant-entity-type.js';
import * as m20261130070000 from './migrations/20261130070000-merchant-pay-code.js';
import * as m20261130080000 from './migrations/20261130080000-voucher-campaign-end.js';
import { VouchersRepository } from './vouchers.repository.js';
import { vouchersRoutes } from './vouchers.routes.js';
import { DEFAULT_CLAIM_WAIT_MS, VouchersService } from './vouchers.service.js';
import { BODIES } from './vouchers.rules.js';
import { voucherIndicators } from './vouchers.indicators.js';
import { seedVoucherDemo } from './vouchers.demo.js';
import { DEMO_PASSWORD } from '../accounts/index.js';

export { VouchersService } from './vouchers.service.js';
/** What GET /api/vouchers/campaign answers. */
export type Campaign = Awaited<ReturnType<VouchersService['campaign']['view']>>;

export const vouchersModule = defineModule({
  name: 'vouchers',
  label: '消费券',
  auditLabels: { entities: { voucher_campaign: '消费券活动', voucher_round: '发放轮次', voucher_quota: '发放额度', voucher_redemption: '核销', voucher_settlement: '结算报表', voucher_fund_tranche: '资金拨付', voucher_resident: '居民', voucher_merchant: '商户', merchant: '商户', merchant_batch: '商户公布批次', merchant_cashier: '收银员' }, actions: { extend: '延长活动', launch: '启动活动', set_released: '设定投放额度', redeem: '核销', reverse: '冲正', disqualify: '取消资格', lift_disqualification: '恢复资格', status_scheduled: '恢复', status_paused: '暂停', status_ended: '结束' } },
  needs: ['directory', 'accounts', 'workflow'],
  bodies: BODIES,
  migrations: { '20261128020000-vouchers': m20261128020000, '20261128230000-voucher-claim-batch': m20261128230000,
    '20261130010000-voucher-disqualification-lifts': m20261130010000,
    '20261130050000-voucher-funds': m20261130050000,
    '20261130060000-merchant-entity-type': m20261130060000,
    '20261130070000-merchant-pay-code': m20261130070000,
    '20261130080000-voucher-campaign-end': m20261130080000,
  },
  permissions: {
    'vouchers.claim': ['resident'],
    'vouchers.redeem': ['merchant'],
    'vouchers.merchant.apply': ['merchant'],
    'vouchers.merchant.review': ['county_admin', 'department_official'],
    'vouchers.manage': ['county_admin', 'department_official'],
    'vouchers.report.read': ['county_admin', 'department_official'],
    'vouchers.oversight': ['county_admin', 'department_official'],
    // The platform (建行交城支行), the 工信局 and the 财政局 act on the fund and the statements; the service checks which.
    'vouchers.funds': ['department_official'],
  },
  env: z.object({
    /**
     * Start the vouchers' clock at this instant (it then runs in real time), to demonstrate or rehearse a campaign
     * that is not running today. Demo installs default to half an hour into the first round of 2022.
     */
    VOUCHER_CLOCK_START: z.string().datetime({ offset: true, message: 'VOUCHER_CLOCK_START 应为带时区的 ISO 时间，如 2022-06-11T10:30:00+08:00' }).optional(),
    /**
     * Admission by waiting time: once the oldest claim waiting for the database has waited this many milliseconds,
     * new claims are answered at once with 503 and Retry-After (and write nothing), so a slower machine sheds
     * instead of making every phone wait.
     */
    VOUCHER_CLAIM_WAIT_MS: z.coerce.number().int().min(1, 'VOUCHER_CLAIM_WAIT_MS 至少为 1').max(60_000, 'VOUCHER_CLAIM_WAIT_MS 至多 60000').default(DEFAULT_CLAIM_WAIT_MS),
  }),
  // VOUCHER_CLOCK_START, or on a demo install the first round; production uses real time.
  clock: { env: 'VOUCHER_CLOCK_START' },
  create: (ctx) => {
    const now = ctx.now;
    const workflow = ctx.use('workflow');
    // The step log and the notices follow the vouchers' own clock, as its records do.
    const clock = { now, today: ctx.today };
    const ports = { accounts: ctx.use('accounts'), workflow, access: workflow.access(BODIES), unitOfWork: ctx.db.unitOfWork };
    return new VouchersService(new VouchersRepository(ctx.db), ports, clock, { targetMs: ctx.env.VOUCHER_CLAIM_WAIT_MS });
  },
  routes: { prefix: '/api/vouchers', plugin: vouchersRoutes },
  // Expired vouchers free their budget for later rounds.
  jobs: [{ name: 'expire', everyMs: 60_000, run: (s) => s.expireDue() }],
  indicators: voucherIndicators,
  // The campaign (categories, kinds, rounds, quotas) is set up from the document on every install.
  async seed(service, ctx) {
    await service.seedIfEmpty();
    return ctx.clockStart && !ctx.demoClock ? ['', `消费券演练时钟：从 ${ctx.clockStart} 开始走（VOUCHER_CLOCK_START；生产环境使用真实时间）`] : [];
  },
  // A believable campaign on demo installs: merchants, claims, redemptions, leads, statements settled and waiting.
  demo: (service, ctx) => seedVoucherDemo(service, ctx.use('accounts'), ctx.use('directory'), DEMO_PASSWORD, ctx.now, ctx.demoClock),
  workbench: (service, actor) => service.workbench(actor),
});

declare module '../../core/module.js' {
  interface Modules {
    vouchers: typeof vouchersModule;
  }
}

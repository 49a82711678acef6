/** 消费券's live figures for other modules' targets (督办): the document's report totals, read when shown. */
import { fenToYuanText } from '../../core/money.js';
import type { Indicator } from '../../core/module.js';
import type { VouchersService } from './vouchers.service.js';

/** 核销金额 (元, exact from 分) and 核销笔数, county-wide (a campaign has no townships). */
export function voucherIndicators(service: VouchersService): Record<string, Indicator> {
  return {
    redeemed_amount: { label: '消费券核销金额', unit: '元', value: async () => fenToYuanText((await service.report()).total.核销金额) },
    redeemed_count: { label: '消费券核销笔数', unit: '笔', value: async () => (await service.report()).total.核销量 },
  };
}

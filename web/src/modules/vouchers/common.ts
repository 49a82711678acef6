
export const STATUS: Record<string, { text: string; color: string }> = {
  claimed: { text: '可使用', color: 'green' },
  redeemed: { text: '已使用', color: 'default' },
  expired: { text: '已过期', color: 'default' },
};

export type { Campaign } from '../../../../server/src/modules/vouchers/index.js';

export const chinaTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

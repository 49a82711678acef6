/** Amounts arrive in 分; people read 元. */
export const yuan = (fen: number) => (fen / 100).toFixed(2).replace(/\.00$/, '');

export const STATUS: Record<string, { text: string; color: string }> = {
  claimed: { text: '可使用', color: 'green' },
  redeemed: { text: '已使用', color: 'default' },
  expired: { text: '已过期', color: 'default' },
};

export interface Campaign {
  now: string;
  currentRound: { id: number; seq: number; opensAt: string; expiresAt: string } | null;
  nextRound: { seq: number; opens_at: string } | null;
  rounds: { id: number; seq: number; opensAt: string; expiresAt: string; status: string }[];
  categories: {
    id: number;
    code: string;
    name: string;
    scope: string;
    budgetFen: number;
    committedFen: number;
    redeemedFen: number;
    kinds: { id: number; label: string; thresholdFen: number; discountFen: number; released: number; remaining: number }[];
  }[];
}

export const chinaTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

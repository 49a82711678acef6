import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { WhyDisabled, formatMoney, useAction } from '../../platform/kit';
import { RecordItem, RecordList } from '../../platform/RecordList';
import { PaymentCodeModal } from './PaymentCodeModal';
import { ApiError, api, send } from '../../api';
import { useAuth } from '../../auth';
import { STATUS, chinaTime, type Campaign } from './common';
import type { Claimed, ClaimRequest, Mine } from './contract';

/**
 * 主扫: scan (or type) a merchant's code and enter the amount; for the categories other than general vouchers, which are
 * paid only by showing one's own code. The transaction number is made once per payment, so a retry cannot pay twice.
 */
function ScanToPay({ onPaid }: { onPaid: () => void }) {
  const [merchantCode, setMerchantCode] = useState('');
  const [yuan, setYuan] = useState<number | null>(null);
  const [txnNo, setTxnNo] = useState(() => crypto.randomUUID());
  const [paid, setPaid] = useState<SelfPaid | null>(null);
  const [pay, paying] = useAction(async () => {
    const r = await send<SelfPaid>('POST', '/api/vouchers/self-redemptions', { merchantCode, orderFen: Math.round(yuan! * 100), txnNo });
    setPaid(r);
    setTxnNo(crypto.randomUUID());
    onPaid();
    return r;
  });
  return (
    <Card size="small" title="扫商户码付款（餐饮住宿、家电手机、成品油、电商券）">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input aria-label="商户收款码" value={merchantCode} onChange={(e) => setMerchantCode(e.target.value)} placeholder="扫描或输入商户收款码" />
        <Space.Compact block>
          <InputNumber aria-label="消费金额（元）" style={{ width: '100%' }} min={0.01} precision={2} value={yuan} onChange={setYuan} />
          <Space.Addon>元</Space.Addon>
        </Space.Compact>
        <WhyDisabled block reason={!merchantCode ? '请先扫描或输入商户收款码' : !yuan && '请输入消费金额'}>
          <Button type="primary" block loading={paying} disabled={!merchantCode || !yuan} onClick={() => void pay()}>
            使用消费券付款
          </Button>
        </WhyDisabled>
        {paid && <Alert type="success" showIcon title={`${paid.merchant}：优惠 ${formatMoney(paid.discountFen)} 元，应付 ${formatMoney(paid.dueFen)} 元`} />}
      </Space>
    </Card>
  );
}

type SelfPaid = { merchant: string; discountFen: number; dueFen: number };

/** How many times a claim is tried again while the server's queue is full (about a minute in all). */
const MAX_RETRIES = 10;

/** A stable id for this phone, so one device behind many residents can be noticed. */
function deviceId(): string {
  let id = localStorage.getItem('xw_device');
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem('xw_device', id);
  }
  return id;
}

function locate(): Promise<{ lng: number; lat: number }> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error('此设备不支持定位'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }),
      () => reject(new Error('无法获取位置：请允许浏览器使用定位（领券须定位在交城县）')),
      { enableHighAccuracy: true, timeout: 10000 },
    );
  });
}

/** The campaign and the resident's own vouchers, loaded together and again after each claim or payment. */
function useVouchers() {
  const { user, can } = useAuth();
  const [c, setC] = useState<Campaign | null>(null);
  const [mine, setMine] = useState<Mine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      setC(await api<Campaign>('/api/vouchers/campaign'));
      if (can('vouchers.claim')) setMine((await api<{ items: Mine[] }>('/api/vouchers/mine')).items);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user]);
  return { c, mine, error, load };
}

/** When the next round opens, in words, for a page outside the claiming window. */
const nextRoundText = (c: Campaign | null) => (c?.nextRound ? `第 ${c.nextRound.seq} 轮 ${chinaTime(c.nextRound.opens_at)} 开始发放` : '本次活动的各轮已发放完毕');

/** 我的消费券: what the resident holds, the payment code, and (on its own page) paying by a merchant's code. */
function MyVouchers({ mine, onClosed, toClaim }: { mine: Mine[]; onClosed: () => void; toClaim?: () => void }) {
  const [showing, setShowing] = useState(false);
  const usable = mine.some((m) => m.status === 'claimed');
  return (
    <Card
      size="small"
      title="我的消费券"
      extra={
        <WhyDisabled reason={!usable && '没有可用的消费券：领券后可出示付款码'}>
          <Button type="primary" onClick={() => setShowing(true)} disabled={!usable} data-testid="show-code">
            出示付款码
          </Button>
        </WhyDisabled>
      }
    >
      <RecordList
        items={mine}
        rowKey="id"
        emptyText={
          <Space orientation="vertical">
            <span>还没有领取消费券：每周六 10:00 发放新一轮，领取后在这里出示付款码</span>
            {toClaim && (
              <Button type="primary" onClick={toClaim}>
                去领券
              </Button>
            )}
          </Space>
        }
        itemRender={(m) => (
          <RecordItem data-testid="my-voucher" title={`${m.category} ${m.label}`} description={`第 ${m.round} 轮 · ${chinaTime(m.expiresAt)} 失效`} actions={[<Tag key="s" color={STATUS[m.status]?.color}>{STATUS[m.status]?.text ?? m.status}</Tag>]} />
        )}
      />
      <PaymentCodeModal open={showing} before={mine} onClose={() => (setShowing(false), onClosed())} />
    </Card>
  );
}

/** 领消费券 — for residents, on a phone: the round, each kind with its 领取 button, and the vouchers held. */
export function ResidentPage() {
  const { message } = App.useApp();
  const { user, can } = useAuth();
  const { c, mine, error, load } = useVouchers();
  const [busy, setBusy] = useState<number | null>(null);
  /** The kind whose claim waits in the server's queue (503), shown as 排队中 while it is tried again. */
  const [queued, setQueued] = useState<number | null>(null);
  const claim = async (kindId: number) => {
    setBusy(kindId);
    try {
      const where = await locate();
      const body = { kindId, ...where, deviceId: deviceId() };
      // At 10:00 on a Saturday the server may answer 503 (its queue is full): wait and try again, each time a little
      // longer and at a random moment, so thousands of phones do not come back in the same instant.
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await send<Claimed, ClaimRequest>('POST', '/api/vouchers/claims', body);
          message.success(`已领取 ${r.category} ${r.label}`);
          break;
        } catch (e) {
          if (!(e instanceof ApiError) || e.status !== 503 || attempt >= MAX_RETRIES) throw e;
          setQueued(kindId);
          await new Promise((r) => setTimeout(r, Math.min(8000, 1000 * 2 ** attempt) * (0.5 + Math.random())));
        }
      }
      await load();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
      setQueued(null);
    }
  };
  const held = new Set(mine.filter((m) => c?.currentRound && m.round === c.currentRound.seq).map((m) => `${m.category}|${m.label}`));
  /** Why a kind's 领取 is not offered, in the button's tooltip (nothing when it is). */
  const why = (k: { remaining: number }, got: boolean) =>
    !user ? '登录后可领' : !can('vouchers.claim') ? '仅居民账号可领' : !c?.currentRound ? '不在领券时间' : got ? '本轮已领取' : k.remaining <= 0 ? '本轮已领完' : null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>
          “晋情消费·品质生活”政府消费券
        </Typography.Title>
        <Typography.Text type="secondary">{c?.rulesText}</Typography.Text>
        {c?.currentRound ? (
          <Alert style={{ marginTop: 8 }} type="success" showIcon title={`第 ${c.currentRound.seq} 轮发放中，${chinaTime(c.currentRound.expiresAt)} 失效`} />
        ) : (
          c && <Alert style={{ marginTop: 8 }} type="info" showIcon title={`当前不在领券时间：${nextRoundText(c)}`} />
        )}
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {!user && <Alert type="warning" showIcon title="登录后可领券（居民账号）" />}
      {c?.categories.map((cat) => (
        <Card key={cat.id} size="small" title={cat.name} extra={<Typography.Text type="secondary">{cat.scope}</Typography.Text>}>
          <RecordList
            items={cat.kinds}
            rowKey="id"
            emptyText="本次活动未设这一类的券种"
            itemRender={(k) => {
              const got = held.has(`${cat.name}|${k.label}`);
              const reason = why(k, got);
              return (
                <RecordItem
                  data-testid="voucher-kind"
                  title={<span style={{ color: '#b71c1c', fontSize: 16 }}>{k.label}</span>}
                  description={c.currentRound ? `本轮剩余 ${k.remaining} / ${k.released} 张` : ''}
                  actions={[
                    <WhyDisabled key="claim" reason={reason}>
                      <Button type="primary" size="small" disabled={!!reason} loading={busy === k.id} onClick={() => claim(k.id)}>
                        {queued === k.id ? '排队中…' : got ? '已领取' : k.remaining <= 0 && c.currentRound ? '已领完' : '领取'}
                      </Button>
                    </WhyDisabled>,
                  ]}
                />
              );
            }}
          />
        </Card>
      ))}
      {can('vouchers.claim') && <ScanToPay onPaid={() => void load()} />}
      {can('vouchers.claim') && <MyVouchers mine={mine} onClosed={() => void load()} />}
    </Space>
  );
}

/** 我的券 — the vouchers a resident holds, the payment code one tap away, and paying by a merchant's code. */
export function MyVouchersPage() {
  const nav = useNavigate();
  const { c, mine, error, load } = useVouchers();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {error && <Alert type="error" showIcon title={error} />}
      {c && !c.currentRound && <Alert type="info" showIcon title={`当前不在领券时间：${nextRoundText(c)}`} />}
      <MyVouchers mine={mine} onClosed={() => void load()} toClaim={() => nav('/vouchers')} />
      <ScanToPay onPaid={() => void load()} />
    </Space>
  );
}

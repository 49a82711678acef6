import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import { formatMoney, useAction } from '../../platform/kit';
import { PaymentCodeModal } from './PaymentCodeModal';
import { ApiError, api, send } from '../../api';
import { useAuth } from '../../auth';
import { STATUS, chinaTime, type Campaign } from './common';
import type { Mine } from './contract';
import type { Claimed, ClaimRequest } from './contract';


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
        <InputNumber aria-label="消费金额（元）" style={{ width: '100%' }} min={0.01} precision={2} value={yuan} onChange={setYuan} addonAfter="元" />
        <Button type="primary" block loading={paying} disabled={!merchantCode || !yuan} onClick={() => void pay()}>
          使用消费券付款
        </Button>
        {paid && <Alert type="success" showIcon message={`${paid.merchant}：优惠 ${formatMoney(paid.discountFen)} 元，应付 ${formatMoney(paid.dueFen)} 元`} />}
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

/** 领消费券 — for residents, on a phone. */
export function ResidentPage() {
  const { message } = App.useApp();
  const { user, can } = useAuth();
  const [c, setC] = useState<Campaign | null>(null);
  const [mine, setMine] = useState<Mine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [showing, setShowing] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  /** The kind whose claim waits in the server's queue (503), shown as 排队中 while it is tried again. */
  const [queued, setQueued] = useState<number | null>(null);
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
  const showCode = () => setShowing(true);
  const held = new Set(mine.filter((m) => c?.currentRound && m.round === c.currentRound.seq).map((m) => `${m.category}|${m.label}`));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>
          “晋情消费·品质生活”政府消费券
        </Typography.Title>
        <Typography.Text type="secondary">{c?.rulesText}</Typography.Text>
        {c?.currentRound ? (
          <Alert style={{ marginTop: 8 }} type="success" showIcon message={`第 ${c.currentRound.seq} 轮发放中，${chinaTime(c.currentRound.expiresAt)} 失效`} />
        ) : (
          <Alert style={{ marginTop: 8 }} type="info" showIcon message="当前不在领券时间" />
        )}
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      {!user && <Alert type="warning" showIcon message="登录后可领券（居民账号）" />}
      {c?.categories.map((cat) => (
        <Card key={cat.id} size="small" title={cat.name} extra={<Typography.Text type="secondary">{cat.scope}</Typography.Text>}>
          <List
            dataSource={cat.kinds}
            renderItem={(k) => {
              const got = held.has(`${cat.name}|${k.label}`);
              return (
                <List.Item
                  data-testid="voucher-kind"
                  actions={[
                    <Button key="claim" type="primary" size="small" disabled={!c.currentRound || !can('vouchers.claim') || got || k.remaining <= 0} loading={busy === k.id} onClick={() => claim(k.id)}>
                      {queued === k.id ? '排队中…' : got ? '已领取' : k.remaining <= 0 ? '已领完' : '领取'}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta title={<span style={{ color: '#b71c1c', fontSize: 16 }}>{k.label}</span>} description={c.currentRound ? `本轮剩余 ${k.remaining} / ${k.released} 张` : ''} />
                </List.Item>
              );
            }}
          />
        </Card>
      ))}
      {can('vouchers.claim') && <ScanToPay onPaid={() => void load()} />}
      {can('vouchers.claim') && (
        <Card size="small" title="我的消费券" extra={<Button type="primary" onClick={showCode} disabled={!mine.some((m) => m.status === 'claimed')} data-testid="show-code">出示付款码</Button>}>
          {mine.length ? (
            <List
              dataSource={mine}
              renderItem={(m) => (
                <List.Item data-testid="my-voucher">
                  <List.Item.Meta title={`${m.category} ${m.label}`} description={`第 ${m.round} 轮 · ${chinaTime(m.expiresAt)} 失效`} />
                  <Tag color={STATUS[m.status]?.color}>{STATUS[m.status]?.text ?? m.status}</Tag>
                </List.Item>
              )}
            />
          ) : (
            <Empty description="还没有领取消费券" />
          )}
        </Card>
      )}
      <PaymentCodeModal open={showing} before={mine} onClose={() => (setShowing(false), void load())} />
    </Space>
  );
}

import { useEffect, useRef, useState } from 'react';
import { App, Button, Modal, Progress, Result, Typography } from 'antd';
import { QRCodeSVG } from 'qrcode.react';
import { api, send } from '../../api';
import { formatMoney } from '../../platform/kit';
import type { Mine } from './contract';

type Code = { code: string; expiresAt: string; ttlSeconds: number };

/** How often the phone asks whether the till has taken the code (a short poll: a till answers within seconds). */
const POLL_MS = 2000;

/**
 * The payment code on the resident's phone: QR and digits in three groups that fit a 390 px screen, a countdown of
 * the code's own validity (the server's ttlSeconds, counted on the phone, so a rehearsal clock on the server does
 * not matter), a new code when it runs out, and the result once the till has redeemed a voucher: a success screen
 * naming the voucher, the used code gone.
 */
export function PaymentCodeModal({ open, before, onClose }: { open: boolean; before: Mine[]; onClose: () => void }) {
  const { message } = App.useApp();
  const [code, setCode] = useState<Code | null>(null);
  const [left, setLeft] = useState(0);
  const [paid, setPaid] = useState<Mine | null>(null);
  const issuedAt = useRef(0);
  const unused = useRef(new Set<number>());

  const fetchCode = async () => {
    try {
      const c = await send<Code>('POST', '/api/vouchers/payment-codes');
      issuedAt.current = Date.now();
      setCode(c);
      setLeft(c.ttlSeconds);
    } catch (e) {
      message.error((e as Error).message);
      onClose();
    }
  };

  useEffect(() => {
    if (!open) return;
    setPaid(null);
    unused.current = new Set(before.filter((m) => m.status === 'claimed').map((m) => m.id));
    void fetchCode();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  // The countdown, and a fresh code when it runs out.
  useEffect(() => {
    if (!open || !code || paid) return;
    const t = setInterval(() => {
      const rest = Math.max(0, code.ttlSeconds - Math.floor((Date.now() - issuedAt.current) / 1000));
      setLeft(rest);
      if (rest === 0) void fetchCode();
    }, 250);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, code, paid]);

  // Whether the till has used it: a voucher that was unused is now redeemed.
  useEffect(() => {
    if (!open || paid) return;
    const t = setInterval(() => {
      void api<{ items: Mine[] }>('/api/vouchers/mine')
        .then((r) => {
          const used = r.items.find((m) => m.status === 'redeemed' && unused.current.has(m.id));
          if (used) setPaid(used);
        })
        .catch(() => {});
    }, POLL_MS);
    return () => clearInterval(t);
  }, [open, paid]);

  const digits = code?.code.replace(/(\d{6})(?=\d)/g, '$1 ') ?? '';
  return (
    <Modal open={open} footer={null} onCancel={onClose} title={paid ? '支付结果' : '付款码（请收银员扫码）'} centered width={380}>
      {paid ? (
        <Result
          status="success"
          title="支付成功"
          subTitle={`已使用「${paid.category} ${paid.label}」，优惠 ${formatMoney(paid.faceFen)} 元`}
          extra={<Button type="primary" onClick={onClose} data-testid="paid-done">完成</Button>}
          data-testid="paid"
        />
      ) : (
        code && (
          <div style={{ textAlign: 'center' }}>
            <QRCodeSVG value={code.code} size={200} />
            <div data-testid="payment-code" style={{ fontSize: 22, letterSpacing: 1, fontFamily: 'monospace', marginTop: 12, whiteSpace: 'nowrap' }}>
              {digits}
            </div>
            <Progress percent={Math.round((left / code.ttlSeconds) * 100)} showInfo={false} size="small" status={left <= 10 ? 'exception' : 'active'} />
            <Typography.Text type={left <= 10 ? 'danger' : 'secondary'} data-testid="code-countdown">
              {left} 秒后自动刷新；仅可使用一次，系统自动选用本店可用的最优消费券
            </Typography.Text>
            <div>
              <Button style={{ marginTop: 12 }} onClick={() => void fetchCode()}>
                立即刷新
              </Button>
            </div>
          </div>
        )
      )}
    </Modal>
  );
}

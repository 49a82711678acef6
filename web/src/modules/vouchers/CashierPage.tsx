import { useEffect, useState } from 'react';
import { QRCodeSVG } from 'qrcode.react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Result, Space, Tag, Typography } from 'antd';
import { api, send } from '../../api';
import { chinaTime } from './common';
import { formatMoney, useApi } from '../../platform/kit';
import { RecordItem, RecordList } from '../../platform/RecordList';
import { appNow } from '../../platform/clock';
import type { Redemption, TodaysRedemption } from './contract';
import type { RedemptionRequest } from './contract';


// The till's number starts with China's date and time (UTC+8, no summer time), as the merchant's receipts read.
const newTxn = () => `${new Date(appNow() + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(2, 14)}${Math.floor(Math.random() * 1000).toString().padStart(3, '0')}`;

/** 收银核销 — scan (or type) the resident's code, enter the order amount, see the discount. Phone-sized. */
/** 本店收款码: residents scan it to pay (主扫); a general-voucher merchant has none (被扫 only), and the card says so. */
function PayCodeCard() {
  const { data, error } = useApi<{ code: string | null; merchant: string; reason: string | null }>('/api/vouchers/merchants/me/pay-code');
  if (error) return <Alert type="info" showIcon title={error} />;
  if (!data) return null;
  if (!data.code) return <Alert type="info" showIcon title={data.reason} />;
  return (
    <Card size="small" title="本店收款码（顾客扫码付款）">
      <Space align="center">
        <QRCodeSVG value={data.code} size={120} />
        <Typography.Text copyable data-testid="merchant-pay-code">{data.code}</Typography.Text>
      </Space>
    </Card>
  );
}

export function CashierPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [today, setToday] = useState<{ merchant: { name: string }; items: TodaysRedemption[] } | null>(null);
  const [last, setLast] = useState<Redemption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cashiers, setCashiers] = useState<{ id: number; username: string; displayName: string }[] | null>(null);
  const [cashierForm] = Form.useForm();
  const loadCashiers = () =>
    api<{ items: { id: number; username: string; displayName: string }[] }>('/api/vouchers/cashiers')
      .then((r) => setCashiers(r.items))
      .catch(() => setCashiers(null));
  const addCashier = async (v: { username: string; displayName: string; password: string }) => {
    try {
      await send('POST', '/api/vouchers/cashiers', v);
      message.success('已开设收银员账号，首次登录须修改密码');
      cashierForm.resetFields();
      void loadCashiers();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const load = () =>
    api<{ merchant: { name: string }; items: TodaysRedemption[] }>('/api/vouchers/redemptions')
      .then(setToday)
      .catch((e) => setError(e.message));
  useEffect(() => {
    void load();
    void loadCashiers();
    form.setFieldsValue({ txnNo: newTxn() });
  }, [form]);
  const submit = async (v: { code: string; order: number; txnNo: string }) => {
    setLast(null);
    try {
      const r = await send<Redemption, RedemptionRequest>('POST', '/api/vouchers/redemptions', { code: v.code.replace(/\s/g, ''), orderFen: Math.round(v.order * 100), txnNo: v.txnNo });
      setLast(r);
      form.setFieldsValue({ code: '', order: null, txnNo: newTxn() });
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const reverse = async (id: number) => {
    try {
      const r = await send<{ message: string }>('POST', `/api/vouchers/redemptions/${id}/reverse`);
      message.success(r.message);
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 560 }}>
      <Card size="small" title={`收银核销${today ? ` · ${today.merchant.name}` : ''}`}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="code" label="顾客付款码（扫码或输入 18 位数字）" rules={[{ required: true, message: '请扫描或输入付款码' }]}>
            <Input inputMode="numeric" autoFocus data-testid="cashier-code" />
          </Form.Item>
          <Form.Item name="order" label="订单金额（元，统一结算价）" rules={[{ required: true, message: '请输入订单金额' }]}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} inputMode="decimal" data-testid="cashier-amount" />
          </Form.Item>
          <Form.Item name="txnNo" label="交易号" rules={[{ required: true, message: '请填写交易号' }]} extra="同一交易号重复提交只核销一次">
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" data-testid="cashier-submit">
            核销
          </Button>
        </Form>
        {last && (
          <Result
            status="success"
            title={`优惠 ${formatMoney(last.discountFen)} 元，应收 ${formatMoney(last.dueFen ?? last.orderFen - last.discountFen)} 元`}
            subTitle={`订单 ${formatMoney(last.orderFen)} 元 · 交易号 ${last.txnNo}${last.replay ? '（重复提交，未重复核销）' : ''}`}
            data-testid="cashier-result"
          />
        )}
      </Card>
      <PayCodeCard />
      <Card size="small" title="今日核销">
        <RecordList
          items={today?.items ?? []}
          rowKey="id"
          emptyText="今天还没有核销：扫顾客付款码、填写订单金额核销后，显示在这里"
          itemRender={(r) => (
            <RecordItem
              title={`订单 ${formatMoney(r.orderFen)} 元，优惠 ${formatMoney(r.discountFen)} 元`}
              description={`${chinaTime(r.redeemedAt)} · ${r.txnNo}`}
              actions={
                r.status === 'active'
                  ? [
                      <Popconfirm key="rev" title="撤销这笔核销？" onConfirm={() => reverse(r.id)}>
                        <a>撤销</a>
                      </Popconfirm>,
                    ]
                  : [<Tag key="x">已撤销</Tag>]
              }
            />
          )}
        />
        <Typography.Text type="secondary">请主动为消费者开具发票（交政办发〔2022〕13号）。</Typography.Text>
      </Card>
      {cashiers && (
        <Card size="small" title="收银员账号（负责人管理）">
          <RecordList size="small" items={cashiers} rowKey="username" emptyText="还没有收银员账号：在下方开设后，收银员用自己的账号登录核销" itemRender={(c) => `${c.displayName}（${c.username}）`} />
          <Form form={cashierForm} layout="inline" onFinish={addCashier} style={{ marginTop: 8, rowGap: 8 }}>
            <Form.Item name="username" rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,31}$/, message: '小写字母开头，3–32 位' }]}>
              <Input placeholder="用户名" />
            </Form.Item>
            <Form.Item name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
              <Input placeholder="姓名" />
            </Form.Item>
            <Form.Item name="password" rules={[{ required: true, min: 10, message: '至少 10 位，含字母和数字' }]}>
              <Input.Password placeholder="初始密码" autoComplete="new-password" />
            </Form.Item>
            <Button htmlType="submit">开设账号</Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}

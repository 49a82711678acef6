/** One rotation: its steps (from `actions`) and the forms its reader may use (from `forms`), orders with their bids, receipts with inspection, the bank's records, the step log. */
import { Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { send } from '../../api';
import { useData, useRun } from '../../platform/data';
import { formatMoney } from '../../platform/kit';
import { Attachments } from '../../platform/Attachments';
import { StepActions } from '../../platform/StepActions';
import { StepTimeline } from '../../platform/Timeline';
import { BID_CHANNELS, GRADES } from '../../../../server/src/modules/grain/grain.rules.js';
import type { GrainLot, GrainRotationDetail } from './contract';
import { GRAIN, KEYS } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const money = (fen: number | null) => (fen === null ? '—' : `${formatMoney(fen)} 元`);

export function RotationPanel({ id }: { id: number }) {
  const key = [...KEYS.rotations, id];
  const d = useData<GrainRotationDetail>(key, `/api/grain/rotations/${id}`).data;
  const lots = useData<{ items: GrainLot[] }>(KEYS.lots, '/api/grain/lots').data?.items ?? [];
  const { run, pending } = useRun([GRAIN]);
  const [order] = Form.useForm();
  const [receipt] = Form.useForm();
  const [fin] = Form.useForm();
  if (!d) return null;
  const addOrder = async (v: Record<string, string | string[] | number[]>) => {
    const body = { direction: v.direction, quantity: v.direction === 'in' ? v.quantity : null, lotIds: v.direction === 'out' ? v.lotIds : [], bid: v.channel ? { channel: v.channel, date: v.date, bidders: String(v.bidders ?? '').split(/[、,，\s]+/).filter(Boolean), winner: v.winner, price: v.price, resultDoc: v.resultDoc } : null };
    if (await run(() => send('POST', `/api/grain/rotations/${id}/orders`, body), '订单已登记')) order.resetFields();
  };
  const addReceipt = async (v: Record<string, unknown>) => {
    if (await run(() => send('POST', `/api/grain/rotations/${id}/receipts`, v), '已验收入库')) receipt.resetFields();
  };
  const addFinance = async (v: Record<string, unknown>) => {
    if (await run(() => send('POST', `/api/grain/rotations/${id}/finance`, v), '已登记')) fin.resetFields();
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`rotation-${id}`}>
      <StepActions actions={d.actions} invalidates={[GRAIN]} />
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} items={[
        { key: 'note', label: '申请说明', children: d.note },
        { key: 'approval', label: '审批意见', children: d.approvalNote ?? '—' },
        { key: 'rotated', label: '轮换数量', children: d.rotatedWanJin === null ? '—' : `${d.rotatedWanJin} 万斤` },
        { key: 'sale', label: '销售收入', children: money(d.saleFen) },
        { key: 'purchase', label: '采购成本', children: money(d.purchaseFen) },
        { key: 'subsidy', label: '轮换费用补贴', children: `${money(d.subsidyFen)}${d.subsidySource ? `（${d.subsidySource}）` : ''}` },
        { key: 'loss', label: '差价亏损弥补', children: money(d.lossFen) },
      ]} />
      <Card size="small" title="轮出、轮入订单（公开竞价）">
        <ResponsiveTable size="small" rowKey="id" pagination={false} dataSource={d.orders} scroll={{ x: true }} locale={{ emptyText: d.forms.order ? '尚无订单：在下方登记公开竞价的轮出、轮入订单' : '尚无订单：承储企业经公开竞价轮出、轮入后登记在这里' }} columns={[
          { title: '方向', dataIndex: 'directionLabel' },
          { title: '数量（万斤）', dataIndex: 'quantityWanJin' },
          { title: '竞价场所', dataIndex: 'channel' },
          { title: '日期', dataIndex: 'bidDate' },
          { title: '参与单位', dataIndex: 'bidders', render: (v: string[]) => v.join('、') },
          { title: '成交单位', dataIndex: 'winner' },
          { title: '成交价（元/吨）', dataIndex: 'priceFen', render: (v: number) => formatMoney(v) },
          { title: '结果文件', dataIndex: 'resultDoc', render: (v: string, o: { id: number }) => (
            <>
              {v}
              <Attachments entity="grain_bid" entityId={o.id} canAttach={d.forms.order} label="上传结果文件（PDF 或照片）" />
            </>
          ) },
        ]} />
        {d.forms.order && (
          <Form form={order} name={`order-${id}`} layout="inline" style={{ marginTop: 8 }} onFinish={(v) => void addOrder(v)} initialValues={{ direction: 'out', channel: BID_CHANNELS[0] }}>
            <Form.Item name="direction" label="方向"><Select style={{ width: 80 }} options={[{ value: 'out', label: '轮出' }, { value: 'in', label: '轮入' }]} /></Form.Item>
            <Form.Item name="lotIds" label="轮出货位"><Select mode="multiple" style={{ minWidth: 160 }} notFoundContent={`没有在储的${d.grain}货位可轮出`} options={lots.filter((l) => l.status === 'stored' && l.grain === d.grain).map((l) => ({ value: l.id, label: `${l.code}（${l.quantityWanJin} 万斤）` }))} /></Form.Item>
            <Form.Item name="quantity" label="轮入数量（万斤）"><Input style={{ width: 90 }} /></Form.Item>
            <Form.Item name="channel" label="竞价场所"><Select style={{ width: 160 }} options={BID_CHANNELS.map((c) => ({ value: c, label: c }))} /></Form.Item>
            <Form.Item name="date" label="竞价日期"><Input style={{ width: 110 }} placeholder="2022-07-15" /></Form.Item>
            <Form.Item name="bidders" label="参与单位"><Input style={{ width: 180 }} placeholder="以顿号分隔" /></Form.Item>
            <Form.Item name="winner" label="成交单位"><Input style={{ width: 140 }} /></Form.Item>
            <Form.Item name="price" label="成交价（元/吨）"><Input style={{ width: 90 }} /></Form.Item>
            <Form.Item name="resultDoc" label="结果文件"><Input style={{ width: 160 }} /></Form.Item>
            <Button htmlType="submit" loading={pending}>登记订单</Button>
          </Form>
        )}
      </Card>
      <Card size="small" title="入库验收（中等以上方可入库）">
        <ResponsiveTable size="small" rowKey="id" pagination={false} dataSource={d.receipts} locale={{ emptyText: d.forms.receipt ? '尚无入库验收：轮入粮食检验为中等以上后，在下方登记入库' : '尚无入库验收：轮入粮食检验为中等以上、验收入库后显示在这里' }} columns={[
          { title: '订单', dataIndex: 'orderId' },
          { title: '数量（万斤）', dataIndex: 'quantityWanJin' },
          { title: '等级', dataIndex: 'grade' },
          { title: '仓库', dataIndex: 'warehouse' },
          { title: '检验报告', dataIndex: 'inspectionNo' },
          { title: '检验机构', dataIndex: 'inspector' },
          { title: '入库日期', dataIndex: 'receivedOn' },
        ]} />
        {d.forms.receipt && (
          <Form form={receipt} name={`receipt-${id}`} layout="inline" style={{ marginTop: 8 }} onFinish={(v) => void addReceipt(v)} initialValues={{ grade: '三等' }}>
            <Form.Item name="orderId" label="轮入订单" rules={[{ required: true }]}><Select style={{ width: 120 }} notFoundContent="尚无轮入订单：先在上方登记" options={d.orders.filter((o) => o.direction === 'in').map((o) => ({ value: o.id, label: `#${o.id}（${o.quantityWanJin} 万斤）` }))} /></Form.Item>
            <Form.Item name="quantity" label="数量（万斤）" rules={[{ required: true }]}><Input style={{ width: 90 }} /></Form.Item>
            <Form.Item name="grade" label="检验等级"><Select style={{ width: 90 }} options={GRADES.map((g) => ({ value: g, label: g }))} /></Form.Item>
            <Form.Item name="warehouse" label="仓库" rules={[{ required: true }]}><Input style={{ width: 130 }} /></Form.Item>
            <Form.Item name="lotCode" label="新货位编号" rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>
            <Form.Item name="inspectionNo" label="检验报告编号" rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>
            <Form.Item name="inspector" label="检验机构" rules={[{ required: true }]}><Input style={{ width: 160 }} /></Form.Item>
            <Form.Item name="receivedOn" label="入库日期" rules={[{ required: true }]}><Input style={{ width: 110 }} placeholder="2022-08-20" /></Form.Item>
            <Button htmlType="submit" loading={pending}>验收入库</Button>
          </Form>
        )}
      </Card>
      <Card size="small" title="县农发行：轮入贷款与销售款回笼">
        <ResponsiveTable size="small" rowKey="id" pagination={false} dataSource={d.finance} locale={{ emptyText: d.forms.finance ? '尚无记录：在下方登记轮入贷款或销售款回笼' : '尚无贷款与回笼记录：县农发行登记后显示在这里' }} columns={[
          { title: '类别', dataIndex: 'kindLabel' },
          { title: '金额', dataIndex: 'amountFen', render: (v: number) => money(v) },
          { title: '日期', dataIndex: 'date' },
          { title: '凭证', dataIndex: 'reference' },
        ]} />
        {d.forms.finance && (
          <Form form={fin} name={`finance-${id}`} layout="inline" style={{ marginTop: 8 }} onFinish={(v) => void addFinance(v)} initialValues={{ kind: 'loan' }}>
            <Form.Item name="kind"><Select style={{ width: 120 }} options={[{ value: 'loan', label: '轮入贷款' }, { value: 'repayment', label: '销售款回笼' }]} /></Form.Item>
            <Form.Item name="amount" label="金额（元）" rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>
            <Form.Item name="date" label="日期" rules={[{ required: true }]}><Input style={{ width: 110 }} /></Form.Item>
            <Form.Item name="reference" label="凭证" rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
            <Button htmlType="submit" loading={pending}>登记</Button>
          </Form>
        )}
      </Card>
      <Typography.Text strong>办理记录</Typography.Text>
      <StepTimeline entries={d.timeline} />
    </Space>
  );
}

/** 货位: the reserve's lots (a 承储企业 its own), 不宜存 marked and not counted; registering a lot; the ledger in Excel. */
import { Button, Form, Input, InputNumber, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useData, useRun } from '../../platform/data';
import { GRADES, GRAINS } from '../../../../server/src/modules/grain/grain.rules.js';
import type { GrainLot } from './contract';
import { GRAIN, KEYS } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

export function LotsTab() {
  const lots = useData<{ items: GrainLot[] }>(KEYS.lots, '/api/grain/lots');
  const [form] = Form.useForm();
  const { run, pending } = useRun([GRAIN]);
  const add = async (v: Record<string, unknown>) => {
    if (await run(() => send('POST', '/api/grain/lots', { ...v, enterpriseUsername: v.enterpriseUsername || null }), '货位已登记')) form.resetFields();
  };
  const unfit = (l: GrainLot) => run(() => send('POST', `/api/grain/lots/${l.id}/unfit`, { reason: '经检验不宜继续储存' }), '已标记不宜存');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space><a href="/api/grain/lots.xlsx">导出货位台账（Excel）</a></Space>
      <ResponsiveTable size="small" rowKey="id" scroll={{ x: true }} dataSource={lots.data?.items ?? []} locale={{ emptyText: '尚无货位：在下方「登记货位」登记后显示在这里' }} columns={[
        { title: '货位', dataIndex: 'code', render: (v: string, l: GrainLot) => <>{v}{l.demo && <Tag style={{ marginInlineStart: 4 }}>演示</Tag>}</> },
        { title: '品种', dataIndex: 'grain' },
        { title: '数量（万斤）', dataIndex: 'quantityWanJin' },
        { title: '等级', dataIndex: 'grade' },
        { title: '入库年份', dataIndex: 'yearStored' },
        { title: '仓库', dataIndex: 'warehouse' },
        { title: '承储企业', dataIndex: 'enterpriseName' },
        { title: '状态', dataIndex: 'statusLabel', render: (v: string, l: GrainLot) => <Space size={4}><Tag color={l.status === 'stored' ? 'green' : 'orange'}>{v}</Tag>{l.unfit && <Tag color="red">不宜存（不计入规模）</Tag>}</Space> },
        { title: '轮空期', dataIndex: 'gapDays', render: (v: number | null, l: GrainLot) => (v === null ? '—' : <Tag color={l.risk === '高风险' ? 'red' : l.risk === '关注' ? 'orange' : 'default'}>{v} 天 {l.risk}</Tag>) },
        { title: '', key: 'op', render: (_: unknown, l: GrainLot) => l.status === 'stored' && !l.unfit && <Popconfirm title="标记为不宜存？该货位将不计入储备规模" onConfirm={() => void unfit(l)}><Button size="small">不宜存</Button></Popconfirm> },
      ]} />
      <Typography.Title level={5}>登记货位</Typography.Title>
      <Form form={form} name="lot-add" layout="inline" onFinish={(v) => void add(v)} initialValues={{ grain: '小麦', grade: '三等', yearStored: 2022 }}>
        <Form.Item name="code" label="货位编号" rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>
        <Form.Item name="grain" label="品种"><Select style={{ width: 90 }} options={GRAINS.map((g) => ({ value: g, label: g }))} /></Form.Item>
        <Form.Item name="quantity" label="数量（万斤）" rules={[{ required: true }]}><Input style={{ width: 100 }} placeholder="如 150" /></Form.Item>
        <Form.Item name="grade" label="等级"><Select style={{ width: 90 }} options={GRADES.map((g) => ({ value: g, label: g }))} /></Form.Item>
        <Form.Item name="yearStored" label="入库年份"><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="warehouse" label="仓库" rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
        <Form.Item name="enterpriseName" label="承储企业" rules={[{ required: true }]}><Input style={{ width: 160 }} /></Form.Item>
        <Form.Item name="enterpriseUsername" label="企业账号"><Input style={{ width: 110 }} placeholder="可不填" /></Form.Item>
        <Button type="primary" htmlType="submit" loading={pending}>登记</Button>
      </Form>
    </Space>
  );
}

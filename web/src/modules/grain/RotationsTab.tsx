/** 轮换: the rotations with each one's steps, orders, receipts and step log (RotationPanel); the centre's 轮换申请. */
import { Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useData, useRun } from '../../platform/data';
import { GRAINS, MODES } from '../../../../server/src/modules/grain/grain.rules.js';
import type { GrainDashboard, GrainRotation } from './contract';
import { GRAIN, KEYS } from './keys';
import { RotationPanel } from './RotationPanel';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const color = (s: string) => (s === 'closed' ? 'green' : s === 'rejected' ? 'red' : 'blue');

export function RotationsTab() {
  const list = useData<{ items: GrainRotation[] }>(KEYS.rotations, '/api/grain/rotations');
  const mayApply = useData<GrainDashboard>(KEYS.dashboard, '/api/grain/dashboard?year=2022').data?.reserve.mayApply ?? false;
  const [form] = Form.useForm();
  const { run, pending } = useRun([GRAIN]);
  const apply = async (v: Record<string, unknown>) => {
    if (await run(() => send('POST', '/api/grain/rotations', { ...v, year: 2022, enterpriseUsername: v.enterpriseUsername || null, shareReason: v.shareReason || null }), '轮换申请已提交')) form.resetFields();
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <a href="/api/grain/rotations.xlsx">导出轮换台账（Excel）</a>
      <ResponsiveTable size="small" rowKey="id" scroll={{ x: true }} dataSource={list.data?.items ?? []} expandable={{ expandedRowRender: (r: GrainRotation) => <RotationPanel id={r.id} /> }} locale={{ emptyText: mayApply ? '尚无轮换：在下方提交轮换申请' : '尚无轮换：县粮食和物资储备中心提交轮换申请后显示在这里' }} columns={[
        { title: '编号', dataIndex: 'id' },
        { title: '年度', dataIndex: 'year' },
        { title: '品种', dataIndex: 'grain', render: (v: string, r: GrainRotation) => <>{v}{r.demo && <Tag style={{ marginInlineStart: 4 }}>演示</Tag>}</> },
        { title: '计划（万斤）', dataIndex: 'plannedWanJin' },
        { title: '方式', dataIndex: 'mode' },
        { title: '承储企业', dataIndex: 'enterpriseName' },
        { title: '占储备总量', dataIndex: 'sharePercent', render: (v: string, r: GrainRotation) => <>{v}%{r.shareReason && <Typography.Text type="secondary">（{r.shareReason}）</Typography.Text>}</> },
        { title: '状态', dataIndex: 'statusLabel', render: (v: string, r: GrainRotation) => <Tag color={color(r.status)}>{v}</Tag> },
      ]} />
      {mayApply && <Typography.Title level={5}>轮换申请（县粮食和物资储备中心）</Typography.Title>}
      {mayApply && <Form form={form} name="rotation-apply" layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => void apply(v)} initialValues={{ grain: '小麦', mode: MODES[0] }}>
        <Space wrap>
          <Form.Item name="grain" label="品种"><Select style={{ width: 100 }} options={GRAINS.map((g) => ({ value: g, label: g }))} /></Form.Item>
          <Form.Item name="quantity" label="轮换数量（万斤）" rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>
          <Form.Item name="mode" label="方式"><Select style={{ width: 120 }} options={MODES.map((m) => ({ value: m, label: m }))} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="enterpriseName" label="承储企业" rules={[{ required: true }]}><Input style={{ width: 220 }} /></Form.Item>
          <Form.Item name="enterpriseUsername" label="企业账号"><Input style={{ width: 140 }} placeholder="可不填" /></Form.Item>
        </Space>
        <Form.Item name="note" label="申请说明" rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="shareReason" label="比例说明（本年轮换超过储备总量 30% 时必填）"><Input.TextArea rows={2} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={pending}>提交申请</Button>
      </Form>}
    </Space>
  );
}

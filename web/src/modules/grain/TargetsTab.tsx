/** 指标任务: the targets per township, marked 指导性; the indicator types; one target entered by hand; the ledger in Excel. */
import { Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { INDICATOR_KINDS } from '../../../../server/src/modules/grain/grain.rules.js';
import type { Unit } from '../directory/contract';
import type { GrainIndicator, GrainTarget } from './contract';
import { KEYS } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

export function TargetsTab() {
  const { can } = useAuth();
  const targets = useData<{ items: GrainTarget[] }>(KEYS.targets, '/api/grain/targets?year=2022').data?.items ?? [];
  const indicators = useData<{ items: GrainIndicator[] }>([...KEYS.targets, 'indicators'], '/api/grain/indicators').data?.items ?? [];
  const units = useData<{ items: Unit[] }>(['directory', 'units'], '/api/directory/units').data?.items ?? [];
  const { run, pending } = useRun([KEYS.targets]);
  const [kind] = Form.useForm();
  const [one] = Form.useForm();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <a href="/api/grain/targets.xlsx?year=2022">导出指标任务台账（Excel）</a>
      <ResponsiveTable size="small" rowKey="id" scroll={{ x: true }} dataSource={targets} locale={{ emptyText: can('grain.office') ? '2022 年尚无指标任务：在下方逐条录入，或在「导入指标任务表」中导入' : '2022 年尚无指标任务：县农业农村局录入或导入后显示在这里' }} columns={[
        { title: '乡（镇）', dataIndex: 'township' },
        { title: '指标', dataIndex: 'indicator' },
        { title: '目标值', dataIndex: 'value', render: (v: string, t: GrainTarget) => `${v} ${t.unit}` },
        { title: '性质', dataIndex: 'nature', render: (v: string) => <Tag>{v}</Tag> },
        { title: '来源', dataIndex: 'origin' },
        { title: '录入人', dataIndex: 'enteredBy' },
      ]} />
      <Typography.Text strong>指标类型：{indicators.map((i) => `${i.name}（${i.unit}）`).join('、') || '尚无'}</Typography.Text>
      {can('grain.office') && (
        <>
          <Form form={kind} name="indicator-add" layout="inline" onFinish={(v) => void run(() => send('POST', '/api/grain/indicators', v), '已添加').then((ok) => ok && kind.resetFields())} initialValues={{ kind: 'sown_area' }}>
            <Form.Item name="name" label="新指标类型" rules={[{ required: true }]}><Input style={{ width: 160 }} placeholder="如 小麦播种面积" /></Form.Item>
            <Form.Item name="kind"><Select style={{ width: 140 }} options={Object.entries(INDICATOR_KINDS).map(([value, label]) => ({ value, label }))} /></Form.Item>
            <Button htmlType="submit" loading={pending}>添加</Button>
          </Form>
          <Form form={one} name="target-enter" layout="inline" onFinish={(v) => void run(() => send('POST', '/api/grain/targets', { ...v, year: 2022 }), '已录入').then((ok) => ok && one.resetFields())}>
            <Form.Item name="townshipId" label="乡（镇）" rules={[{ required: true }]}><Select style={{ width: 130 }} notFoundContent="正在读取乡（镇）" options={units.filter((u) => u.kind === 'township').map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
            <Form.Item name="indicatorId" label="指标" rules={[{ required: true }]}><Select style={{ width: 160 }} notFoundContent="尚无指标类型：先在上方添加" options={indicators.map((i) => ({ value: i.id, label: i.name }))} /></Form.Item>
            <Form.Item name="value" label="目标值" rules={[{ required: true }]}><Input style={{ width: 110 }} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={pending}>录入</Button>
          </Form>
        </>
      )}
    </Space>
  );
}

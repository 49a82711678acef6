/** 进度填报: a township reports each indicator by season (a second report of a season corrects it); the ledger in Excel. */
import { Button, Form, Input, Select, Space } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { REPORT_SEASONS } from '../../../../server/src/modules/grain/grain.rules.js';
import type { GrainIndicator, GrainReport } from './contract';
import { KEYS } from './keys';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

export function ReportsTab() {
  const { can } = useAuth();
  const reports = useData<{ items: GrainReport[] }>([...KEYS.targets, 'reports'], '/api/grain/reports?year=2022').data?.items ?? [];
  const indicators = useData<{ items: GrainIndicator[] }>([...KEYS.targets, 'indicators'], '/api/grain/indicators').data?.items ?? [];
  const { run, pending } = useRun([KEYS.targets]);
  const [form] = Form.useForm();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <a href="/api/grain/reports.xlsx?year=2022">导出进度填报台账（Excel）</a>
      <ResponsiveTable size="small" rowKey="id" scroll={{ x: true }} dataSource={reports} locale={{ emptyText: can('grain.report') ? '2022 年尚无进度填报：在下方按指标、时段填报' : '2022 年尚无进度填报：各乡（镇）按时段填报后显示在这里' }} columns={[
        { title: '乡（镇）', dataIndex: 'township' },
        { title: '指标', dataIndex: 'indicator' },
        { title: '时段', dataIndex: 'season' },
        { title: '数值', dataIndex: 'value', render: (v: string, r: GrainReport) => `${v} ${r.unit}` },
        { title: '说明', dataIndex: 'note' },
        { title: '填报人', dataIndex: 'reportedBy' },
      ]} />
      {can('grain.report') && (
        <Form form={form} name="report" layout="inline" onFinish={(v) => void run(() => send('POST', '/api/grain/reports', { ...v, year: 2022, note: v.note || null }), '已填报').then((ok) => ok && form.resetFields())} initialValues={{ season: REPORT_SEASONS[0] }}>
          <Form.Item name="indicatorId" label="指标" rules={[{ required: true }]}><Select style={{ width: 160 }} notFoundContent="尚无指标类型：县农业农村局添加后可填报" options={indicators.map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))} /></Form.Item>
          <Form.Item name="season" label="时段"><Select style={{ width: 110 }} options={REPORT_SEASONS.map((s) => ({ value: s, label: s }))} /></Form.Item>
          <Form.Item name="value" label="数值" rules={[{ required: true }]}><Input style={{ width: 110 }} /></Form.Item>
          <Form.Item name="note" label="说明"><Input style={{ width: 180 }} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={pending}>填报</Button>
        </Form>
      )}
    </Space>
  );
}

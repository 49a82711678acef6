/** 报表: the reporting schedule with who is late; a village or township reports its own, pre-filled from the registry. */
import { useState } from 'react';
import { Button, Input, Space, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import { REPORT_SCHEDULE_TEXT } from '../../../../server/src/modules/toilets/toilets.rules.js';
import type { ToiletScheduleItem } from './contract';
import { TOILETS } from './HouseholdPanel';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

export function ReportsTab() {
  const { user, can } = useAuth();
  const schedule = useData<{ items: ToiletScheduleItem[] }>([...TOILETS, 'schedule'], '/api/toilets/reports/schedule');
  const [note, setNote] = useState('');
  const { run } = useRun([TOILETS]);
  const submit = (kind: string, period: string) => void run(() => send<{ late: boolean }>('POST', '/api/toilets/reports', { kind, period, note }), (r) => (r.late ? '已报送（逾期）' : '已报送'));
  const reports = can('toilets.report');
  const mine = (x: ToiletScheduleItem) => reports && x.unitId === user?.unitId;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{REPORT_SCHEDULE_TEXT}。报表数据由台账自动生成。</Typography.Text>
      {reports && <Input aria-label="报送说明" placeholder="本期工作说明（可选）" value={note} onChange={(e) => setNote(e.target.value)} style={{ maxWidth: 480 }} />}
      <ResponsiveTable size="small" rowKey={(x) => `${x.kind}|${x.unitId}|${x.period}`} scroll={{ x: true }} dataSource={schedule.data?.items ?? []} locale={{ emptyText: '还没有要报送的报表：村里有改厕户开工后，按上面的日程逐期列出' }} columns={[
        { title: '报表', dataIndex: 'name' },
        { title: '单位', dataIndex: 'unit' },
        { title: '期次', dataIndex: 'period' },
        { title: '截止', dataIndex: 'due' },
        { title: '状态', dataIndex: 'state', render: (v: string, x: ToiletScheduleItem) => <Tag color={x.submittedAt ? (x.late ? 'orange' : 'green') : x.late ? 'red' : 'blue'}>{v}</Tag> },
        {
          title: '',
          render: (_: unknown, x: ToiletScheduleItem) => (
            <Space>
              {mine(x) && !x.submittedAt && <Button size="small" type="primary" onClick={() => submit(x.kind, x.period)}>报送</Button>}
              {x.kind === 'monthly' && <a href={`/api/toilets/villages/${x.unitId}/roster.xlsx`}>花名册</a>}
            </Space>
          ),
        },
      ]} />
    </Space>
  );
}

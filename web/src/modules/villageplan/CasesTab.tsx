import { Descriptions, Space, Tag } from 'antd';
import { useAuth } from '../../auth';
import { OpenCaseForm } from './OpenCaseForm';
import { StepActions } from '../../platform/StepActions';
import { StepTimeline } from '../../platform/Timeline';
import { useData } from '../../platform/data';
import type { PlanCase, PlanCaseDetail } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const KEY = ['villageplan', 'cases'] as const;
const STATE_COLORS: Record<string, string> = { done: 'green', running: 'blue', soon: 'orange', overdue: 'red' };

/** One plan's steps (the server's actions), deadlines and step log. */
function CaseDetailPanel({ id }: { id: number }) {
  const { data } = useData<PlanCaseDetail>([...KEY, id], `/api/villageplan/cases/${id}`);
  if (!data) return null;
  return (
    <>
      <StepActions actions={data.actions} invalidates={[KEY, ['villageplan', 'dashboard']]} />
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }}>
        <Descriptions.Item label="规划编制单位">{`${data.unitName}（${data.unitQualification}，${data.unitGrade}）`}</Descriptions.Item>
        <Descriptions.Item label="编制工作组">{data.members.map((m) => `${m.kindLabel}：${m.name}`).join('；')}</Descriptions.Item>
        <Descriptions.Item label="村内公示期满">{data.noticeLastDay ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="批复">{data.approvalNo ? `${data.approvalNo}（${data.approvedOn}）` : '—'}</Descriptions.Item>
        <Descriptions.Item label="实施评估到期">{data.evaluationDue ?? '—'}</Descriptions.Item>
      </Descriptions>
      <StepTimeline entries={data.timeline} />
    </>
  );
}

/** The plan cases with their step, deadlines (临期/逾期) and, opened, their steps and log. */
export function CasesTab() {
  const { can } = useAuth();
  const { data, loading } = useData<{ items: PlanCase[] }>(KEY, '/api/villageplan/cases');
  return (
    <>
      <Space wrap>
        {can('villageplan.township') && <OpenCaseForm />}
        <a href="/api/villageplan/cases.xlsx">导出村庄规划编制台账（Excel）</a>
      </Space>
      <ResponsiveTable<PlanCase>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: can('villageplan.township') ? '尚无村庄规划编制：村庄列入应编清单后，点「组织编制」' : '尚无村庄规划编制：乡（镇）组织编制后显示在这里' }}
        expandable={{ expandedRowRender: (c) => <CaseDetailPanel id={c.id} /> }}
        columns={[
          { title: '乡（镇）', dataIndex: 'township' },
          { title: '规划', dataIndex: 'name', cardTitle: true },
          { title: '状态', dataIndex: 'statusLabel' },
          { title: '期限', render: (_, c) => c.deadlines.map((d) => <Tag key={d.code} color={STATE_COLORS[d.state]}>{`${d.label} ${d.due} ${d.stateLabel}`}</Tag>) },
        ]}
      />
    </>
  );
}

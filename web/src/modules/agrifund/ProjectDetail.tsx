import { Descriptions, Drawer, Steps, Tag, Typography } from 'antd';
import { StepActions } from '../../platform/StepActions';
import { StepTimeline } from '../../platform/Timeline';
import { useData, type DataKey } from '../../platform/data';
import { wan4, type FundProjectDetail } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

export const PROJECTS: DataKey = ['agrifund', 'projects'];
const REFRESH: readonly DataKey[] = [PROJECTS, ['agrifund', 'requests'], ['agrifund', 'payments'], ['agrifund', 'kpis'], ['agrifund', 'tree']];

type Milestone = FundProjectDetail['milestones'][number];

/** One project: its steps (the server's actions), its milestones with their payment steps, payments and step log. */
export function ProjectDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { data } = useData<FundProjectDetail>([...PROJECTS, id], `/api/agrifund/projects/${id}`);
  const keys = [...REFRESH, [...PROJECTS, id]];
  return (
    <Drawer open size={Math.min(760, window.innerWidth)} onClose={onClose} title={data?.name ?? '项目'}>
      {data && (
        <>
          <Steps size="small" orientation="vertical" type="dot" current={data.stepIndex} items={STEP_NAMES.map((t) => ({ title: t }))} style={{ display: window.innerWidth < 600 ? 'none' : undefined, marginBottom: 12 }} />
          <Typography.Paragraph>
            当前：<Tag color="blue">{data.stepLabel}</Tag>
          </Typography.Paragraph>
          <StepActions actions={data.actions} invalidates={keys} />
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }}>
            <Descriptions.Item label="乡（镇）、村">{`${data.township}${data.village ? ` ${data.village}` : ''}`}</Descriptions.Item>
            <Descriptions.Item label="资金安排子项">{`${data.itemCode} ${data.itemName}`}</Descriptions.Item>
            <Descriptions.Item label="实施单位">{data.implementingUnit}</Descriptions.Item>
            <Descriptions.Item label="安排资金">{`${wan4(data.amountWan)} 万元`}</Descriptions.Item>
            <Descriptions.Item label="已核实进度对应">{`${wan4(data.verifiedWan)} 万元`}</Descriptions.Item>
            <Descriptions.Item label="已拨付">{`${wan4(data.paidWan)} 万元`}</Descriptions.Item>
            <Descriptions.Item label="绩效目标">{data.targets}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>计划进度节点</Typography.Title>
          <ResponsiveTable<Milestone>
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="seq"
            pagination={false}
            dataSource={data.milestones}
            locale={{ emptyText: '申报时未填写计划进度节点：没有节点就无从申请拨付' }}
            columns={[
              { title: '节点', render: (_, m) => `${m.seq}. ${m.name}` },
              { title: '计划日期', dataIndex: 'dueDate' },
              { title: '拨付比例', render: (_, m) => `${m.sharePct}%（${wan4(m.shareWan)} 万元）` },
              { title: '状态', render: (_, m) => (m.verifiedAt ? <Tag color="green">已核实</Tag> : m.reportedAt ? <Tag color="orange">{`已申请 ${wan4(m.requestWan ?? '0')} 万元`}</Tag> : <Tag>未申请</Tag>) },
              { title: '办理', render: (_, m) => <StepActions actions={m.actions} invalidates={keys} size="small" /> },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 12 }}>拨付记录</Typography.Title>
          <ResponsiveTable
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.payments}
            locale={{ emptyText: '尚无拨付：进度节点经主管部门核实后，财政部门拨付的款项记在这里' }}
            columns={[
              { title: '节点', dataIndex: 'seq' },
              { title: '金额（万元）', dataIndex: 'amountWan', render: (v: string) => wan4(v) },
              { title: '经办', dataIndex: 'by' },
              { title: '时间', dataIndex: 'at', render: (v: string) => v.slice(0, 10) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 12 }}>资金来源（本项目所属子项）</Typography.Title>
          {data.sources.length ? (
            <Typography.Paragraph data-testid="project-sources">
              {data.sources.map((x) => `${x.levelName}·${x.yearName}·${x.stockName} ${wan4(x.amountWan)} 万元`).join('；')}
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph type="secondary">本子项尚未录入资金来源（在「分配」中录入）</Typography.Paragraph>
          )}
          <Typography.Title level={5} style={{ marginTop: 12 }}>办理记录</Typography.Title>
          <StepTimeline entries={data.timeline} />
        </>
      )}
    </Drawer>
  );
}

const STEP_NAMES = ['项目申报', '评审', '可研', '初设', '批复', '政府采购', '开工', '进度', '验收', '结算报账', '绩效评价'];

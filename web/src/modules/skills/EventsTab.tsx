/** 比赛项目: the 40 events with their managing units, the timeline, the preparatory group, preliminaries against the minimums. */
import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import { useData } from '../../platform/data';
import { RecordList } from '../../platform/RecordList';
import type { SkillEvent, SkillOverview } from './contract';
import { SKILLS } from './SkillsPage';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const LABELS: Record<string, string> = { issued: '印发', preliminaryFrom: '县级初赛起', preliminaryTo: '县级初赛止', videoDeadline: '视频报送截止', registrationCloses: '报名截止', finalFrom: '市级决赛起', finalTo: '市级决赛止' };

export function EventsTab() {
  const events = useData<{ items: SkillEvent[] }>([...SKILLS, 'events'], '/api/skills/events');
  const o = useData<SkillOverview>([...SKILLS, 'overview'], '/api/skills/overview').data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {o && (
        <>
          <Typography.Text>
            县级初赛项目 {o.preliminaries} 个（不少于 {o.minPreliminaries} 个）
            {o.preliminaries < o.minPreliminaries ? <Tag color="red" style={{ marginLeft: 8 }}>未达要求</Tag> : <Tag color="green" style={{ marginLeft: 8 }}>已达要求</Tag>}
          </Typography.Text>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} items={Object.entries(o.timeline).map(([k, v]) => ({ key: k, label: LABELS[k] ?? k, children: v }))} />
          <ResponsiveTable size="small" rowKey="unit" pagination={false} scroll={{ x: true }} dataSource={o.units} locale={{ emptyText: '尚无主管单位：比赛项目确定主管单位后按单位统计初赛' }} columns={[
            { title: '主管单位', dataIndex: 'unit' },
            { title: '主管项目', dataIndex: 'events' },
            { title: '组织初赛', dataIndex: 'preliminaries' },
            { title: '三分之二（向上取整）', dataIndex: 'minimum', render: (m: number, u: { preliminaries: number }) => <Tag color={u.preliminaries >= m ? 'green' : 'orange'}>{m}</Tag> },
          ]} />
        </>
      )}
      <Button href="/api/skills/registrations.xlsx">导出报名汇总表（Excel）</Button>
      <ResponsiveTable size="small" rowKey="id" pagination={false} scroll={{ x: true }} dataSource={events.data?.items ?? []} loading={events.loading} locale={{ emptyText: '尚无比赛项目：大赛办公室按实施方案录入后显示在这里' }} columns={[
        { title: '编号', dataIndex: 'code', responsive: ['md'] },
        { title: '项目', dataIndex: 'name', render: (v: string, e: SkillEvent) => <>{v}{e.pair && <Tag style={{ marginLeft: 4 }}>双人</Tag>}{e.team && <Tag style={{ marginLeft: 4 }}>团体</Tag>}</> },
        { title: '类别', dataIndex: 'categoryName', responsive: ['lg'] },
        { title: '主管单位', dataIndex: 'managing', responsive: ['md'] },
        { title: '选拔方式', dataIndex: 'modeName' },
        { title: '进度', dataIndex: 'stageName' },
        { title: '报名', dataIndex: 'registrations' },
        { title: '推荐', dataIndex: 'recommended', render: (n: number, e: SkillEvent) => (e.stage !== 'open' && n < 3 && e.mode !== 'city' ? <Tag color="orange">{n}</Tag> : n) },
      ]} />
      {o && (
        <RecordList size="small" header="交城县第三届职业技能大赛筹备组（办公室设在县创业就业服务中心）" items={o.group} emptyText="筹备组名单尚未录入" itemRender={(g) => `${g.role}：${g.name}（${g.post}）`} />
      )}
    </Space>
  );
}

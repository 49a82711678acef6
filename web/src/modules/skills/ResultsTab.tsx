/** 名次与团体总分: the office enters each event's final ranks (never shared); awards, cash, titles, grades and the team score follow. */
import { useState } from 'react';
import { Alert, Button, Card, InputNumber, Select, Space, Statistic, Table } from 'antd';
import { send } from '../../api';
import { formatMoney } from '../../platform/kit';
import { useData, useRun } from '../../platform/data';
import { RecordList } from '../../platform/RecordList';
import { ResponsiveTable } from '../../platform/ResponsiveTable';
import type { SkillEvent, SkillRegistration, SkillResults } from './contract';
import { SKILLS } from './SkillsPage';
import { TeamStanding } from './TeamStanding';

type Award = SkillResults['awards'][number];

export function ResultsTab() {
  const events = useData<{ items: SkillEvent[] }>([...SKILLS, 'events'], '/api/skills/events');
  const rankable = (events.data?.items ?? []).filter((e) => e.canRank);
  const [picked, setPicked] = useState<number | undefined>();
  const event = rankable.find((e) => e.id === picked) ?? rankable[0];
  const regs = useData<{ items: SkillRegistration[] }>([...SKILLS, 'registrations', event?.id ?? 0], event ? `/api/skills/registrations?eventId=${event.id}` : null);
  const res = useData<SkillResults>([...SKILLS, 'results'], '/api/skills/results').data;
  const { run, pending } = useRun([SKILLS]);
  const [ranks, setRanks] = useState<Record<number, number | null>>({});
  const finalists = (regs.data?.items ?? []).filter((r) => r.status === 'recommended');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {res && (
        <Space wrap size="large">
          <Statistic title="团体总分（交城县代表队）" value={res.team.total} />
          <Statistic title="参赛人数分" value={res.team.contestantPoints} />
          <Statistic title="选手名次分" value={res.team.rankPoints} />
          <Statistic title="个人奖金合计（元）" value={formatMoney(res.cashFen)} />
        </Space>
      )}
      {event && (
        <Card size="small" title="录入市级决赛名次（选手排名原则上不并列）">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Select aria-label="录入名次的项目" style={{ width: 260 }} value={event.id} onChange={(v) => { setPicked(v); setRanks({}); }} options={rankable.map((e) => ({ value: e.id, label: `${e.name}（${e.stageName}）` }))} />
            <Table size="small" rowKey="id" pagination={false} scroll={{ x: 'max-content' }} dataSource={finalists} loading={regs.loading} locale={{ emptyText: '该项目尚无推荐参加市级决赛的选手' }} columns={[
              { title: '选手', render: (_: unknown, r: SkillRegistration) => (r.partnerName ? `${r.name}、${r.partnerName}` : r.name) },
              { title: '单位', dataIndex: 'unitName', responsive: ['md'] },
              { title: '名次', render: (_: unknown, r: SkillRegistration) => <InputNumber aria-label={`名次-${r.name}`} min={1} max={999} value={ranks[r.id] ?? r.finalRank} onChange={(v) => setRanks((x) => ({ ...x, [r.id]: v }))} /> },
            ]} />
            <Button type="primary" loading={pending} onClick={() => void run(() => send('PUT', `/api/skills/events/${event.id}/ranks`, { ranks: finalists.map((r) => ({ registrationId: r.id, rank: ranks[r.id] ?? r.finalRank })).filter((x) => x.rank) }), '已录入名次')}>保存名次</Button>
          </Space>
        </Card>
      )}
      {res && <TeamStanding res={res} />}
      <Button href="/api/skills/results.xlsx">导出获奖名单（Excel）</Button>
      <ResponsiveTable<Award> size="small" rowKey="registrationId" scroll={{ x: true }} dataSource={res?.awards ?? []} locale={{ emptyText: '尚无获奖名单：录入市级决赛名次后，按名次列出奖项、奖金和称号' }} columns={[
        { title: '项目', dataIndex: 'eventName' },
        { title: '名次', dataIndex: 'rank' },
        { title: '选手', dataIndex: 'name' },
        { title: '奖项', dataIndex: 'prize' },
        { title: '奖金（元）', dataIndex: 'cashFen', render: (f: number) => formatMoney(f) },
        { title: '称号', dataIndex: 'title', render: (v: string | null) => v ?? '—', responsive: ['md'] },
        { title: '晋升等级', dataIndex: 'grade', render: (v: string | null) => v ?? '—', responsive: ['md'] },
        { title: '优秀指导教练', dataIndex: 'coach', render: (v: string | null) => v ?? '—', responsive: ['lg'] },
        { title: '名次分', dataIndex: 'points' },
      ]} />
      {res && <Alert type="info" showIcon title="文字有歧义处的取舍" description={<RecordList size="small" items={res.readings} emptyText="没有需要说明的取舍" itemRender={(x) => x} />} />}
    </Space>
  );
}

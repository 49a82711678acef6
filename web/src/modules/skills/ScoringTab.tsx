/** 初赛与选拔: a managing unit's events — the mode, preliminary scores and the top 3 (a tie at the cut decided and recorded), or video picks. */
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { send } from '../../api';
import { useData, useRun } from '../../platform/data';
import { WhyDisabled } from '../../platform/kit';
import { RECOMMEND_COUNT, VIDEO_MAX_SECONDS } from '../../../../server/src/modules/skills/skills.rules.js';
import { EVENT_MODES } from '../../../../server/src/modules/skills/skills.states.js';
import type { SkillEvent, SkillRegistration, SkillSelection } from './contract';
import { SKILLS } from './SkillsPage';

export function ScoringTab() {
  const events = useData<{ items: SkillEvent[] }>([...SKILLS, 'events'], '/api/skills/events');
  const mine = (events.data?.items ?? []).filter((e) => e.mine);
  const [picked, setPicked] = useState<number | undefined>();
  const event = mine.find((e) => e.id === picked) ?? mine[0];
  const regs = useData<{ items: SkillRegistration[] }>([...SKILLS, 'registrations', event?.id ?? 0], event ? `/api/skills/registrations?eventId=${event.id}` : null);
  const sel = useData<SkillSelection>([...SKILLS, 'selection', event?.id ?? 0], event && event.mode !== 'city' ? `/api/skills/events/${event.id}/selection` : null);
  const { run, pending } = useRun([SKILLS]);
  const [scores, setScores] = useState<Record<number, number | null>>({});
  const [chosen, setChosen] = useState<number[]>([]);
  const [decision, setDecision] = useState('');
  useEffect(() => {
    setScores({});
    setChosen([]);
    setDecision('');
  }, [event?.id]);
  if (!event) return <Typography.Text type="secondary">您所在单位不是任何比赛项目的主管单位。</Typography.Text>;
  const entries = (regs.data?.items ?? []).filter((r) => r.status !== 'registered');
  const open = event.stage === 'open';
  const s = sel.data;
  const saveScores = () =>
    run(() => send('PUT', `/api/skills/events/${event.id}/scores`, { scores: entries.map((r) => ({ registrationId: r.id, score: Math.round(((scores[r.id] ?? (r.score ?? 0) / 100) as number) * 100) })) }), '已保存初赛成绩');
  const pickable = event.mode === 'video' ? entries.filter((r) => r.videoSeconds !== null).map((r) => r.id) : (s?.tied ?? []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="比赛项目" style={{ width: 260 }} value={event.id} onChange={setPicked} options={mine.map((e) => ({ value: e.id, label: `${e.name}（${e.stageName}）` }))} />
        <WhyDisabled reason={!open && `${event.stageName}，不能再更改选拔方式`}>
          <Select aria-label="选拔方式" style={{ width: 240 }} value={event.mode} disabled={!open} onChange={(mode) => void run(() => send('POST', `/api/skills/events/${event.id}/mode`, { mode }), '已更改选拔方式')} options={Object.entries(EVENT_MODES).map(([value, label]) => ({ value, label }))} />
        </WhyDisabled>
      </Space>
      {event.mode === 'video' && <Alert type="info" showIcon title={`视频选拔：选手于 7 月 10 日前报送不超过 ${VIDEO_MAX_SECONDS / 60} 分钟的参赛视频；评审时不显示姓名；择优选定 ${RECOMMEND_COUNT} 名。`} />}
      {event.mode === 'city' && <Alert type="warning" showIcon title="该项目由市级直接组织，县级不开展参赛选手征集。" />}
      {event.tieDecision && <Alert type="success" showIcon title={`并列处理决定：${event.tieDecision}`} />}
      {event.mode !== 'city' && (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={entries}
          loading={regs.loading}
          locale={{ emptyText: event.mode === 'video' ? '尚无单位确认的报名：报名单位确认后，选手报送的参赛视频在这里评审' : '尚无单位确认的报名：报名单位确认后在这里录入初赛成绩' }}
          columns={[
            { title: '选手', dataIndex: 'name' },
            { title: '状态', dataIndex: 'statusLabel', render: (v: string, r: SkillRegistration) => <Tag color={r.status === 'recommended' ? 'green' : 'default'}>{v}</Tag> },
            ...(event.mode === 'preliminary'
              ? [{ title: '初赛成绩', render: (_: unknown, r: SkillRegistration) => (open ? <InputNumber aria-label={`成绩-${r.name}`} min={0} max={100} step={0.01} value={scores[r.id] ?? (r.score === null ? null : r.score / 100)} onChange={(v) => setScores((x) => ({ ...x, [r.id]: v }))} /> : r.score === null ? '—' : (r.score / 100).toFixed(2)) }]
              : [
                  {
                    title: '视频',
                    render: (_: unknown, r: SkillRegistration) =>
                      r.videoSeconds === null ? (
                        '未报送'
                      ) : (
                        <a href={`/api/skills/registrations/${r.id}/video`} target="_blank" rel="noreferrer">
                          观看（{Math.floor(r.videoSeconds / 60)} 分 {r.videoSeconds % 60} 秒）
                        </a>
                      ),
                  },
                ]),
            { title: '推荐', render: (_: unknown, r: SkillRegistration) => (s?.sure.includes(r.id) ? <Tag color="green">前三名</Tag> : s?.tied.includes(r.id) ? <Tag color="red">并列</Tag> : null) },
            ...(open ? [{ title: '选定', render: (_: unknown, r: SkillRegistration) => (pickable.includes(r.id) ? <Checkbox aria-label={`选定-${r.name}`} checked={chosen.includes(r.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, r.id] : c.filter((x) => x !== r.id)))} /> : null) }] : []),
          ]}
        />
      )}
      {open && event.mode !== 'city' && (
        <Space orientation="vertical">
          {event.mode === 'preliminary' && <WhyDisabled reason={!entries.length && '尚无单位确认的报名，没有成绩可保存'}><Button onClick={() => void saveScores()} loading={pending} disabled={!entries.length}>保存初赛成绩</Button></WhyDisabled>}
          {s && s.tied.length > 0 && (
            <>
              <Alert type="warning" showIcon title={`成绩并列：第 ${s.sure.length + 1} 名起 ${s.tied.length} 人同分，须从中选定 ${s.open} 人并记录决定（如加赛结果）`} />
              <Input aria-label="并列处理决定" placeholder="并列处理决定" value={decision} onChange={(e) => setDecision(e.target.value)} />
            </>
          )}
          <Button type="primary" loading={pending} onClick={() => void run(() => send('POST', `/api/skills/events/${event.id}/select`, { chosen: event.mode === 'video' ? chosen : [...(s?.sure ?? []), ...chosen], decision: decision || null }), '已确定推荐人选')}>
            确定推荐参加市级决赛的 {RECOMMEND_COUNT} 名选手
          </Button>
        </Space>
      )}
    </Space>
  );
}

/** 团体名次: the county team among the teams the city announces (交政办发〔2022〕15号 八、（二）); the office enters the others' points. */
import { useState } from 'react';
import { Button, Card, Input, InputNumber, Select, Space, Typography } from 'antd';
import { send } from '../../api';
import { useRun } from '../../platform/data';
import { WhyDisabled } from '../../platform/kit';
import { ResponsiveTable } from '../../platform/ResponsiveTable';
import type { SkillResults } from './contract';
import { SKILLS } from './SkillsPage';

type Standing = SkillResults['standing'][number];
type Row = { team: string; county: boolean; contestantPoints: number | null; rankPoints: number | null };

const blank = (): Row => ({ team: '', county: true, contestantPoints: null, rankPoints: null });

export function TeamStanding({ res }: { res: SkillResults }) {
  const { run, pending } = useRun([SKILLS]);
  const [rows, setRows] = useState<Row[] | null>(null);
  const editing = rows !== null;
  const set = (i: number, patch: Partial<Row>) => setRows((r) => (r ?? []).map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const incomplete = (rows ?? []).some((r) => r.team.trim().length < 2 || r.contestantPoints === null || r.rankPoints === null);
  const save = async () => {
    const teams = (rows ?? []).map((r) => ({ team: r.team.trim(), county: r.county, contestantPoints: r.contestantPoints ?? 0, rankPoints: r.rankPoints ?? 0 }));
    if (await run(() => send('PUT', '/api/skills/teams', { teams }), '已录入各参赛队得分')) setRows(null);
  };
  const start = () => {
    const entered: Row[] = res.standing.filter((t) => t.team !== res.team.team).map((t) => ({ team: t.team, county: t.county, contestantPoints: t.contestantPoints, rankPoints: t.rankPoints }));
    setRows(entered.length ? entered : [blank()]);
  };
  return (
    <Card size="small" title="团体名次（仅县市区参赛队排序；部门、行业参赛队颁发组织奖）" extra={res.mayEnterTeams && !editing && <Button size="small" onClick={start}>{res.othersEntered ? '修改各队得分' : '录入市里公布的各队得分'}</Button>}>
      <ResponsiveTable<Standing>
        size="small"
        rowKey="team"
        pagination={false}
        dataSource={res.standing}
        locale={{ emptyText: `本县代表队名次待市里公布各参赛队得分后得出${res.mayEnterTeams ? '：点「录入市里公布的各队得分」' : '（由大赛筹备组办公室录入）'}` }}
        columns={[
          { title: '名次', dataIndex: 'place', render: (p: number | null) => p ?? '—' },
          { title: '参赛队', dataIndex: 'team', render: (t: string) => (t === res.team.team ? <Typography.Text strong>{t}</Typography.Text> : t) },
          { title: '类别', dataIndex: 'county', render: (c: boolean) => (c ? '县市区' : '部门（行业）') },
          { title: '参赛人数分', dataIndex: 'contestantPoints' },
          { title: '名次分', dataIndex: 'rankPoints' },
          { title: '团体总分', dataIndex: 'total' },
          { title: '团体奖', dataIndex: 'award' },
        ]}
      />
      {editing && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Typography.Text type="secondary">按市里公布的结果逐队录入（本县代表队的得分由各项目决赛名次自动计算，不必录入）；总分相同时先比参赛人数分，再比名次分。</Typography.Text>
          {rows.map((r, i) => (
            <Space key={i} wrap>
              <Input aria-label={`参赛队-${i + 1}`} placeholder="参赛队，如 文水县代表队" value={r.team} onChange={(e) => set(i, { team: e.target.value })} style={{ width: 200 }} />
              <Select aria-label={`类别-${i + 1}`} value={r.county} onChange={(v) => set(i, { county: v })} options={[{ value: true, label: '县市区' }, { value: false, label: '部门（行业）' }]} style={{ width: 130 }} />
              <InputNumber aria-label={`参赛人数分-${i + 1}`} placeholder="参赛人数分" min={0} max={999} value={r.contestantPoints} onChange={(v) => set(i, { contestantPoints: v })} />
              <InputNumber aria-label={`名次分-${i + 1}`} placeholder="名次分" min={0} max={9999} value={r.rankPoints} onChange={(v) => set(i, { rankPoints: v })} />
              <Button size="small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>删除</Button>
            </Space>
          ))}
          <Space wrap>
            <Button onClick={() => setRows([...rows, blank()])}>添加参赛队</Button>
            <WhyDisabled reason={incomplete && '每队须填写名称（至少 2 个字）、参赛人数分和名次分'}>
              <Button type="primary" loading={pending} disabled={incomplete} onClick={() => void save()}>保存各队得分</Button>
            </WhyDisabled>
            <Button onClick={() => setRows(null)}>取消</Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}

/** 看板: registrations by event, unit and identity type; events short of 3 recommended; documents missing; prizes and money. */
import { Space, Statistic, Typography } from 'antd';
import { BarsChart } from '../../platform/EChart';
import { formatMoney } from '../../platform/kit';
import { useData } from '../../platform/data';
import type { SkillEvent, SkillRegistration, SkillResults } from './contract';
import { SKILLS } from './SkillsPage';

const countBy = <T,>(rows: readonly T[], key: (r: T) => string) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};

export function DashboardTab() {
  const events = useData<{ items: SkillEvent[] }>([...SKILLS, 'events'], '/api/skills/events').data?.items ?? [];
  const regs = useData<{ items: SkillRegistration[] }>([...SKILLS, 'registrations'], '/api/skills/registrations').data?.items ?? [];
  const res = useData<SkillResults>([...SKILLS, 'results'], '/api/skills/results').data;
  const withRegs = events.filter((e) => e.registrations > 0);
  const byUnit = countBy(regs, (r) => r.unitName || '（匿名评审中）');
  const byIdentity = countBy(regs, (r) => r.identityName);
  const short = events.filter((e) => e.stage !== 'open' && e.mode !== 'city' && e.recommended < 3);
  const prizes = countBy(res?.awards ?? [], (a) => a.prize);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap size="large">
        <Statistic title="报名" value={regs.length} />
        <Statistic title="证明材料未齐" value={regs.filter((r) => r.missing.length).length} />
        <Statistic title="推荐不足 3 名的项目" value={short.length} />
        <Statistic title="奖金合计（元）" value={res ? formatMoney(res.cashFen) : '—'} />
        <Statistic title="团体总分" value={res?.team.total ?? 0} />
      </Space>
      {short.length > 0 && <Typography.Text type="warning">推荐不足 3 名：{short.map((e) => `${e.name}（${e.recommended}）`).join('、')}</Typography.Text>}
      <Typography.Text strong>各项目报名与推荐</Typography.Text>
      <BarsChart categories={withRegs.map((e) => e.name)} series={[{ name: '报名', data: withRegs.map((e) => e.registrations) }, { name: '已确认', data: withRegs.map((e) => e.confirmed) }, { name: '推荐', data: withRegs.map((e) => e.recommended) }]} />
      <Typography.Text strong>各单位报名</Typography.Text>
      <BarsChart categories={byUnit.map(([k]) => k)} series={[{ name: '报名', data: byUnit.map(([, n]) => n) }]} />
      <Typography.Text strong>身份类别</Typography.Text>
      <BarsChart categories={byIdentity.map(([k]) => k)} series={[{ name: '报名', data: byIdentity.map(([, n]) => n) }]} height={200} />
      {prizes.length > 0 && (
        <>
          <Typography.Text strong>获奖</Typography.Text>
          <BarsChart categories={prizes.map(([k]) => k)} series={[{ name: '人（组）', data: prizes.map(([, n]) => n) }]} height={200} />
        </>
      )}
    </Space>
  );
}

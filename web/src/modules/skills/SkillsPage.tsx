/**
 * 职业技能大赛 (交政办发〔2022〕15号): contestants register (on a phone) or their unit does; the unit confirms; each
 * managing unit holds a preliminary or selects by video; the office enters the city final's ranks and reads the awards
 * and the county team's score. Tabs follow permissions; a record's buttons are its `actions`. One file per tab.
 */
import { Tabs } from 'antd';
import { useAuth } from '../../auth';
import { PageHeader } from '../../platform/kit';
import { SOURCE } from '../../../../server/src/modules/skills/skills.rules.js';
import { ConfirmTab } from './ConfirmTab';
import { DashboardTab } from './DashboardTab';
import { EventsTab } from './EventsTab';
import { RegisterTab } from './RegisterTab';
import { ResultsTab } from './ResultsTab';
import { ScoringTab } from './ScoringTab';

export const SKILLS = ['skills'] as const;

export function SkillsPage() {
  const { can } = useAuth();
  const tab = new URLSearchParams(window.location.search).get('tab') ?? (can('skills.confirm') ? 'confirm' : 'register');
  const staff = can('skills.confirm');
  return (
    <>
      <PageHeader title="职业技能大赛">
        依据《交城县推荐第三届吕梁市职业技能大赛参赛选手实施方案》（{SOURCE}）：报名（7月15日截止）→ 单位确认盖章 → 主管单位初赛取前三名或视频选拔（7月10日前）→ 市级决赛名次 → 奖项与团体总分。
      </PageHeader>
      <Tabs
        defaultActiveKey={tab}
        items={[
          ...(can('skills.register') ? [{ key: 'register', label: '报名', children: <RegisterTab /> }] : []),
          ...(staff ? [{ key: 'confirm', label: '单位确认', children: <ConfirmTab /> }] : []),
          ...(can('skills.manage') ? [{ key: 'scoring', label: '初赛与选拔', children: <ScoringTab /> }] : []),
          { key: 'events', label: '比赛项目', children: <EventsTab /> },
          ...(staff ? [{ key: 'results', label: '名次与团体总分', children: <ResultsTab /> }] : []),
          ...(staff ? [{ key: 'dashboard', label: '看板', children: <DashboardTab /> }] : []),
        ]}
      />
    </>
  );
}

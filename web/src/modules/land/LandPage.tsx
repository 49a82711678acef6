import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { DashboardTab } from './DashboardTab';
import { ParcelsTab } from './ParcelsTab';
import { PlanTab } from './PlanTab';

const TABS = ['plan', 'parcels', 'dashboard'];

/** 国有建设用地供应计划 (交政发〔2022〕2号): the plan's caps, the parcels and their steps, the dashboard with the map. */
export function LandPage() {
  const [params, setParams] = useSearchParams();
  const tab = TABS.includes(params.get('tab') ?? '') ? params.get('tab')! : 'plan';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams({ tab: k })}
      items={[
        { key: 'plan', label: '供应计划', children: <PlanTab /> },
        { key: 'parcels', label: '地块', children: <ParcelsTab /> },
        { key: 'dashboard', label: '看板', children: <DashboardTab /> },
      ]}
    />
  );
}

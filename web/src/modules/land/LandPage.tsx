import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { DashboardTab } from './DashboardTab';
import { ImportTab } from './ImportTab';
import type { LandMeta } from './contract';
import { useData } from '../../platform/data';
import { ParcelsTab } from './ParcelsTab';
import { PlanTab } from './PlanTab';

const TABS = ['plan', 'parcels', 'dashboard', 'import'];

/** 国有建设用地供应计划 (交政发〔2022〕2号): the plan's caps, the parcels and their steps, the dashboard with the map. */
export function LandPage() {
  const [params, setParams] = useSearchParams();
  const meta = useData<LandMeta>(['land', 'meta'], '/api/land/meta');
  const tab = TABS.includes(params.get('tab') ?? '') ? params.get('tab')! : 'plan';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams({ tab: k })}
      items={[
        { key: 'plan', label: '供应计划', children: <PlanTab /> },
        { key: 'parcels', label: '地块', children: <ParcelsTab /> },
        { key: 'dashboard', label: '看板', children: <DashboardTab /> },
        // Importing the 见网络版 parcel tables is the 县自然资源局's (the server's meta says who may enter parcels).
        ...(meta.data?.mayEnter ? [{ key: 'import', label: '导入', children: <ImportTab /> }] : []),
      ]}
    />
  );
}

import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth';
import { useData } from '../../platform/data';
import { AuditsTab } from './AuditsTab';
import type { FundMeta } from './contract';
import { DashboardTab } from './DashboardTab';
import { ImportTab } from './ImportTab';
import { PaymentsTab } from './PaymentsTab';
import { ProjectsTab } from './ProjectsTab';
import { TreeTab } from './TreeTab';

const TABS = ['tree', 'projects', 'payments', 'dashboard', 'audits', 'import'];

/** 涉农资金统筹整合 (交政办发〔2022〕8号): the allocation, the projects, payments, the KPIs. */
export function AgrifundPage() {
  const [params, setParams] = useSearchParams();
  const { can } = useAuth();
  const meta = useData<FundMeta>(['agrifund', 'meta'], '/api/agrifund/meta');
  const tab = TABS.includes(params.get('tab') ?? '') ? params.get('tab')! : 'projects';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams({ tab: k })}
      items={[
        { key: 'tree', label: '分配', children: <TreeTab /> },
        { key: 'projects', label: '项目', children: <ProjectsTab /> },
        { key: 'payments', label: '拨付', children: <PaymentsTab /> },
        { key: 'dashboard', label: '看板', children: <DashboardTab /> },
        // The 审计部门 and the 县纪委监委 (the server says who reads the 抽查).
        ...(meta.data?.mayReadAudits ? [{ key: 'audits', label: '审计抽查', children: <AuditsTab /> }] : []),
        // The county's project authorities import the 见网络版 tables (the permission the server grants; it checks the bureau).
        ...(can('agrifund.import') ? [{ key: 'import', label: '导入', children: <ImportTab /> }] : []),
      ]}
    />
  );
}

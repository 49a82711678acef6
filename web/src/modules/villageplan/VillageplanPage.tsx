import { Tabs } from 'antd';
import { CasesTab } from './CasesTab';
import { ClassificationTab } from './ClassificationTab';
import { DashboardTab } from './DashboardTab';
import { EvaluationsTab } from './EvaluationsTab';

/** 村庄规划编制 (交政发〔2022〕3号): classification, the plan cases, progress. */
export function VillageplanPage() {
  return (
    <Tabs
      items={[
        { key: 'cases', label: '规划编制', children: <CasesTab /> },
        { key: 'classification', label: '村庄分类与应编清单', children: <ClassificationTab /> },
        { key: 'evaluations', label: '现有规划评估', children: <EvaluationsTab /> },
        { key: 'dashboard', label: '编制进度', children: <DashboardTab /> },
      ]}
    />
  );
}

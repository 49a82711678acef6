/**
 * 粮食生产及耕地资源利用指导性计划指标 (交政办函〔2022〕13号): the targets per township (指导性; the table is 见网络版, so
 * entered or imported by 县农业农村局), the townships' seasonal reports, and target against reported. One file per tab.
 */
import { Tabs } from 'antd';
import { useAuth } from '../../auth';
import { PageHeader } from '../../platform/kit';
import { TARGETS_SOURCE } from '../../../../server/src/modules/grain/grain.rules.js';
import { ComparisonTab } from './ComparisonTab';
import { ImportTab } from './ImportTab';
import { ReportsTab } from './ReportsTab';
import { TargetsTab } from './TargetsTab';

export function TargetsPage() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader title="粮食生产及耕地资源利用指标">
        依据《关于下达交城县 2022 年粮食生产及耕地资源利用指导性计划指标任务的通知》（{TARGETS_SOURCE}）。指标为指导性计划；指标任务表见网络版附件，由县农业农村局录入或导入，各乡（镇）按时段填报进度。
      </PageHeader>
      <Tabs
        items={[
          { key: 'compare', label: '目标与进度', children: <ComparisonTab /> },
          { key: 'targets', label: '指标任务', children: <TargetsTab /> },
          ...(can('grain.office') ? [{ key: 'import', label: '导入指标任务表', children: <ImportTab /> }] : []),
          { key: 'reports', label: '进度填报', children: <ReportsTab /> },
        ]}
      />
    </>
  );
}

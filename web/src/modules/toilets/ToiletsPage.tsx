/**
 * 农村改厕 (交政办发〔2022〕10号): villages survey; townships choose households within their quota, put the list on notice,
 * sign agreements, record works and acceptance; the 县农业农村局 checks and pays; everyone reports on the schedule.
 * The server decides who may do what: a household's buttons are its `actions`, the tabs follow the user's permissions.
 * Works on a phone for village staff. One file per tab.
 */
import { Tabs } from 'antd';
import { useAuth } from '../../auth';
import { PageHeader } from '../../platform/kit';
import { ExportButton } from '../../platform/ExportButton';
import { useData } from '../../platform/data';
import { NOTICE_DAYS, PAYMENT_PERCENTS_TEXT } from '../../../../server/src/modules/toilets/toilets.rules.js';
import type { Unit } from '../directory/contract';
import { DashboardTab } from './DashboardTab';
import { ImportTab } from './ImportTab';
import { PaymentsTab } from './PaymentsTab';
import { ReportsTab } from './ReportsTab';
import { SelectionTab } from './SelectionTab';
import { SurveyTab } from './SurveyTab';

export function ToiletsPage() {
  const { can } = useAuth();
  const units = useData<{ items: Unit[] }>(['directory', 'units'], '/api/directory/units');
  const all = units.data?.items ?? [];
  // Staff read the programme's registers; a household (who signs but does not survey) reads its own file only.
  const staff = can('toilets.survey') || !can('toilets.sign');
  // The money and the imports are the townships' and the county's, not the villages' (who report instead).
  const runs = can('toilets.township') || (staff && !can('toilets.report'));
  const tab = new URLSearchParams(window.location.search).get('tab') ?? 'survey';
  return (
    <>
      <PageHeader title="农村改厕" extra={<ExportButton path="/api/exports/toilets/households">导出台账（Excel，已脱敏）</ExportButton>}>
        依据《交城县 2022 年农村改厕工作实施方案》（交政办发〔2022〕10号）：摸底登记 → 确定改厕户（指标内，整村推进优先）→ 公示不少于 {NOTICE_DAYS} 天 → 签订协议 → 施工 → 五方签字验收 → 县抽查 → 按 {PAYMENT_PERCENTS_TEXT} 拨付。
      </PageHeader>
      <Tabs
        defaultActiveKey={tab}
        items={[
          { key: 'survey', label: '摸底与档案', children: <SurveyTab units={all} /> },
          ...(staff ? [{ key: 'select', label: '指标与公示', children: <SelectionTab /> }] : []),
          ...(runs ? [{ key: 'payments', label: '验收与拨付', children: <PaymentsTab units={all} /> }] : []),
          { key: 'reports', label: '报表', children: <ReportsTab /> },
          { key: 'dashboard', label: '看板', children: <DashboardTab /> },
          ...(runs ? [{ key: 'import', label: '导入摸底名册', children: <ImportTab /> }] : []),
        ]}
      />
    </>
  );
}

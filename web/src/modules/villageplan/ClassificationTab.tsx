import { useAuth } from '../../auth';
import { ClassifyForm } from './ClassifyForm';
import { StepActions } from '../../platform/StepActions';
import { useData } from '../../platform/data';
import type { PlanClassification, PlanListItem } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const KEY = ['villageplan', 'classifications'] as const;

/** The villages' classes with the checklist and reason, the bureau's check as the server offers it, and the 应编 list. */
export function ClassificationTab() {
  const { data, loading } = useData<{ items: PlanClassification[] }>(KEY, '/api/villageplan/classifications');
  const list = useData<{ items: PlanListItem[] }>(['villageplan', 'list'], '/api/villageplan/list');
  const { can } = useAuth();
  return (
    <>
      {can('villageplan.township') && <ClassifyForm />}
      <ResponsiveTable<PlanClassification>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: can('villageplan.township') ? '尚未提出村庄分类：点「提出村庄分类」逐村填写类型、条件和理由' : '尚无村庄分类：各乡（镇）提出后显示在这里，由县自然资源局审核' }}
        columns={[
          { title: '乡（镇）', dataIndex: 'township' },
          { title: '村', dataIndex: 'village', cardTitle: true },
          { title: '类型', dataIndex: 'clsLabel' },
          { title: '符合条件', render: (_, c) => c.criteria.filter((x) => x.checked).map((x) => x.label).join('；') || '—' },
          { title: '编制方式', dataIndex: 'routeLabel' },
          { title: '编制时序', dataIndex: 'year' },
          { title: '理由', dataIndex: 'reason' },
          { title: '状态', dataIndex: 'statusLabel' },
          { title: '办理', render: (_, c) => <StepActions actions={c.actions} invalidates={[KEY, ['villageplan', 'list'], ['villageplan', 'dashboard']]} size="small" /> },
        ]}
      />
      <h3>应编综合性和整治类村庄规划清单（<a href="/api/villageplan/list.xlsx">Excel</a>）</h3>
      <ResponsiveTable<PlanListItem>
        scroll={{ x: 'max-content' }}
        rowKey="villageId"
        size="small"
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '应编清单为空：综合性和整治类村庄的分类经县自然资源局审核通过后列入' }}
        columns={[
          { title: '乡（镇）', dataIndex: 'township' },
          { title: '村', dataIndex: 'village', cardTitle: true },
          { title: '类型', dataIndex: 'clsLabel' },
          { title: '编制时序（年）', dataIndex: 'year' },
          { title: '已立项', render: (_, x) => (x.inCase ? '是' : '否') },
        ]}
      />
    </>
  );
}

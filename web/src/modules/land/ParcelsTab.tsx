import { useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import { StepActions } from '../../platform/StepActions';
import { useData } from '../../platform/data';
import { parcelColumns } from './columns';
import type { LandMeta, LandParcel } from './contract';
import { ParcelForm } from './ParcelForm';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const KEYS = [['land'] as const];

/** The year's parcels with their steps (from each row's actions) and the parcels ledger. */
export function ParcelsTab() {
  const meta = useData<LandMeta>(['land', 'meta'], '/api/land/meta');
  const parcels = useData<{ items: LandParcel[] }>(['land', 'parcels'], '/api/land/parcels?year=2022');
  const [adding, setAdding] = useState(false);
  const items = parcels.data?.items ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {/* Entering a parcel is the 县自然资源局's (the server's meta says who may). */}
        {meta.data?.mayEnter && <Button type="primary" onClick={() => setAdding(true)}>登记地块</Button>}
        <a href="/api/land/parcels.xlsx?year=2022">导出地块台账（Excel）</a>
      </Space>
      <ResponsiveTable<LandParcel>
        size="small"
        rowKey="id"
        loading={parcels.loading}
        scroll={{ x: 'max-content' }}
        dataSource={items}
        locale={{ emptyText: meta.data?.mayEnter ? '2022 年尚无地块：点「登记地块」在地图上绘制边界后登记，或在「导入」中导入地块表' : '2022 年尚无地块：县自然资源局登记后显示在这里' }}
        columns={[
          ...parcelColumns<LandParcel>(),
          { title: '状态', render: (_, p) => <>{p.statusLabel}{p.idle && <Tag color="red" style={{ marginLeft: 4 }}>闲置</Tag>}</> },
          { title: '优先保障', render: (_, p) => p.priorities.map((x) => <Tag key={x.code} color="blue">{x.name}</Tag>) },
          { title: '备案', render: (_, p) => <Typography.Text type="secondary">{p.filingBody.name}</Typography.Text> },
          { title: '办理', render: (_, p) => <StepActions actions={p.actions} invalidates={KEYS} size="small" /> },
        ]}
      />
      {adding && meta.data && <ParcelForm meta={meta.data} parcels={items} onClose={() => setAdding(false)} />}
    </Space>
  );
}

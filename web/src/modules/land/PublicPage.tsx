import { Card, Space, Typography } from 'antd';
import { MapView } from '../../platform/MapView';
import { useData } from '../../platform/data';
import { parcelColumns } from './columns';
import type { LandPublicParcel } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

/** 地块公布 (交政发〔2022〕2号 「落实供应计划的地块公布机制」): the published parcels and their results, for anyone. */
export function PublicPage() {
  const { data, loading } = useData<{ items: LandPublicParcel[] }>(['land', 'public'], '/api/land/public?year=2022');
  const items = data?.items ?? [];
  return (
    <Card title="2022 年度国有建设用地供应地块公布">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">依据交政发〔2022〕2号「落实供应计划的地块公布机制」公布；成交后公布受让人与成交价。</Typography.Paragraph>
        <MapView height={360} layers={items.map((p) => ({ id: p.id, geometry: p.boundary, label: p.code }))} />
        <ResponsiveTable<LandPublicParcel>
          size="small"
          rowKey="id"
          loading={loading}
          scroll={{ x: 'max-content' }}
          dataSource={items}
          locale={{ emptyText: '2022 年尚未公布地块：县自然资源局公布供应地块后，地块和成交结果公布在这里' }}
          columns={[
            ...parcelColumns<LandPublicParcel>(),
            { title: '状态', dataIndex: 'statusLabel' },
            { title: '出让公告', render: (_, p) => (p.noticeNo ? `${p.noticeNo}（${p.noticedOn}）` : '—') },
            { title: '受让人', render: (_, p) => p.buyer ?? '—' },
            { title: '成交价（元）', align: 'right', render: (_, p) => p.price ?? '—' },
          ]}
        />
      </Space>
    </Card>
  );
}

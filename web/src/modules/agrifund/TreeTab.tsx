import { Alert, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useData } from '../../platform/data';
import { unitsToWan, wan4, wanUnits, type FundMeta, type FundSource, type FundTree } from './contract';
import { RevisionButton, SourceButton } from './TreeForms';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

type Row = { key: string; code: string; name: string; amountWan: string; committedWan?: string; paidWan?: string; children?: Row[] };

/** The allocation tree as the document prints it, in 万元 to four decimals, with each tie checked and the sources. */
export function TreeTab() {
  const [version, setVersion] = useState<number | null>(null);
  const { data, loading } = useData<FundTree>(['agrifund', 'tree', version], `/api/agrifund/tree${version ? `?version=${version}` : ''}`);
  const sources = useData<{ items: FundSource[] }>(['agrifund', 'sources'], '/api/agrifund/sources');
  const meta = useData<FundMeta>(['agrifund', 'meta'], '/api/agrifund/meta');
  const rows: Row[] = (data?.categories ?? []).map((c) => ({ key: c.code, code: c.code, name: c.name, amountWan: c.amountWan, children: c.items.map((i) => ({ key: i.code, ...i })) }));
  const sum = (data?.categories ?? []).reduce((a, c) => a + wanUnits(c.amountWan), 0);
  const ties = !!data && sum === wanUnits(data.totalWan) && data.categories.every((c) => c.items.reduce((a, i) => a + wanUnits(i.amountWan), 0) === wanUnits(c.amountWan));
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{data ? `${data.year} 年总规模 ${wan4(data.totalWan)} 万元` : ''}</Typography.Text>
        {data && <Tag color={ties ? 'green' : 'red'}>{ties ? `各项合计 ${unitsToWan(sum)} 万元，与总规模相符` : '合计不符'}</Tag>}
        {data && data.versions.length > 1 && (
          <Select size="small" value={data.version} style={{ width: 120 }} onChange={setVersion} options={data.versions.map((v) => ({ value: v, label: v === 1 ? '第 1 版（原始）' : `第 ${v} 版` }))} />
        )}
        <a href={`/api/agrifund/tree.xlsx${version ? `?version=${version}` : ''}`}>导出资金安排表（Excel）</a>
        {/* The county's edits, offered to whom the server says may make them; a revision starts from the newest version. */}
        {data && meta.data?.mayCounty && data.version === Math.max(...data.versions) && <RevisionButton key={data.version} tree={data} />}
        {data && meta.data?.mayCounty && <SourceButton tree={data} meta={meta.data} />}
      </Space>
      {data && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`依据：${data.basis}；${data.note}`} />}
      <ResponsiveTable<Row>
        scroll={{ x: 'max-content' }}
        size="small"
        loading={loading}
        pagination={false}
        dataSource={rows}
        expandable={{ defaultExpandAllRows: true }}
        locale={{ emptyText: data ? `${data.year} 年资金安排尚无类别和子项${meta.data?.mayCounty ? '：点上方「修订资金安排」录入' : '：县里录入后显示在这里'}` : '资金安排尚未录入：县里录入后按类别、子项显示在这里' }}
        columns={[
          { title: '编号', dataIndex: 'code' },
          { title: '名称', dataIndex: 'name', cardTitle: true },
          { title: '安排资金（万元）', dataIndex: 'amountWan', align: 'right', render: (v: string) => wan4(v) },
          { title: '已安排项目（万元）', dataIndex: 'committedWan', align: 'right', render: (v?: string) => (v ? wan4(v) : '') },
          { title: '已拨付（万元）', dataIndex: 'paidWan', align: 'right', render: (v?: string) => (v ? wan4(v) : '') },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>资金来源（省、市、县；当年、结转；存量、增量）</Typography.Title>
      <ResponsiveTable<FundSource>
        scroll={{ x: 'max-content' }}
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={sources.data?.items ?? []}
        locale={{ emptyText: meta.data?.mayCounty ? '尚未录入资金来源：点上方「录入资金来源」按子项登记省、市、县各级资金' : '尚未录入资金来源：县里按子项登记省、市、县各级资金后显示在这里' }}
        columns={[
          { title: '资金安排项', render: (_, s) => `${s.code} ${s.lineName}` },
          { title: '层级', dataIndex: 'levelName' },
          { title: '年度', dataIndex: 'yearName' },
          { title: '存量/增量', dataIndex: 'stockName' },
          { title: '金额（万元）', dataIndex: 'amountWan', align: 'right', render: (v: string) => wan4(v) },
          { title: '该子项已安排项目/已拨付（万元）', render: (_, x) => `${wan4(x.committedWan)} / ${wan4(x.paidWan)}` },
        ]}
      />
    </>
  );
}

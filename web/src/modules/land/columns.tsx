/** The columns every parcel list shows first (the office's list and the public one), written once. */
import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';

type Shown = { code: string; name: string; demo: boolean; location: string; useName: string; area: string; methodName: string };

export function parcelColumns<T extends Shown>(): ColumnsType<T> {
  return [
    { title: '编号', dataIndex: 'code' },
    { title: '名称', render: (_, p) => <>{p.name}{p.demo && <Tag style={{ marginLeft: 4 }}>演示</Tag>}</> },
    { title: '所在地', dataIndex: 'location' },
    { title: '用途', dataIndex: 'useName' },
    { title: '面积（公顷）', dataIndex: 'area', align: 'right' },
    { title: '供应方式', dataIndex: 'methodName' },
  ];
}

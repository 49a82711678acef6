import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import { api, send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import type { NewUnit, Unit, UnitChange } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const KINDS: Record<Unit['kind'], string> = { county: '县', township: '乡镇', village: '村（社区）', department: '县直部门', body: '其他机构' };

/** 组织机构: townships and villages (with official codes), departments and bodies with their short forms. */
export function DirectoryPage() {
  const { can } = useAuth();
  const { data, error } = useData<{ items: Unit[] }>(['directory', 'units'], '/api/directory/units');
  const units = useMemo(() => data?.items ?? [], [data]);
  const [resolveText, setResolveText] = useState('');
  const [resolved, setResolved] = useState<string | null>(null);
  // The unit dialog: closed, adding (unit null) or editing a unit.
  const [dialog, setDialog] = useState<{ unit: Unit | null } | null>(null);
  const [form] = Form.useForm();
  // A unit added or renamed shows wherever units are listed (this page, the users' and notices' dialogs).
  const { run } = useRun([['directory']]);
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const resolve = async () => {
    const r = await api<{ unit: Unit | null }>(`/api/directory/resolve?name=${encodeURIComponent(resolveText)}`).catch((e) => ({ unit: null, error: (e as Error).message }));
    setResolved(r.unit ? `${r.unit.name}（${KINDS[r.unit.kind]}）` : '未知单位');
  };
  const save = async () => {
    const v = await form.validateFields();
    const unit = dialog?.unit ?? null;
    const common = { name: v.name, shortNames: v.shortNames ?? [], note: v.note || null };
    const saved = await run(
      () => (unit ? send<unknown, UnitChange>('PATCH', `/api/directory/units/${unit.id}`, common) : send<unknown, NewUnit>('POST', '/api/directory/units', { ...common, kind: v.kind, code: v.code || null, parentId: v.parentId ?? null })),
      unit ? '已保存' : '已新增',
    );
    if (saved) setDialog(null);
  };
  const open = (unit: Unit | null) => {
    form.resetFields();
    if (unit) form.setFieldsValue(unit);
    setDialog({ unit });
  };
  const table = (kind: Unit['kind']) => (
    <ResponsiveTable
      rowKey="id"
      size="small"
      dataSource={units.filter((u) => u.kind === kind)}
      pagination={{ pageSize: 50 }}
      scroll={{ x: 600 }}
      locale={{ emptyText: `组织机构中还没有${KINDS[kind]}${can('directory.manage') ? '：可点「新增单位」添加' : ''}` }}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '代码', dataIndex: 'code', render: (c) => c ?? '—' },
        ...(kind === 'village' ? [{ title: '所属乡镇', dataIndex: 'parentId', render: (p: number) => byId.get(p)?.name ?? '' }] : []),
        { title: '简称', dataIndex: 'shortNames', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
        { title: '备注', dataIndex: 'note', render: (n) => n ?? '' },
        ...(can('directory.manage')
          ? [{ title: '', width: 60, render: (_: unknown, u: Unit) => <a onClick={() => open(u)}>编辑</a> }]
          : []),
      ]}
    />
  );
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          组织机构
        </Typography.Title>
        <Space wrap>
          <Input placeholder="输入名称或简称，如 县工信局" value={resolveText} onChange={(e) => setResolveText(e.target.value)} onPressEnter={resolve} style={{ width: 220 }} />
          <Button onClick={resolve}>识别</Button>
          {resolved && <Tag color="blue">{resolved}</Tag>}
          <Button href="/api/directory/units.xlsx">导出 Excel</Button>
          {can('directory.manage') && (
            <Button type="primary" onClick={() => open(null)}>
              新增单位
            </Button>
          )}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Tabs
        items={(['township', 'village', 'department', 'body'] as const).map((k) => ({ key: k, label: `${KINDS[k]}（${units.filter((u) => u.kind === k).length}）`, children: table(k) }))}
      />
      <Typography.Text type="secondary">乡镇、村代码来源：国家统计局 2023 年统计用区划代码（截至 2023 年 6 月 30 日）；部门名称与简称取自 2022 年政府公报。</Typography.Text>
      <Modal open={!!dialog} title={dialog?.unit ? `编辑：${dialog.unit.name}` : '新增单位'} onOk={save} onCancel={() => setDialog(null)} okText="保存" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '名称至少 2 个字' }]}>
            <Input />
          </Form.Item>
          {/* Type, parent and code are set when a unit is added; an edit changes its names and note. */}
          {!dialog?.unit && (
            <>
              <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
                <Select options={Object.entries(KINDS).filter(([k]) => k !== 'county').map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="parentId" label="上级单位">
                <Select allowClear showSearch optionFilterProp="label" notFoundContent="没有相符的县或乡镇" options={units.filter((u) => u.kind === 'county' || u.kind === 'township').map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              <Form.Item name="code" label="区划代码" rules={[{ pattern: /^\d{6,12}$/, message: '6–12 位数字' }]}>
                <Input />
              </Form.Item>
            </>
          )}
          <Form.Item name="shortNames" label="简称">
            <Select mode="tags" notFoundContent="输入简称后按回车添加" />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

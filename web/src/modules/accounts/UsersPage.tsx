import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { api, send, type CurrentUser } from '../../api';
import type { Unit } from '../directory/contract';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import type { NewUser, UserChange } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

// A department official belongs to a 县直部门 or to another county body (the 县纪委, a people's organisation).
const NEEDS_UNIT: Record<string, Unit['kind']> = { department_official: 'department', township_official: 'township', village_committee: 'village' };

/** 用户管理: administrators create and edit accounts; a township official sees its own township's accounts. */
export function UsersPage() {
  const { can, roles } = useAuth();
  const list = useData<{ items: CurrentUser[] }>(['accounts', 'users'], '/api/users');
  const users = list.data?.items ?? [];
  const error = list.error;
  // Units only name the choices of the dialog: a role that cannot read them gets an empty list, as before.
  const units = useData<{ items: Unit[] }>(['directory', 'units'], '/api/directory/units').data?.items ?? [];
  const [editing, setEditing] = useState<CurrentUser | 'new' | null>(null);
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form);
  const { run } = useRun([['accounts']]);
  // Seeing a mobile number writes only to the audit trail, which loads afresh whenever its page opens.
  const looker = useRun();
  const manage = can('users.manage');
  const save = async () => {
    const v = await form.validateFields();
    const saved = await run(async () => {
      if (editing === 'new') await send<unknown, NewUser>('POST', '/api/users', { ...v, unitId: v.unitId ?? null, mobile: v.mobile || null });
      else if (editing) await send<unknown, UserChange>('PATCH', `/api/users/${editing.id}`, { displayName: v.displayName, role: v.role, unitId: v.unitId ?? null, active: v.active, ...(v.password ? { password: v.password } : {}) });
    }, '已保存');
    if (saved) setEditing(null);
  };
  const reveal = (u: CurrentUser) =>
    looker.run(async () => {
      const r = await api<{ mobile: string | null }>(`/api/users/${u.id}/mobile`);
      Modal.info({ title: `${u.displayName} 的手机号`, content: `${r.mobile ?? '未登记'}（本次查看已记入审计）` });
    });
  const kind = NEEDS_UNIT[role as string];
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          用户管理
        </Typography.Title>
        <Space>
        <Button href="/api/users.xlsx">导出 Excel</Button>
        {manage && (
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              setEditing('new');
            }}
          >
            新建用户
          </Button>
        )}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <ResponsiveTable
        rowKey="id"
        dataSource={users}
        scroll={{ x: 700 }}
        pagination={{ pageSize: 20 }}
        loading={list.loading}
        locale={{ emptyText: manage ? '尚无用户：点「新建用户」添加' : '没有您可以查看的账号：管理员开设本单位的账号后显示在这里' }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roleLabel' },
          { title: '所属单位', dataIndex: 'unitName', render: (v) => v ?? '—' },
          { title: '手机号', dataIndex: 'mobile', render: (v, u) => (v ? <a onClick={() => reveal(u)}>{v}</a> : '—') },
          { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          ...(manage
            ? [
                {
                  title: '操作',
                  render: (_: unknown, u: CurrentUser) => (
                    <a
                      onClick={() => {
                        form.setFieldsValue({ ...u, password: undefined });
                        setEditing(u);
                      }}
                    >
                      编辑
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={!!editing} title={editing === 'new' ? '新建用户' : '编辑用户'} onOk={save} onCancel={() => setEditing(null)} okText="保存" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ active: true }}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,31}$/, message: '3–32 位小写字母、数字或下划线，以字母开头' }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={roles} notFoundContent="正在读取角色" />
          </Form.Item>
          {kind && (
            <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '该角色须指定所属单位' }]}>
              <Select showSearch optionFilterProp="label" notFoundContent="没有该类单位：先在「组织机构」中添加" options={units.filter((u) => u.kind === kind || (kind === 'department' && u.kind === 'body')).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          )}
          {editing === 'new' && (
            <Form.Item name="mobile" label="手机号" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '手机号格式错误' }]}>
              <Input />
            </Form.Item>
          )}
          <Form.Item name="password" label={editing === 'new' ? '初始密码' : '重置密码（留空不改）'} rules={editing === 'new' ? [{ required: true, message: '请输入初始密码' }] : []} extra="至少 10 位，含字母和数字，不能是常见密码或用户名；用户首次登录须修改">
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="active" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

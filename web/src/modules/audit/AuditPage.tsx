import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Typography } from 'antd';
import { api, qs } from '../../api';
import type { AuditEntry } from '../../contract';


/** 审计日志: every write, who did it and what changed; verification of the hash chain; Excel export. */
export function AuditPage() {
  const [data, setData] = useState<{ items: AuditEntry[]; total: number }>({ items: [], total: 0 });
  const [page, setPage] = useState(1);
  const [entity, setEntity] = useState('');
  const [actor, setActor] = useState('');
  const [verify, setVerify] = useState<{ ok: boolean; checked: number; brokenAt?: { id: number; reason: string } } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const filters = { entity: entity || undefined, actor: actor || undefined };
  useEffect(() => {
    api<{ items: AuditEntry[]; total: number }>(`/api/audit/records?${qs({ ...filters, page, pageSize: 20 })}`)
      .then(setData)
      .catch((e) => setError(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [page, entity, actor]);
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        审计日志
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="对象（如 user、public_notice）" allowClear onSearch={(v) => (setEntity(v), setPage(1))} style={{ width: 240 }} />
        <Input.Search placeholder="操作人用户名" allowClear onSearch={(v) => (setActor(v), setPage(1))} style={{ width: 200 }} />
        <Button onClick={() => api<typeof verify>('/api/audit/verify').then(setVerify)}>校验哈希链</Button>
        <Button href={`/api/audit/records.xlsx?${qs(filters)}`}>导出 Excel</Button>
      </Space>
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={verify.ok ? 'success' : 'error'}
          message={verify.ok ? `审计链完整：共 ${verify.checked} 条` : `审计链在第 ${verify.brokenAt?.id} 号记录处断裂：${verify.brokenAt?.reason}`}
        />
      )}
      {error && <Alert type="error" showIcon message={error} />}
      <Table
        rowKey="id"
        size="small"
        dataSource={data.items}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        expandable={{ expandedRowRender: (r) => <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify({ 修改前: r.before, 修改后: r.after, 请求: r.requestId }, null, 2)}</pre> }}
        columns={[
          { title: '序号', dataIndex: 'id', width: 70 },
          { title: '时间', dataIndex: 'at', render: (t: string) => new Date(t).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
          { title: '操作人', dataIndex: 'actorName' },
          { title: '角色', dataIndex: 'role' },
          { title: '对象', dataIndex: 'entity' },
          { title: '编号', dataIndex: 'entityId' },
          { title: '操作', dataIndex: 'action' },
        ]}
      />
    </Card>
  );
}

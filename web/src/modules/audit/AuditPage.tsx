import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Typography } from 'antd';
import { api, qs, send } from '../../api';
import { useAuth } from '../../auth';
import { useData, useRun } from '../../platform/data';
import type { AuditCheckpoint, AuditEntry } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

/** 审计日志: every write, who did it and what changed; verification of the hash chain; Excel export. */
export function AuditPage() {
  const [page, setPage] = useState(1);
  const [entity, setEntity] = useState('');
  const [actor, setActor] = useState('');
  const [verify, setVerify] = useState<{ ok: boolean; checked: number; brokenAt?: { id: number; reason: string } } | null>(null);
  const { can } = useAuth();
  const [checkpoint, setCheckpoint] = useState<AuditCheckpoint | null>(null);
  const filters = { entity: entity || undefined, actor: actor || undefined };
  const records = useData<{ items: AuditEntry[]; total: number }>(['audit', 'records'], `/api/audit/records?${qs({ ...filters, page, pageSize: 20 })}`);
  const entities = useData<{ items: { value: string; label: string }[] }>(['audit', 'entities'], '/api/audit/entities');
  const data = records.data ?? { items: [], total: 0 };
  const error = records.error;
  // Neither signing a checkpoint nor verifying writes to the trail: nothing to load again.
  const signer = useRun();
  const checker = useRun();
  const makeCheckpoint = () => signer.run(async () => setCheckpoint(await send<AuditCheckpoint>('POST', '/api/audit/checkpoints')), '已生成签名检查点');
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        审计日志
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select placeholder="对象类型" allowClear showSearch optionFilterProp="label" notFoundContent={entities.loading ? '正在加载…' : '没有相符的对象类型'} options={entities.data?.items ?? []} onChange={(v?: string) => (setEntity(v ?? ''), setPage(1))} style={{ width: 220 }} />
        <Input.Search placeholder="操作人用户名" allowClear onSearch={(v) => (setActor(v), setPage(1))} style={{ width: 200 }} />
        <Button loading={checker.pending} onClick={() => void checker.run(async () => setVerify(await api<typeof verify>('/api/audit/verify')))}>校验哈希链</Button>
        <Button href={`/api/audit/records.xlsx?${qs(filters)}`}>导出 Excel</Button>
        {can('audit.checkpoint') && (
          <Button loading={signer.pending} onClick={() => void makeCheckpoint()}>
            生成签名检查点
          </Button>
        )}
      </Space>
      {checkpoint && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type="info"
          title={`已签署第 ${checkpoint.headId} 号记录（共 ${checkpoint.count} 条），写入 ${checkpoint.fileName}`}
          description={
            <>
              请将检查点文件另行保存在数据库管理员无法改写的地方；日后由系统管理员在服务器上用命令行核对（见部署说明中的「审计链校验」），可发现被截断或整条重写的审计链。{' '}
              <a href={URL.createObjectURL(new Blob([JSON.stringify(checkpoint, null, 2)], { type: 'application/json' }))} download={checkpoint.fileName}>
                下载检查点
              </a>
            </>
          }
        />
      )}
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={verify.ok ? 'success' : 'error'}
          title={verify.ok ? `审计链完整：共 ${verify.checked} 条` : `审计链在第 ${verify.brokenAt?.id} 号记录处断裂：${verify.brokenAt?.reason}`}
        />
      )}
      {error && <Alert type="error" showIcon title={error} />}
      <ResponsiveTable
        rowKey="id"
        size="small"
        dataSource={data.items}
        scroll={{ x: 900 }}
        locale={{ emptyText: entity || actor ? '没有符合筛选条件的审计记录，可清除对象类型或操作人' : '还没有审计记录：系统中每一次写入操作都会记在这里' }}
        pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        expandable={{ expandedRowRender: (r) => <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify({ 修改前: r.before, 修改后: r.after, 请求: r.requestId }, null, 2)}</pre> }}
        columns={[
          { title: '序号', dataIndex: 'id', width: 70 },
          { title: '时间', dataIndex: 'at', render: (t: string) => new Date(t).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
          { title: '操作人', dataIndex: 'actorName' },
          { title: '角色', dataIndex: 'roleLabel' },
          { title: '对象', dataIndex: 'entityLabel' },
          { title: '编号', dataIndex: 'entityId' },
          { title: '操作', dataIndex: 'actionLabel' },
        ]}
      />
    </Card>
  );
}

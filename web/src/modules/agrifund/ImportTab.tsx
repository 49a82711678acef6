/** 导入: the county office's project tables (见网络版) from Excel — checked behind the page, previewed, committed or discarded. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Progress, Select, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { csrfToken, send } from '../../api';
import { useData, useRun } from '../../platform/data';
import { PROJECTS } from './ProjectDetail';
import type { FundImportJob, FundImportLine, FundImportTables } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

export function ImportTab() {
  const [table, setTable] = useState('all');
  const [job, setJob] = useState<FundImportJob | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const meta = useData<FundImportTables>(['agrifund', 'imports', 'tables'], '/api/agrifund/imports/tables');
  const checked = job && job.status !== 'validating' && job.status !== 'failed';
  const rows = useData<{ items: FundImportLine[] }>(['agrifund', 'imports', job?.id ?? 0, job?.status ?? ''], checked && job.status === 'validated' ? `/api/agrifund/imports/${job.id}/rows` : null);
  useEffect(() => {
    if (!job || job.status !== 'validating') return;
    // A failed poll (the server restarting) polls again: the server then reports the import failed, with the reason.
    const timer = setTimeout(() => void send<FundImportJob>('GET', `/api/agrifund/imports/${job.id}`).then(setJob, () => setJob({ ...job })), 500);
    return () => clearTimeout(timer);
  }, [job]);
  // Committed rows are projects: the list, the tree's committed amounts and the dashboard load again.
  const { run } = useRun([PROJECTS, ['agrifund', 'tree'], ['agrifund', 'kpis']]);
  const commit = () => run(async () => setJob(await send<FundImportJob>('POST', `/api/agrifund/imports/${job!.id}/commit`)), '已写入项目清单（项目申报）');
  const discard = () => run(async () => setJob(await send<FundImportJob>('POST', `/api/agrifund/imports/${job!.id}/discard`)), '已放弃');
  const columns = meta.data?.columns ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        选择表类，按模板填写项目表（各表内容见网络版，由县里填写）。上传后逐行校验；有错误时下载错误清单（原因列写明每行的问题），修改后重新上传。有错误行时不写入任何项目；确认前不写入任何数据。
      </Typography.Text>
      <Space wrap>
        <Select style={{ width: 360 }} value={table} onChange={setTable} notFoundContent="正在读取可导入的表类" options={(meta.data?.tables ?? []).map((t) => ({ value: t.code, label: `附件${t.annex}：${t.name}` }))} />
        <a href={`/api/agrifund/imports/template.xlsx?table=${table}`}>下载模板</a>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            const f = file as File;
            const res = await fetch(`/api/agrifund/imports?table=${table}&fileName=${encodeURIComponent(f.name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken() }, body: f });
            const body = await res.json().catch(() => null);
            if (res.ok) {
              setRefused(null);
              setJob(body as FundImportJob);
              onSuccess?.(body);
            } else {
              const message: string = body?.error?.message ?? `上传失败（${res.status}）`;
              setRefused(message);
              onError?.(new Error(message));
            }
          }}
        >
          <Button icon={<UploadOutlined />}>上传项目表（.xlsx）</Button>
        </Upload>
      </Space>
      {refused && <Alert type="error" showIcon title="文件未导入" description={refused} />}
      {job && (
        <Card size="small" title={`${job.tableName}：${job.fileName}`}>
          <Progress percent={job.percent} status={job.status === 'failed' ? 'exception' : job.status === 'validating' ? 'active' : 'normal'} />
          {job.status === 'failed' ? (
            <Alert type="error" showIcon title="导入失败，未写入任何数据" description={job.message} action={<Button size="small" onClick={() => void discard()}>清除</Button>} />
          ) : (
            <Typography.Paragraph>
              共 {job.done} 行：正确 {job.good} 行，错误 {job.errors} 行{job.committed ? `，已写入 ${job.committed} 个项目` : ''}。{job.message}
            </Typography.Paragraph>
          )}
          {job.errors > 0 && job.status === 'validated' && <a href={`/api/agrifund/imports/${job.id}/errors.xlsx`}>下载错误清单</a>}
          {job.status === 'validated' && (
            <Space wrap style={{ margin: '8px 0' }}>
              <Button type="primary" disabled={job.errors > 0} onClick={() => void commit()}>{job.errors > 0 ? `确认导入（先改正 ${job.errors} 行错误后重新上传）` : `确认导入（${job.good} 个项目申报）`}</Button>
              <Button onClick={() => void discard()}>放弃</Button>
            </Space>
          )}
          {job.status === 'validated' && (
            <ResponsiveTable<FundImportLine>
              size="small"
              rowKey="row"
              scroll={{ x: 'max-content' }}
              loading={rows.loading}
              dataSource={rows.data?.items ?? []}
              locale={{ emptyText: '文件中没有数据行：按模板在表头下逐行填写项目后重新上传' }}
              columns={[
                { title: '行号', dataIndex: 'row' },
                ...columns.map((c) => ({ title: c, render: (_: unknown, l: FundImportLine) => l.cells[c] ?? '' })),
                { title: '校验', render: (_: unknown, l: FundImportLine) => (l.problems.length ? <Space orientation="vertical" size={0}>{l.problems.map((p, i) => <Tag key={i} color="red">{p.field.replace(/（.*）$/, '')}：{p.message}</Tag>)}</Space> : <Tag color="green">通过</Tag>) },
              ]}
            />
          )}
        </Card>
      )}
    </Space>
  );
}

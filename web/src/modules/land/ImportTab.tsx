/**
 * 地块表导入 (见网络版): the template, a file checked row by row (problems named by column, nothing written), then every
 * row entered at once — refused while any row has a problem, the whole file rolled back if one runs past a cap.
 */
import { useState } from 'react';
import { Alert, Button, Space, Typography, Upload } from 'antd';
import { api } from '../../api';
import { useRun } from '../../platform/data';
import type { LandImportPreview } from './contract';
import { ResponsiveTable } from '../../platform/ResponsiveTable';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportTab() {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<LandImportPreview | null>(null);
  const { run, pending } = useRun([['land']]);
  const post = <T,>(path: string, f: File) => api<T>(path, { method: 'POST', headers: { 'content-type': XLSX }, body: f });
  const check = (f: File) =>
    void run(async () => {
      setFile(f);
      setPreview(await post<LandImportPreview>('/api/land/import/preview', f));
    });
  const commit = async () => {
    if (!file) return;
    if (await run(() => post<{ entered: number }>('/api/land/import/commit?year=2022', file), (r) => `已登记 ${r.entered} 宗地块`)) {
      setFile(null);
      setPreview(null);
    }
  };
  const columns = preview?.rows[0] ? Object.keys(preview.rows[0].cells) : [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title="地块表见网络版（交政发〔2022〕2号只印发供应总量与各用途指标），按模板填写后导入：先逐行检查，全部无误后一并登记。" />
      <Space wrap>
        <a href="/api/land/import/template.xlsx">下载导入模板</a>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (check(f), false)}>
          <Button loading={pending}>选择地块表并检查</Button>
        </Upload>
        {preview && <Button type="primary" disabled={!!preview.errors || !preview.rows.length} loading={pending} onClick={() => void commit()}>{preview.errors ? `全部登记（先改正 ${preview.errors} 行问题）` : preview.rows.length ? `全部登记（${preview.rows.length} 宗）` : '全部登记（文件中没有地块）'}</Button>}
      </Space>
      {preview && (
        <>
          <Typography.Text type={preview.errors ? 'danger' : 'success'} data-testid="land-import-summary">
            {preview.errors ? `${preview.rows.length} 行中 ${preview.errors} 行有问题，修改后重新选择文件` : `${preview.rows.length} 行均无问题，可以登记`}
          </Typography.Text>
          <ResponsiveTable
            size="small"
            rowKey="row"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={preview.rows}
            locale={{ emptyText: '文件中没有地块行：按模板在表头下逐行填写后重新选择文件' }}
            columns={[
              { title: '行', dataIndex: 'row' },
              ...columns.filter((c) => c !== '边界（GeoJSON）').map((c) => ({ title: c, render: (_: unknown, r: LandImportPreview['rows'][number]) => r.cells[c] })),
              { title: '问题', render: (_: unknown, r: LandImportPreview['rows'][number]) => (r.problems.length ? <Typography.Text type="danger">{r.problems.map((p) => `${p.field}：${p.message}`).join('；')}</Typography.Text> : '—') },
            ]}
          />
        </>
      )}
    </Space>
  );
}

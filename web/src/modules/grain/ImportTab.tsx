/** 导入指标任务表: the online table filled into the template, every row checked, the errors listed back; nothing written until 确认写入. */
import { useState } from 'react';
import { Alert, Button, Card, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { csrfToken, send } from '../../api';
import { useRun } from '../../platform/data';
import { RecordList } from '../../platform/RecordList';
import type { GrainImport } from './contract';
import { KEYS } from './keys';

export function ImportTab() {
  const [job, setJob] = useState<GrainImport | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const { run } = useRun([KEYS.targets]);
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Text>
        按模板填写网络版附件中的指标任务（<a href="/api/grain/targets/template.xlsx">下载模板</a>：每个乡（镇）、每项指标一行）。上传后逐行检查；有错误行时不写入，可下载错误行改正后重新导入。
      </Typography.Text>
      <Upload accept=".xlsx" showUploadList={false} customRequest={async ({ file, onSuccess, onError }) => {
        const f = file as File;
        const res = await fetch(`/api/grain/targets/imports?year=2022&fileName=${encodeURIComponent(f.name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken() }, body: f });
        const body = await res.json().catch(() => null);
        if (res.ok) {
          setRefused(null);
          setJob(body as GrainImport);
          onSuccess?.(body);
        } else {
          const message: string = body?.error?.message ?? `上传失败（${res.status}）`;
          setRefused(message);
          onError?.(new Error(message));
        }
      }}>
        <Button icon={<UploadOutlined />}>上传指标任务表（.xlsx）</Button>
      </Upload>
      {refused && <Alert type="error" showIcon title="文件未导入" description={refused} />}
      {job && (
        <Card size="small" title={job.fileName}>
          <Typography.Paragraph>共 {job.total} 行，通过 {job.good} 行，错误 {job.errors.length} 行。{job.status === 'committed' ? '已写入。' : job.status === 'discarded' ? '已放弃。' : '尚未写入。'}</Typography.Paragraph>
          {job.errors.length > 0 && (
            <>
              <RecordList size="small" items={job.errors} emptyText="没有错误行" itemRender={(e) => `第 ${e.row} 行：${e.message}`} />
              <a href={`/api/grain/targets/imports/${job.id}/errors.xlsx`}>下载错误行</a>
            </>
          )}
          {job.status === 'checked' && (
            <Space style={{ marginTop: 8 }}>
              <Button type="primary" disabled={job.errors.length > 0} onClick={() => void run(async () => setJob(await send<GrainImport>('POST', `/api/grain/targets/imports/${job.id}/commit`)), '已写入指标任务')}>{job.errors.length > 0 ? `确认写入（先改正 ${job.errors.length} 行错误后重新导入）` : '确认写入'}</Button>
              <Button onClick={() => void run(async () => setJob(await send<GrainImport>('POST', `/api/grain/targets/imports/${job.id}/discard`)), '已放弃')}>放弃</Button>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}

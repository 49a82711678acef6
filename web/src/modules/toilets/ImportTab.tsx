/** 导入摸底名册: an Excel survey checked row by row behind the page; the errors listed back; the good rows kept when chosen. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Progress, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { csrfToken, send } from '../../api';
import { useRun } from '../../platform/data';
import { WhyDisabled } from '../../platform/kit';
import { TOILETS } from './HouseholdPanel';
import type { ToiletImportJob } from './contract';

export function ImportTab() {
  const [job, setJob] = useState<ToiletImportJob | null>(null);
  const [keepGood, setKeepGood] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    if (!job || job.status !== 'validating') return;
    // A failed poll (the server restarting) polls again: the server then reports the import failed, with the reason.
    const timer = setTimeout(() => void send<ToiletImportJob>('GET', `/api/toilets/imports/${job.id}`).then(setJob, () => setJob({ ...job })), 500);
    return () => clearTimeout(timer);
  }, [job]);
  // Committed rows are households: the register and its counts load again.
  const { run } = useRun([TOILETS]);
  const commit = () => run(async () => setJob(await send<ToiletImportJob>('POST', `/api/toilets/imports/${job!.id}/commit`, { keepGood })), '已写入改厕名册');
  const discard = () => run(async () => setJob(await send<ToiletImportJob>('POST', `/api/toilets/imports/${job!.id}/discard`)), '已放弃');
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 640 }}>
      <Typography.Text>
        按模板填写摸底名册（<a href="/api/toilets/imports/template.xlsx">下载模板</a>）。上传后逐行校验；有错误时可下载错误清单（每行写明原因），修改后重新导入，或选择只导入正确的行。确认前不写入任何数据。
      </Typography.Text>
      <Upload
        accept=".xlsx"
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          const f = file as File;
          const res = await fetch(`/api/toilets/imports?fileName=${encodeURIComponent(f.name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken() }, body: f });
          const body = await res.json().catch(() => null);
          if (res.ok) {
            setRefused(null);
            setJob(body as ToiletImportJob);
            onSuccess?.(body);
          } else {
            const message: string = body?.error?.message ?? `上传失败（${res.status}）`;
            setRefused(message);
            onError?.(new Error(message));
          }
        }}
      >
        <Button icon={<UploadOutlined />}>上传摸底名册（.xlsx）</Button>
      </Upload>
      {refused && <Alert type="error" showIcon title="文件未导入" description={refused} />}
      {job && (
        <Card size="small" title={job.fileName}>
          <Progress percent={job.percent} status={job.status === 'failed' ? 'exception' : job.status === 'validating' ? 'active' : 'normal'} />
          {job.status === 'failed' ? (
            <Alert type="error" showIcon title="导入失败，未写入任何数据" description={job.message} action={<Button size="small" onClick={() => void discard()}>清除</Button>} />
          ) : (
            <Typography.Paragraph>已校验 {job.done} 行，错误 {job.errors} 行{job.committed ? `，已写入 ${job.committed} 户` : ''}。{job.message}</Typography.Paragraph>
          )}
          {job.errors > 0 && <a href={`/api/toilets/imports/${job.id}/errors.xlsx`}>下载错误清单</a>}
          {job.status === 'validated' && (
            <Space wrap style={{ marginTop: 8 }}>
              {job.errors > 0 && <Checkbox checked={keepGood} onChange={(e) => setKeepGood(e.target.checked)}>只导入正确的 {job.rows - job.errors} 行</Checkbox>}
              <WhyDisabled reason={job.errors > 0 && !keepGood && `有 ${job.errors} 行错误：修改后重新导入，或勾选「只导入正确的行」`}>
                <Button type="primary" disabled={job.errors > 0 && !keepGood} onClick={() => void commit()}>确认导入</Button>
              </WhyDisabled>
              <Button onClick={() => void discard()}>放弃</Button>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}

/** A large export (台账): started as a job on the server, its progress shown on the button, the file downloaded when ready. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Button, Progress, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, send } from '../api';
import type { ExportJob } from './contract';

const POLL_MS = 1000;

/** `path` is the export's start route, /api/exports/<module>/<name>. */
export function ExportButton({ path, children }: { path: string; children: ReactNode }) {
  const { message } = App.useApp();
  const [job, setJob] = useState<ExportJob | null>(null);
  const alive = useRef(true);
  // Set again on every mount: StrictMode mounts twice, and a page left mid-export stops polling.
  useEffect(() => {
    alive.current = true;
    return () => void (alive.current = false);
  }, []);

  const start = async () => {
    try {
      let j = await send<ExportJob>('POST', path);
      setJob(j);
      while (j.status === 'running' && alive.current) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        j = await api<ExportJob>(`/api/exports/${j.id}`);
        if (alive.current) setJob(j);
      }
      if (j.status === 'ready' && j.download && alive.current) {
        const a = document.createElement('a');
        a.href = j.download;
        a.download = j.fileName;
        a.click();
        void message.success(`${j.title}已生成（${j.total} 行）`);
      } else if (j.status === 'failed') void message.error(j.message ?? '导出失败，请重新导出');
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      if (alive.current) setJob(null);
    }
  };

  if (job)
    return (
      <Space data-testid="export-progress">
        <Progress type="circle" size={28} percent={job.percent} />
        <span>
          正在导出 {job.done.toLocaleString('zh-CN')} / {job.total.toLocaleString('zh-CN')} 行…
        </span>
      </Space>
    );
  return (
    <Button icon={<DownloadOutlined />} onClick={() => void start()}>
      {children}
    </Button>
  );
}

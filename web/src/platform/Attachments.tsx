/** A record's attachments (photos, PDFs): the list, and an upload for those the server lets attach. */
import { App, Button, List, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { csrfToken } from '../api';
import { useApi } from './kit';

type FileItem = { id: number; fileName: string; size: number };

export function Attachments({ entity, entityId, canAttach, label = '上传照片或 PDF（不超过 10 MB）', accept = '.pdf,.jpg,.jpeg,.png' }: { entity: string; entityId: number | string; canAttach: boolean; label?: string; accept?: string }) {
  const { message } = App.useApp();
  const files = useApi<{ items: FileItem[] }>(`/api/files?entity=${entity}&entityId=${entityId}`);
  return (
    <>
      <List size="small" dataSource={files.data?.items ?? []} locale={{ emptyText: '暂无附件' }} renderItem={(f) => <List.Item><a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">{f.fileName}</a>（{Math.ceil(f.size / 1024)} KB）</List.Item>} />
      {canAttach && (
        <Upload
          accept={accept}
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            const f = file as File;
            const res = await fetch(`/api/files?entity=${entity}&entityId=${entityId}&fileName=${encodeURIComponent(f.name)}`, {
              method: 'POST',
              headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken() },
              body: f,
            });
            const body = await res.json();
            if (res.ok) {
              message.success('已上传');
              onSuccess?.(body);
              files.reload();
            } else {
              message.error(body?.error?.message ?? '上传失败');
              onError?.(new Error(body?.error?.message));
            }
          }}
        >
          <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>
            {label}
          </Button>
        </Upload>
      )}
    </>
  );
}

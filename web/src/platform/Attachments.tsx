/** A record's attachments (photos, PDFs): the list, and an upload for those the server lets attach. */
import type { ReactNode } from 'react';
import { Button, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useData, useRun, type DataKey } from './data';
import type { AttachedFile } from './contract';
import { filesKey, uploadFile } from './upload';
import { RecordList } from './RecordList';

/**
 * Picks a file and uploads it to (entity, entityId); the record's attachment list and `invalidates` load again.
 * `children` is what one clicks (a button by default, a link where a step lacks the file).
 */
export function UploadButton({ entity, entityId, accept = '.pdf,.jpg,.jpeg,.png', invalidates = [], onDone, children }: { entity: string; entityId: number | string; accept?: string; invalidates?: readonly DataKey[]; onDone?: () => void; children: ReactNode }) {
  const { run } = useRun([filesKey(entity, entityId), ...invalidates]);
  return (
    <Upload
      accept={accept}
      showUploadList={false}
      customRequest={async ({ file, onSuccess, onError }) => {
        let stored: unknown;
        const ok = await run(async () => (stored = await uploadFile(entity, entityId, file as File)), '已上传');
        if (ok) {
          onSuccess?.(stored);
          onDone?.();
        } else onError?.(new Error('上传失败'));
      }}
    >
      {children}
    </Upload>
  );
}

/** `invalidates`: what an upload changes besides the list (the record whose steps wait for the file). */
export function Attachments({ entity, entityId, canAttach, label = '上传照片或 PDF（不超过 10 MB）', accept = '.pdf,.jpg,.jpeg,.png', invalidates = [] }: { entity: string; entityId: number | string; canAttach: boolean; label?: string; accept?: string; invalidates?: readonly DataKey[] }) {
  const files = useData<{ items: AttachedFile[] }>(filesKey(entity, entityId), `/api/files?entity=${entity}&entityId=${entityId}`);
  return (
    <>
      <RecordList size="small" items={files.data?.items ?? []} rowKey="id" emptyText={canAttach ? '还没有附件：用下方按钮上传后列在这里' : '尚未上传附件'} itemRender={(f) => <><a href={`/api/files/${f.id}`} target="_blank" rel="noreferrer">{f.fileName}</a>（{Math.ceil(f.size / 1024)} KB）</>} />
      {canAttach && (
        <UploadButton entity={entity} entityId={entityId} accept={accept} invalidates={invalidates}>
          <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>
            {label}
          </Button>
        </UploadButton>
      )}
    </>
  );
}

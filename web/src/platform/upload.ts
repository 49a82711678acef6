/** Attaching a file to a record: the one upload every page uses (the raw file as the body, the server checks its bytes). */
import { api, qs } from '../api';
import type { DataKey } from './data';
import type { UploadedFile } from './contract';

/** Upload `file` as an attachment of (entity, entityId); a refusal throws ApiError with the server's Chinese message. */
export function uploadFile(entity: string, entityId: string | number, file: File): Promise<UploadedFile> {
  return api<UploadedFile>(`/api/files?${qs({ entity, entityId: String(entityId), fileName: file.name })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
}

/** The key a record's attachment list is cached under: an upload invalidates it. */
export const filesKey = (entity: string, entityId: string | number): DataKey => ['files', entity, String(entityId)];

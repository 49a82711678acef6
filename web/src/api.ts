/** Thin JSON client for the server's API; errors carry the server's Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

/** The CSRF token the server set at login, echoed on every state-changing request. */
export function csrfToken(): string {
  return document.cookie.split('; ').find((c) => c.startsWith('xw_csrf='))?.slice(8) ?? '';
}

/** A JSON request; a failure throws ApiError with the server's message. */
export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const method = (init?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init?.headers);
  if (method !== 'GET') headers.set('x-csrf-token', csrfToken());
  if (init?.body && typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body?.error?.id ?? 'HTTP', body?.error?.message ?? `请求失败（${res.status}）`);
  return body as T;
}

export const qs = (o: Record<string, string | number | undefined | null>) =>
  new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '') as [string, string][]).toString();

// The shapes the server sends, taken from the server's own types (type-only: nothing of the server is bundled).
export type { Attachment, Body, DocumentSummary, Section, SnippetPiece } from '../../server/src/modules/gazette/index.js';
export type { PublicUser as CurrentUser } from '../../server/src/modules/accounts/index.js';
import type { Attachment, Body, DocumentSummary, SnippetPiece } from '../../server/src/modules/gazette/index.js';

export interface LinkedCitation {
  docNumber: string | null;
  title: string | null;
  document: { id: number; title: string } | null;
  part: number | null;
}
export interface DocumentDetail extends DocumentSummary {
  note: string | null;
  body: Body;
  parts: { title: string; body: Body; attachments: Attachment[] }[];
  attachments: Attachment[];
  warnings: string[];
  relations: {
    cites: LinkedCitation[];
    repliesTo: LinkedCitation | null;
    citedBy: { id: number; docNumber: string; title: string }[];
    answeredBy: { id: number; docNumber: string; title: string }[];
  };
}
export interface SearchResult {
  items: (DocumentSummary & { titleHighlight: SnippetPiece[]; snippet: SnippetPiece[] })[];
  total: number;
  mode: string;
  page: number;
  pageSize: number;
}
export interface Facets {
  issuer: { value: string; count: number }[];
  doc_type: { value: string; count: number }[];
  agency_code: { value: string; count: number }[];
  year: { value: string; count: number }[];
}

/** JSON POST/PUT/PATCH/DELETE helper. */
export const send = <T>(method: string, path: string, body?: unknown) => api<T>(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });


export interface Unit {
  id: number;
  code: string | null;
  name: string;
  kind: 'county' | 'township' | 'village' | 'department' | 'body';
  parentId: number | null;
  shortNames: string[];
  note: string | null;
}

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

// The signed-in user as the server sends it (type-only: nothing of the server is bundled). A module's own shapes are in
// its web/src/modules/<name>/contract.ts.
export type { PublicUser as CurrentUser } from '../../server/src/modules/accounts/index.js';

/** JSON POST/PUT/PATCH/DELETE; `B`, when given, is the request type the route's schema takes (from the module's contract.ts). */
export const send = <T, B = unknown>(method: string, path: string, body?: B) => api<T>(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });

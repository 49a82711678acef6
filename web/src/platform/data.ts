/**
 * The keyed data cache (TanStack Query over api.ts). A read names what it shows by a key (['notices'],
 * ['directory', 'units']); a write names the keys it changed, and every read under them, on any mounted page, loads
 * again. Pages no longer chain `reload()` calls by hand, and two pages showing the same thing share one answer.
 */
import { createElement, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { keepPreviousData, QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api } from '../api';
import { useAuth } from '../auth';

/** What a read is about: the module first, then what narrows it (['notices'], ['calendar', 'days']). A prefix matches all below it. */
export type DataKey = readonly (string | number | boolean | null)[];

/** The cache for the whole app; what one user loaded is dropped when another signs in (or nobody is). */
export function DataProvider({ children }: { children: ReactNode }) {
  // Refused reads answer at once (a 403 or 404 is not worth three retries), and a tab coming back to the front does
  // not load everything again: pages load when they open and when a write changes what they show.
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } } }));
  const { user, loading } = useAuth();
  const who = loading ? undefined : (user?.id ?? null);
  const seen = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (who === undefined) return;
    if (seen.current !== undefined && seen.current !== who) void client.resetQueries();
    seen.current = who;
  }, [who, client]);
  return createElement(QueryClientProvider, { client }, children);
}

export interface Data<T> {
  /** The answer; while a new key loads, the previous key's answer (so a table keeps its rows between pages). */
  data: T | undefined;
  /** The server's Chinese message when the read failed. */
  error: string | null;
  loading: boolean;
}

/**
 * GET `path` and keep its answer under `key` (the cache entry is `[...key, path]`, so each page of a list is its own
 * entry and invalidating `key` reloads them all). `null` loads nothing. A request whose key changed is aborted.
 */
export function useData<T>(key: DataKey, path: string | null): Data<T> {
  const q = useQuery({
    queryKey: [...key, path],
    queryFn: ({ signal }) => api<T>(path!, { signal }),
    enabled: path !== null,
    placeholderData: keepPreviousData,
  });
  return { data: q.data, error: q.error ? q.error.message : null, loading: q.isFetching };
}

/** Marks what is under these keys as changed: what is shown loads again, what is cached loads when next shown. */
export function useInvalidate(): (keys: readonly DataKey[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(async (keys) => void (await Promise.all(keys.map((k) => client.invalidateQueries({ queryKey: k })))), [client]);
}

/**
 * Runs writes (a POST, a PUT…) for a page: while one runs `pending` is true; a failure shows the server's Chinese
 * message, a success its `done` text and invalidates `invalidates`. `run` resolves true when the write succeeded
 * (what it answered reaches the caller through `fn` itself or through `done`).
 */
export function useRun(invalidates: readonly DataKey[] = []): {
  run: <R>(fn: () => Promise<R>, done?: string | ((r: R) => string)) => Promise<boolean>;
  pending: boolean;
} {
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [running, setRunning] = useState(0);
  const keys = useRef(invalidates);
  keys.current = invalidates;
  const run = useCallback(
    async <R>(fn: () => Promise<R>, done?: string | ((r: R) => string)) => {
      setRunning((n) => n + 1);
      try {
        const r = await fn();
        if (done) void message.success(typeof done === 'string' ? done : done(r));
        void invalidate(keys.current);
        return true;
      } catch (e) {
        void message.error((e as Error).message);
        return false;
      } finally {
        setRunning((n) => n - 1);
      }
    },
    [invalidate, message],
  );
  return { run, pending: running > 0 };
}

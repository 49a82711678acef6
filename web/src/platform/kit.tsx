/** Pieces every page uses: data loading that an older answer cannot overwrite, actions that show the server's message, a page header, money, why a button is disabled. */
import { useCallback, useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { App, Space, Tooltip, Typography } from 'antd';
import { formatFen } from '../../../server/src/core/money.js';
import { api } from '../api';

/** Amounts arrive in 分; people read 元, formatted as the server formats them (1,234.56). */
export const formatMoney = (fen: number) => formatFen(fen);

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * GET a path and keep its answer; a change of path aborts the request before it, so an older, slower answer never
 * overwrites a newer one. `null` loads nothing.
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: !!path });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    api<T>(path, { signal: ctl.signal }).then(
      (data) => !ctl.signal.aborted && setState({ data, error: null, loading: false }),
      (e: Error) => !ctl.signal.aborted && setState((s) => ({ ...s, error: e.message, loading: false })),
    );
    return () => ctl.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Run an action (a POST, a PUT…): while it runs `pending` is true; a failure shows the server's Chinese message; a success its `done` text. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>, done?: string | ((r: R) => string)): [(...args: A) => Promise<R | undefined>, boolean] {
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const ref = useRef(fn);
  ref.current = fn;
  const run = useCallback(
    async (...args: A) => {
      setPending(true);
      try {
        const r = await ref.current(...args);
        if (done) void message.success(typeof done === 'string' ? done : done(r));
        return r;
      } catch (e) {
        void message.error((e as Error).message);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [done, message],
  );
  return [run, pending];
}

/** A page's title, with what stands beside it (buttons, filters) and an optional line below. */
export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Space>
      {children && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{children}</Typography.Paragraph>}
    </div>
  );
}

/**
 * A control that may be disabled, with what it lacks in a tooltip: a disabled button takes neither pointer nor focus,
 * so the wrapper carries the reason, on hover and on focus. Without a reason the control stands as it is.
 */
export function WhyDisabled({ reason, block, children }: { reason: string | null | undefined | false; block?: boolean; children: ReactElement }) {
  if (!reason) return children;
  return (
    <Tooltip title={reason} trigger={['hover', 'focus']}>
      <span style={{ display: block ? 'block' : 'inline-block' }} tabIndex={0} data-reason={reason}>
        {children}
      </span>
    </Tooltip>
  );
}

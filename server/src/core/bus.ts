/**
 * Messages between the app processes that share one database: on PostgreSQL through LISTEN/NOTIFY (no new
 * component), on SQLite (one process) delivered in-process. Used to drop cached state at once everywhere,
 * e.g. a session after a logout or a deactivated account.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from './db.js';

const CHANNEL = 'xianwu_bus';

export interface Bus {
  /** Deliver to every process's subscribers of `topic`, this one included. */
  publish(topic: string, payload: unknown): Promise<void>;
  subscribe(topic: string, fn: (payload: unknown) => void): void;
  /** Resolves once the bus listens (at once on SQLite). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The bus for a database. */
export function createBus(db: Db, onError: (err: unknown) => void = () => {}): Bus {
  const subscribers = new Map<string, ((payload: unknown) => void)[]>();
  const deliver = (topic: string, payload: unknown) => {
    for (const fn of subscribers.get(topic) ?? []) {
      try {
        fn(payload);
      } catch (err) {
        onError(err);
      }
    }
  };
  const subscribe = (topic: string, fn: (payload: unknown) => void) => void subscribers.set(topic, [...(subscribers.get(topic) ?? []), fn]);
  if (db.dialect !== 'postgres' || !db.url) {
    return { publish: async (topic, payload) => deliver(topic, payload), subscribe, ready: async () => {}, close: async () => {} };
  }
  // LISTEN holds a connection of its own, beside the pool; it reconnects after a failure. It is closed with the
  // bus or, at the latest, with the Db (a process with it open never exits by itself).
  let client: pg.Client | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let listening: Promise<void>;
  const connect = (): Promise<void> => {
    const c = new pg.Client({ connectionString: db.url });
    client = c;
    c.on('notification', (n) => {
      try {
        const { topic, payload } = JSON.parse(n.payload ?? '{}') as { topic: string; payload: unknown };
        deliver(topic, payload);
      } catch (err) {
        onError(err);
      }
    });
    c.on('error', (err) => {
      onError(err);
      if (!closed) retry = setTimeout(() => void (listening = connect().catch(onError)), 1000).unref();
    });
    return c.connect().then(() => c.query(`LISTEN ${CHANNEL}`)).then(() => undefined);
  };
  listening = connect();
  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(retry);
    // A connect under way is let finish first: ended midway, the connection it then opens would stay.
    await listening.catch(() => {});
    await client?.end().catch(() => {});
  };
  db.onDestroy(close);
  return {
    async publish(topic, payload) {
      // Through the app's own pool (or the unit of work's transaction, so it is sent at its commit).
      await sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ topic, payload })})`.execute(db.kysely);
    },
    subscribe,
    ready: () => listening,
    close,
  };
}

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
  // LISTEN holds a connection of its own for the life of the process; it reconnects after a failure.
  let client: pg.Client | null = null;
  let closed = false;
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
      if (!closed) setTimeout(() => void (listening = connect().catch(onError)), 1000).unref();
    });
    return c.connect().then(() => c.query(`LISTEN ${CHANNEL}`)).then(() => undefined);
  };
  listening = connect();
  return {
    async publish(topic, payload) {
      // Through the app's own pool (or the unit of work's transaction, so it is sent at its commit).
      await sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ topic, payload })})`.execute(db.kysely);
    },
    subscribe,
    ready: () => listening,
    async close() {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}

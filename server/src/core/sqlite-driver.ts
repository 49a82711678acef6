/**
 * Kysely's SQLite dialect with a cheaper driver. Kysely's own driver wakes every waiting query on each release of the
 * one connection (its mutex re-checks a shared promise in a loop), so with a few hundred requests in flight each query
 * costs work proportional to the queue; and it prepares every statement anew. Here the waiters queue in order and the
 * next one alone is woken, and statements are prepared once per SQL text. Behaviour is otherwise Kysely's.
 */
import type SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';

/** A lock whose waiters are served first come, first served, one wake-up per release. */
export class FifoMutex {
  private locked = false;
  private readonly waiting: (() => void)[] = [];
  private head = 0;

  lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  unlock(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head++]!;
      // Compact now and then rather than shift() per release.
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      next();
    } else {
      this.waiting.length = 0;
      this.head = 0;
      this.locked = false;
    }
  }

  /** Queries waiting for the connection (for tests). */
  get queued(): number {
    return this.waiting.length - this.head;
  }
}

// Statements kept per connection; the SQL texts an application builds are few, a bound keeps ad-hoc ones from piling up.
const STATEMENT_CACHE = 2000;

class CachedConnection implements DatabaseConnection {
  private readonly statements = new Map<string, SQLite.Statement>();
  constructor(private readonly db: SQLite.Database) {}

  private statement(text: string): SQLite.Statement {
    let stmt = this.statements.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      if (this.statements.size >= STATEMENT_CACHE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(text, stmt);
    }
    return stmt;
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.statement(compiled.sql);
    const params = compiled.parameters as unknown[];
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(params) as R[] });
    const { changes, lastInsertRowid } = stmt.run(params);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // A statement being iterated is busy until the iteration ends: a stream gets one of its own.
    const stmt = this.db.prepare(compiled.sql);
    if (!stmt.reader) throw new Error('SQLite 只能流式读取查询语句');
    for (const row of stmt.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }
}

class QueuedSqliteDriver implements Driver {
  private readonly mutex = new FifoMutex();
  private readonly connection: CachedConnection;
  constructor(private readonly db: SQLite.Database) {
    this.connection = new CachedConnection(db);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }
  async destroy(): Promise<void> {
    this.db.close();
  }
}

/** The SQLite dialect over one better-sqlite3 handle, with the queued, statement-caching driver. */
export class QueuedSqliteDialect extends SqliteDialect {
  constructor(private readonly handle: SQLite.Database) {
    super({ database: handle });
  }
  override createDriver(): Driver {
    return new QueuedSqliteDriver(this.handle);
  }
}

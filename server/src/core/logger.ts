import type { IncomingHttpHeaders } from 'node:http';
import { type Bindings, type ChildLoggerOptions, type Logger, type LoggerOptions } from 'pino';
import { clientRequestId } from './http.js';

/** pino options shared by the server and the command line; secrets never reach a log line. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[已隐藏]' },
    serializers: {
      // Fastify's request line, with the caller's own request id beside ours (reqId) when it sent one.
      req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number }; headers?: IncomingHttpHeaders }) => {
        const theirs = req.headers && clientRequestId(req.headers);
        return { method: req.method, url: req.url, host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort, ...(theirs ? { clientRequestId: theirs } : {}) };
      },
    },
  };
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger that becomes a pino child only when something is actually logged. At the
 * production level (warn) almost no request logs anything, and making a child per request was a
 * measurable share of a busy server's time.
 */
class LazyChild {
  private real: Logger | null = null;
  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    /** A route's own level (Fastify's logLevel), which replaces the parent's. */
    private readonly own?: string,
  ) {}
  private make(): Logger {
    return (this.real ??= this.parent.child(this.bindings, this.own ? { level: this.own } : undefined));
  }
  private at(level: Level, args: unknown[]) {
    if (!this.isLevelEnabled(level)) return;
    (this.make()[level] as (...a: unknown[]) => void)(...args);
  }
  get level() {
    return this.own ?? this.parent.level;
  }
  isLevelEnabled(level: string) {
    if (!this.own) return this.parent.isLevelEnabled(level);
    const values = this.parent.levels.values;
    return values[level] >= values[this.own];
  }
  fatal(...a: unknown[]) { this.at('fatal', a); }
  error(...a: unknown[]) { this.at('error', a); }
  warn(...a: unknown[]) { this.at('warn', a); }
  info(...a: unknown[]) { this.at('info', a); }
  debug(...a: unknown[]) { this.at('debug', a); }
  trace(...a: unknown[]) { this.at('trace', a); }
  silent() {}
  child(bindings: Bindings, opts?: ChildLoggerOptions) {
    return this.make().child(bindings, opts);
  }
}

/** Fastify's childLoggerFactory: per-request loggers made lazily, a route's own level included (routes with their own serializers get a real child). */
export function lazyChildLoggerFactory(logger: Logger, bindings: Bindings, opts: ChildLoggerOptions): Logger {
  if (opts.serializers) return logger.child(bindings, opts);
  return new LazyChild(logger, bindings, opts.level) as unknown as Logger;
}

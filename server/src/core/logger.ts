import { type Bindings, type ChildLoggerOptions, type Logger, type LoggerOptions } from 'pino';

/** pino options shared by the server and the command line; secrets never reach a log line. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[已隐藏]' },
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
  ) {}
  private at(level: Level, args: unknown[]) {
    if (!this.parent.isLevelEnabled(level)) return;
    this.real ??= this.parent.child(this.bindings);
    (this.real[level] as (...a: unknown[]) => void)(...args);
  }
  get level() {
    return this.parent.level;
  }
  isLevelEnabled(level: string) {
    return this.parent.isLevelEnabled(level);
  }
  fatal(...a: unknown[]) { this.at('fatal', a); }
  error(...a: unknown[]) { this.at('error', a); }
  warn(...a: unknown[]) { this.at('warn', a); }
  info(...a: unknown[]) { this.at('info', a); }
  debug(...a: unknown[]) { this.at('debug', a); }
  trace(...a: unknown[]) { this.at('trace', a); }
  silent() {}
  child(bindings: Bindings, opts?: ChildLoggerOptions) {
    this.real ??= this.parent.child(this.bindings);
    return this.real.child(bindings, opts);
  }
}

/** Fastify's childLoggerFactory: per-request loggers made lazily (routes with their own level or serializers get a real child). */
export function lazyChildLoggerFactory(logger: Logger, bindings: Bindings, opts: ChildLoggerOptions): Logger {
  if (opts.level || opts.serializers) return logger.child(bindings, opts);
  return new LazyChild(logger, bindings) as unknown as Logger;
}

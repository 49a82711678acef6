import pino, { type LoggerOptions } from 'pino';

/** pino options shared by the server and the command line; secrets never reach a log line. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[已隐藏]' },
  };
}

/** A logger for scripts and the command line (stderr, so stdout stays machine-readable). */
export const cliLogger = (level = 'info') => pino(loggerOptions(level), pino.destination(2));

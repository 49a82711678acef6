/**
 * Application errors: every error a client sees has a stable id, an HTTP status and a Chinese message.
 */
import type { ModuleErrorId } from './module.js';
export type CoreErrorId =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'LOCKED'
  | 'CSRF_FAILED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BAD_REQUEST'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** Every error id a client can see: the platform's and those the modules declare (their manifests' `errors`). */
export type ErrorId = CoreErrorId | ModuleErrorId;

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly id: ErrorId,
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
    /** Seconds after which the request may be tried again (sent as Retry-After with 429 and 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 404 for an unknown record. */
export const notFound = (what: string) => new AppError('NOT_FOUND', 404, `${what}不存在`);

/** 400 for content that cannot be used as sent; `fields` name what is wrong. */
export const invalid = (message: string, fields: FieldProblem[] = []) => new AppError('VALIDATION_FAILED', 400, message, fields);

/** 409 for a step the record's state (or a rule that reads the database) does not allow now; `fields` name what to change. */
export const conflict = (message: string, fields: FieldProblem[] = []) => new AppError('CONFLICT', 409, message, fields);

/** 403 for an actor who holds the route's permission but not the relation to this record the step needs. */
export const forbidden = (message: string) => new AppError('FORBIDDEN', 403, message);

/** 400 naming one field: `invalidField('idNo', '身份证号无效')`. */
export const invalidField = (field: string, message: string, summary = message) => new AppError('VALIDATION_FAILED', 400, summary, [{ field, message }]);

/** 503 for a request the server cannot take now; `retryAfter` seconds are sent as Retry-After. */
export const unavailable = (message: string, retryAfter?: number) => new AppError('UNAVAILABLE', 503, message, [], retryAfter);

/** 413 for content past a size or reading limit, naming the field it came in. */
export const tooLarge = (field: string, message: string) => new AppError('PAYLOAD_TOO_LARGE', 413, message, [{ field, message }]);

/** The body every error response carries (the error handler, the 404 handler and the claim route's refusals). */
export const errorBody = (err: AppError, requestId: string) => ({
  error: { id: err.id, message: err.message, fields: err.fields },
  requestId,
});

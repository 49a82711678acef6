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

/** 404 for an unknown record: 「${what}不存在」, or `message` when the thing missing is not a record. */
export const notFound = (what: string, message = `${what}不存在`) => new AppError('NOT_FOUND', 404, message);

/** 400 for content that cannot be used as sent; `fields` name what is wrong; `id` when a module names the refusal. */
export const invalid = (message: string, fields: FieldProblem[] = [], id: ErrorId = 'VALIDATION_FAILED') => new AppError(id, 400, message, fields);

/** 409 for a step the record's state (or a rule that reads the database) does not allow now; `fields` name what to change. */
export const conflict = (message: string, fields: FieldProblem[] = [], id: ErrorId = 'CONFLICT') => new AppError(id, 409, message, fields);

/** 403 for an actor who holds the route's permission but not the relation to this record the step needs (or a module's own 403). */
export const forbidden = (message: string, id: ErrorId = 'FORBIDDEN') => new AppError(id, 403, message);

/** 400 naming one field: `invalidField('idNo', '身份证号无效')`. */
export const invalidField = (field: string, message: string, summary = message) => new AppError('VALIDATION_FAILED', 400, summary, [{ field, message }]);

/** 413 for content past a size or reading limit, naming the field it came in (null: the request body as a whole). */
export const tooLarge = (field: string | null, message: string) => new AppError('PAYLOAD_TOO_LARGE', 413, message, field === null ? [] : [{ field, message }]);

/** 401: nobody is logged in, or the credentials do not hold. */
export const unauthorized = (message = '请先登录') => new AppError('UNAUTHORIZED', 401, message);

/** 429 with the seconds to wait (sent as Retry-After). */
export const tooMany = (retryAfter: number, message = `请求过于频繁，请 ${retryAfter} 秒后再试`) => new AppError('TOO_MANY_REQUESTS', 429, message, [], retryAfter);

/** 503: the server cannot serve this now; `retryAfter` seconds when trying again soon can help. */
export const unavailable = (message: string, retryAfter?: number) => new AppError('UNAVAILABLE', 503, message, [], retryAfter);

/** 422 for a well-formed request the platform cannot answer yet (a module's id says why, e.g. a year without its holidays). */
export const unanswerable = (id: ErrorId, message: string) => new AppError(id, 422, message);

/** A request that cannot be read at all (malformed, nested too deep): 400, or the 4xx the parser answered. */
export const badRequest = (message: string, status = 400) => new AppError('BAD_REQUEST', status, message);

/** 415 for a body in a content type the route does not take. */
export const unsupportedMediaType = (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', 415, message);

/** 500: what a client sees of a failure whose details stay in the log. */
export const internal = (message: string) => new AppError('INTERNAL', 500, message);

/** The body every error response carries (the error handler, the 404 handler and the claim route's refusals). */
export const errorBody = (err: AppError, requestId: string) => ({
  error: { id: err.id, message: err.message, fields: err.fields },
  requestId,
});

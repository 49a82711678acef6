/** HTTP plumbing of the one Fastify pipeline: request ids and the mapping from anything thrown to the error a client sees. */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyError } from 'fastify';
import fastJson from 'fast-json-stringify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, badRequest, internal, invalid, tooLarge, unsupportedMediaType, type FieldProblem } from './errors.js';

/** The caller's own x-request-id when it is a sane one (printable, at most 64 characters), else undefined. */
export const clientRequestId = (headers: IncomingHttpHeaders): string | undefined => {
  const given = headers['x-request-id'];
  return typeof given === 'string' && given.length > 0 && given.length <= 64 && /^[\x21-\x7e]+$/.test(given) ? given : undefined;
};

/** The server's own id for a request: every log line, audit record and error body names it, whatever the caller sent. */
export const newRequestId = (): string => randomUUID();

/** The most a JSON body may nest: forms and API bodies need a handful of levels; a deep one only costs parsing time. */
export const MAX_JSON_DEPTH = 16;

/** Whether JSON text nests deeper than `max` (one pass over the text, strings skipped), checked before it is parsed. */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** The 400 for a body nested deeper than MAX_JSON_DEPTH. */
export const tooDeep = () => badRequest(`请求体嵌套过深（不能超过 ${MAX_JSON_DEPTH} 层）`);

/** Chinese names of request fields, shown beside the field's key in validation messages; modules add theirs (manifest `fieldNames`). */
const FIELD_NAMES: Record<string, string> = { pageSize: '每页条数', page: '页码' };

/** Add a module's field names (at start). */
export const registerFieldNames = (names: Readonly<Record<string, string>>): void => void Object.assign(FIELD_NAMES, names);

/** The 400 naming each field that failed validation. */
export function validationFailed(fields: FieldProblem[]): AppError {
  const named = fields.map((f) => `${FIELD_NAMES[f.field] ? `${FIELD_NAMES[f.field]}（${f.field}）` : f.field}：${f.message}`).join('；');
  return invalid(`参数错误 — ${named}`, fields);
}

// The body errors, made only when needed (each one captures a stack).
const bodyTooLarge = () => tooLarge(null, '请求体过大');
const malformed = (status = 400) => badRequest('请求格式错误', status);
const unsupported = () => unsupportedMediaType('不支持的请求内容类型');

/** The one mapping from anything a request threw to the error its caller sees (5xx details stay in the log). */
export function toAppError(err: unknown, log: { error(obj: object, msg: string): void }): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const context = String(e.validationContext ?? '请求');
    return validationFailed(e.validation.map((v) => ({ field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || context, message: v.message ?? '无效' })));
  }
  if (e?.statusCode === 413 || e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return bodyTooLarge();
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return e.statusCode === 415 ? unsupported() : malformed(e.statusCode);
  log.error({ err }, 'unhandled error');
  return internal('服务器内部错误，请稍后重试');
}


/** The body every error response carries, as a schema (for /docs and the compiled serializer). */
export const ErrorResponse = z.object({
  error: z.object({ id: z.string(), message: z.string(), fields: z.array(z.object({ field: z.string(), message: z.string() })) }),
  requestId: z.string(),
});

/**
 * Responses serialised by a function compiled from the route's zod response schema (fast-json-stringify), which
 * also drops any field the schema does not name, so a record never leaks a column by accident. Under test the
 * value is first checked against the schema (`check`), so a response that drifts from its contract fails the test that made it.
 */
export const compiledSerializerCompiler = (check: boolean) => ({ schema, method, url }: { schema: unknown; method: string; url: string }): ((data: unknown) => string) => {
  const zschema = schema as z.ZodType;
  let stringify: (data: unknown) => string;
  try {
    const json = z.toJSONSchema(zschema, { io: 'output', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
    delete json.$schema;
    stringify = fastJson(json as never) as (data: unknown) => string;
  } catch {
    // A schema fast-json-stringify cannot take: zod's own encoding.
    stringify = (data) => JSON.stringify(zschema.encode(data));
  }
  return (data) => {
    if (check) {
      const r = zschema.safeParse(data);
      if (!r.success) throw new Error(`响应不符合 ${method} ${url} 的响应结构：${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
    }
    return stringify(data);
  };
};

/**
 * HTTP plumbing shared by the Fastify routes and the direct routes.
 *
 * A direct route answers one hot endpoint (the Saturday claim rush) in front of Fastify's router, with
 * the same request id, authentication, body rules, zod schema, error mapping and error format; its
 * Fastify twin stays registered for OpenAPI and `inject`, and a parity test holds the two to the same
 * answers. Everything else goes to Fastify unchanged.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import secureJson from 'secure-json-parse';
import type { z } from 'zod';
import type { Actor } from './audit.js';
import type { Permission } from './auth.js';
import { AppError, errorBody, type FieldProblem } from './errors.js';

/** Fastify's default body limit (1 MiB), which the direct routes keep too. */
export const BODY_LIMIT = 1024 * 1024;

/** The caller's x-request-id when it is a sane one, or a fresh id. */
export const requestIdOf = (headers: IncomingHttpHeaders): string => {
  const given = headers['x-request-id'];
  return typeof given === 'string' && given.length > 0 && given.length <= 64 ? given : randomUUID();
};

/** Chinese names of query fields, shown beside the field's key in validation messages. */
const FIELD_NAMES: Record<string, string> = { q: '检索词', pageSize: '每页条数', page: '页码', dateFrom: '起始日期', dateTo: '截止日期', type: '文种' };

/** The 400 naming each field that failed validation. */
export function validationFailed(fields: FieldProblem[]): AppError {
  const named = fields.map((f) => `${FIELD_NAMES[f.field] ? `${FIELD_NAMES[f.field]}（${f.field}）` : f.field}：${f.message}`).join('；');
  return new AppError('VALIDATION_FAILED', 400, `参数错误 — ${named}`, fields);
}

/** zod issues as field problems; an issue about the whole value is named after where the value came from. */
export const zodFields = (issues: { path: PropertyKey[]; message: string }[], context: string): FieldProblem[] =>
  issues.map((i) => ({ field: i.path.map(String).join('.') || context, message: i.message || '无效' }));

// The body errors, made only when needed (each one captures a stack), by both Fastify's path and the direct one.
const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 413, '请求体过大');
const malformed = (status = 400) => new AppError('BAD_REQUEST', status, '请求格式错误');
const unsupported = () => new AppError('UNSUPPORTED_MEDIA_TYPE', 415, '不支持的请求内容类型');

/** The one mapping from anything a request threw to the error its caller sees (5xx details stay in the log). */
export function toAppError(err: unknown, log: { error(obj: object, msg: string): void }): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const context = String(e.validationContext ?? '请求');
    return validationFailed(e.validation.map((v) => ({ field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || context, message: v.message ?? '无效' })));
  }
  if (e?.statusCode === 413 || e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return tooLarge();
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return e.statusCode === 415 ? unsupported() : malformed(e.statusCode);
  log.error({ err }, 'unhandled error');
  return new AppError('INTERNAL', 500, '服务器内部错误，请稍后重试');
}

/** Authentication as both paths run it: calls back synchronously when the session is cached. */
export type Authenticate = (
  method: string,
  headers: IncomingHttpHeaders,
  permission: Permission | undefined,
  requestId: string,
  done: (err: Error | null, session: { actor: Actor; sessionId: string } | null) => void,
) => void;

/** One call of a direct route, its body already parsed and validated. */
export interface DirectCall<B> {
  readonly id: string;
  readonly actor: Actor | null;
  readonly body: B;
  /** Answer with JSON. */
  send(status: number, payload: unknown): void;
  /** Answer with whatever was thrown, mapped as the error handler maps it. Call it on the call (`(e) => call.fail(e)`): it is a method, not a bound function. */
  fail(err: unknown): void;
}

export interface DirectRoute<S extends z.ZodType> {
  method: 'POST';
  url: string;
  /** Deny by default, as for every /api route. */
  permission: Permission;
  body: S;
  handler: (call: DirectCall<z.output<S>>) => void;
}

/** The part of the server's logger the direct routes use (Fastify's no-op logger has no isLevelEnabled). */
interface RouteLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  isLevelEnabled?(level: string): boolean;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type AnyRoute = DirectRoute<z.ZodType>;

const JSON_TYPE = 'application/json; charset=utf-8';

/** The direct routes of one server, and the server factory that puts them in front of Fastify. */
export class DirectRoutes {
  private readonly table = new Map<string, AnyRoute>();
  private authenticate: Authenticate | null = null;
  private log: RouteLog | null = null;
  private closing = false;

  /** The server's logger; the routes answer only once it and authentication are set. */
  useLogger(log: FastifyBaseLogger): void {
    this.log = log as unknown as RouteLog;
  }

  /** Authentication as every route runs it (installAuth sets it). */
  useAuthentication(auth: Authenticate): void {
    this.authenticate = auth;
  }

  add<S extends z.ZodType>(route: DirectRoute<S>): void {
    this.table.set(`${route.method} ${route.url}`, route as unknown as AnyRoute);
  }

  /** From now on every request goes to Fastify, which answers 503 while it closes. */
  close(): void {
    this.closing = true;
  }

  /** Fastify's serverFactory: the direct routes first, everything else to Fastify's own handler. */
  readonly serverFactory = (fastify: Handler): Server => {
    const server = createServer((req, res) => {
      const url = req.url ?? '';
      const q = url.indexOf('?');
      const route = this.closing || !this.authenticate || !this.log ? undefined : this.table.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
      if (route) this.serve(route, req, res);
      else fastify(req, res);
    });
    // Fastify's own defaults, which it applies only to servers it makes itself.
    server.keepAliveTimeout = 72_000;
    server.requestTimeout = 0;
    return server;
  };

  private serve(route: AnyRoute, req: IncomingMessage, res: ServerResponse): void {
    new Exchange(route, req, res, this.log!).start(this.authenticate!);
  }
}

/**
 * One request on a direct route, from authentication to the answer. A class rather than closures:
 * the hot path then allocates one object per request (and, under tsx, names no functions at run time).
 */
class Exchange implements DirectCall<unknown> {
  readonly id: string;
  actor: Actor | null = null;
  body: unknown = null;
  private readonly started = performance.now();
  private readonly info: boolean;
  private readonly chunks: Buffer[] = [];
  private received = 0;
  private declared = NaN;
  /** A text/plain body, kept as a string. */
  private text = false;
  /** The body has been read or refused; later stream events are ignored. */
  private finished = false;

  constructor(
    private readonly route: AnyRoute,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly log: RouteLog,
  ) {
    this.id = requestIdOf(req.headers);
    this.info = log.isLevelEnabled?.('info') ?? false;
  }

  start(authenticate: Authenticate): void {
    const { req } = this;
    // Shaped as Fastify's request, for the server logger's req serializer.
    if (this.info) this.log.info({ reqId: this.id, req: { method: req.method, url: req.url, headers: req.headers, host: req.headers.host, ip: req.socket.remoteAddress, socket: req.socket } }, 'incoming request');
    authenticate(req.method ?? '', req.headers, this.route.permission, this.id, (err, session) => {
      if (err) return this.fail(err);
      this.actor = session?.actor ?? null;
      this.readBody();
    });
  }

  send(status: number, payload: unknown, close = false): void {
    const text = JSON.stringify(payload);
    const headers: Record<string, string | number> = { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), 'x-request-id': this.id };
    // As Fastify does after a body error: the rest of the stream is not read, so the connection closes.
    if (close) headers.connection = 'close';
    this.res.writeHead(status, headers);
    this.res.end(text);
    if (this.info) this.log.info({ reqId: this.id, res: { statusCode: status }, responseTime: performance.now() - this.started }, 'request completed');
  }

  fail(err: unknown, close = false): void {
    const e = toAppError(err, this);
    this.send(e.status, errorBody(e, this.id), close);
  }

  /** The logger toAppError writes 5xx details to, with this request's id. */
  error(obj: object, msg: string): void {
    this.log.error({ reqId: this.id, ...obj }, msg);
  }

  /** The body by Fastify's rules: media type, size limit, declared length, empty JSON, prototype poisoning. */
  private readBody(): void {
    const { headers } = this.req;
    const type = headers['content-type'];
    const declared = headers['content-length'];
    if (type === undefined && headers['transfer-encoding'] === undefined && (declared === undefined || declared === '0')) {
      // No body at all: Fastify validates null.
      this.body = null;
      return this.validate();
    }
    // Fastify's two default parsers: JSON, and plain text passed on as a string (which no schema here accepts).
    const media = type?.split(';')[0].trim().toLowerCase();
    if (media !== 'application/json' && media !== 'text/plain') return this.fail(unsupported(), true);
    this.text = media === 'text/plain';
    this.declared = Number(declared);
    if (this.declared > BODY_LIMIT) return this.fail(tooLarge(), true);
    // Inline arrows, not named ones: under tsx every named closure is renamed at run time.
    this.req.on('data', (chunk: Buffer) => this.onData(chunk));
    this.req.on('end', () => this.onEnd());
    this.req.on('error', (err) => this.onEnd(err));
  }

  private onData(chunk: Buffer): void {
    if (this.finished) return;
    this.received += chunk.length;
    if (this.received > BODY_LIMIT) {
      this.finished = true;
      return this.fail(tooLarge(), true);
    }
    this.chunks.push(chunk);
  }

  private onEnd(err?: Error): void {
    if (this.finished) return;
    this.finished = true;
    const { received, chunks } = this;
    if (err || (!Number.isNaN(this.declared) && received !== this.declared) || (received === 0 && !this.text)) return this.fail(malformed(), true);
    const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, received).toString('utf8');
    if (this.text) {
      this.body = text;
      return this.validate();
    }
    try {
      this.body = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      return this.fail(malformed(), true);
    }
    this.validate();
  }

  private validate(): void {
    const parsed = this.route.body.safeParse(this.body);
    if (!parsed.success) return this.fail(validationFailed(zodFields(parsed.error.issues, 'body')));
    this.body = parsed.data;
    try {
      this.route.handler(this);
    } catch (err) {
      this.fail(err);
    }
  }
}

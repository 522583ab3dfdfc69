/**
 * The Secure Base server: the JSON API under /api and the built client. One
 * Fastify instance per database; tests drive it with inject() or a real port.
 */
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/errors.js';
import { RateLimiter } from './auth/rateLimit.js';
import { CSRF_HEADER, authOf } from './auth/sessions.js';
import { ContentStore } from './content.js';
import { rederiveAttempts } from './rederive.js';
import type { ServerContext } from './context.js';
import type { Database } from './db/database.js';
import { SECURITY_HEADERS } from './headers.js';
import { attemptRoutes } from './routes/attempts.js';
import { cohortRoutes } from './routes/cohorts.js';
import { sessionRoutes } from './routes/session.js';
import { userRoutes } from './routes/users.js';
import { staticRoutes } from './static.js';
import { xapiRoutes } from './routes/xapi.js';
import { reviewRoutes } from './routes/review.js';
import { boardRoutes } from './routes/board.js';
import { programRoutes } from './routes/program.js';
import { exportRoutes } from './routes/exports.js';
import { recordRoutes } from './routes/records.js';
import { auditRoutes } from './routes/audit.js';
import type { TrustProxy } from './proxy.js';
import { XapiSender } from './xapi/sender.js';
import type { LrsConfig } from './xapi/sender.js';
import { StatementBuilder } from './xapi/statements.js';

export interface AppOptions {
  readonly database: Database;
  /** The scenario library to record and serve (scenarios/). */
  readonly scenarios: string;
  /** The built client to serve (dist/); omitted, only the API is served. */
  readonly client?: string;
  readonly secureCookies?: boolean;
  /** Log requests (never bodies, cookies or passwords). */
  readonly log?: boolean;
  readonly now?: () => Date;
  /** The Learning Record Store to send xAPI statements to; none, none are written. */
  readonly lrs?: LrsConfig | null;
  /** The address trainees use, for xAPI account and activity IRIs; defaults to http://localhost/. */
  readonly publicUrl?: string;
  /** How often the xAPI sender looks at the outbox, in ms. */
  readonly xapiIntervalMs?: number;
  /** The proxies whose X-Forwarded-* headers to believe (TRUST_PROXY); by default none. */
  readonly trustProxy?: TrustProxy;
  /** Where start-up notices go (stored attempts re-derived under new scoring rules); standard output by default. */
  readonly say?: (line: string) => void;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads a query string (and checks its fields itself); any other /api/ route refuses one. */
    query?: boolean;
  }
}

export async function buildApp(options: AppOptions): Promise<{ app: FastifyInstance; ctx: ServerContext }> {
  const now = options.now ?? (() => new Date());
  const { db, dialect } = options.database;
  const ctx: ServerContext = {
    db, dialect, now,
    content: await ContentStore.open(db, options.scenarios, () => now().toISOString()),
    // Five wrong passwords per email, or fifty per address, in fifteen minutes; then a wait.
    signInLimiter: new RateLimiter(5, 15 * 60_000),
    addressLimiter: new RateLimiter(50, 15 * 60_000),
    secureCookies: options.secureCookies ?? false,
    xapi: options.lrs
      ? { statements: new StatementBuilder(new URL(options.publicUrl ?? 'http://localhost/').href), sender: new XapiSender(db, options.lrs, now, options.xapiIntervalMs) }
      : null,
  };
  await rederiveAttempts(ctx, options.say ?? ((line) => void process.stdout.write(`${line}\n`)));
  const app = Fastify({
    bodyLimit: 64 * 1024,
    // A hop count trusts that many proxies in front of the server (Fastify's types omit the number form).
    trustProxy: typeof options.trustProxy === 'number' ? hopsOf(options.trustProxy) : options.trustProxy ?? false,
    // A path the router cannot decode is refused like any other unreadable request.
    frameworkErrors: (error, _request, reply) => void (reply as FastifyReply).code(400).headers(SECURITY_HEADERS).send(new ApiError('SB_API_BAD_REQUEST', error.message).toJSON()),
    logger: options.log ? { level: 'info', redact: ['req.headers.cookie', 'req.headers.authorization', `req.headers["${CSRF_HEADER}"]`] } : false,
  });
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (!request.url.startsWith('/api/')) return;
    request.auth = await authOf(db, request, now().toISOString());
    if (STATE_CHANGING.has(request.method)) refuseForgery(request);
  });

  // A query field a route does not read is a mistake to report, not to ignore.
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/') || request.is404 || request.routeOptions.config.query) return;
    const [field] = Object.keys((request.query ?? {}) as Record<string, unknown>);
    if (field !== undefined) throw new ApiError('SB_API_INVALID', `query: unknown field "${field}"; this endpoint takes no query`);
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).headers(error.headers).send(error.toJSON());
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own refusals: unreadable JSON, wrong content type, a body too large.
      const refusal = fastifyRefusal(error);
      return reply.code(refusal.status).send(refusal.toJSON());
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(new ApiError('SB_API_INTERNAL').toJSON());
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(new ApiError('SB_API_NOT_FOUND', `no such endpoint: ${request.method} ${request.url.split('?')[0]}`).toJSON()));

  if (ctx.xapi) {
    const sender = ctx.xapi.sender;
    app.addHook('onReady', async () => sender.start());
    app.addHook('onClose', async () => sender.stop());
  }
  sessionRoutes(app, ctx);
  xapiRoutes(app, ctx);
  userRoutes(app, ctx);
  cohortRoutes(app, ctx);
  attemptRoutes(app, ctx);
  reviewRoutes(app, ctx);
  boardRoutes(app, ctx);
  programRoutes(app, ctx);
  exportRoutes(app, ctx);
  recordRoutes(app, ctx);
  auditRoutes(app, ctx);
  if (options.client) staticRoutes(app, options.client);
  return { app, ctx };
}

/**
 * A request that changes state must come from this site: a signed-in one must
 * echo the session's anti-forgery token, and any Origin or Sec-Fetch-Site
 * header a browser sends must say same-origin.
 */
function refuseForgery(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin && origin !== `${request.protocol}://${request.host}`) throw new ApiError('SB_API_CSRF', `requests from ${origin} are not accepted`);
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw new ApiError('SB_API_CSRF', 'cross-site requests are not accepted');
  if (request.auth && request.headers[CSRF_HEADER] !== request.auth.csrfToken) {
    throw new ApiError('SB_API_CSRF', `send the session's anti-forgery token in the ${CSRF_HEADER} header`);
  }
}

function hopsOf(count: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < count;
}

function fastifyRefusal(error: FastifyError): ApiError {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return new ApiError('SB_API_UNSUPPORTED_MEDIA');
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return new ApiError('SB_API_TOO_LARGE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return new ApiError('SB_API_BAD_REQUEST', 'the body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return new ApiError('SB_API_BAD_REQUEST', 'the body is not valid JSON');
    default: return new ApiError('SB_API_BAD_REQUEST', error instanceof SyntaxError ? 'the body is not valid JSON' : error.message);
  }
}

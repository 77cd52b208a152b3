/**
 * Builds the Fastify application: uniform JSON errors, OpenAPI at /docs, CORS for the Electron
 * origin, health/config routes, auth, sync, and (with WEB_ROOT) the browser edition under a
 * strict CSP with SPA fallback. Starting and stopping the process is main.ts's job.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { z } from 'zod';
import type { Database } from './db/database';
import { AuthService } from './auth/service';
import { LoginRateLimiter, type LoginRateLimitOptions } from './auth/rate-limit';
import { TokenSigner } from './auth/tokens';
import { DisabledUsers } from './auth/disabled-users';
import { TokenGenerations } from './auth/token-generations';
import { registerAuthRoutes } from './auth/routes';
import { ApiError } from './http/errors';
import { ELECTRON_ORIGIN } from './http/origins';
import { addRoute } from './http/route';
import { registerSyncRoutes } from './sync/routes';
import { registerReadRoutes } from './reports/routes';
import { ChangeFeed } from './sync/feed';
import { registerAdminRoutes } from './admin/routes';
import { registerReferenceRoutes } from './reference/routes';
import { registerCustomerRoutes } from './customers/routes';
import { registerScriptRoutes } from './scripts/routes';
import { registerTeamRoutes } from './team/routes';

export { ELECTRON_ORIGIN };

/** CSP for the browser edition: our own scripts only; SIP over ws:/wss:. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface AppOptions {
  db: Database;
  authSecret: Buffer;
  sipWssUrl?: string | null;
  sipDomain?: string | null;
  /** Folder of the built browser edition (out/renderer) to serve at `/`. */
  webRoot?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  loginRateLimit?: LoginRateLimitOptions;
  /** Extra route modules (reads, queues, …) registered after the core routes. */
  extraRoutes?: ReadonlyArray<(app: FastifyInstance, context: { db: Database }) => void | Promise<void>>;
}

const configResponseSchema = z.object({ sipWssUrl: z.string().nullable(), sipDomain: z.string().nullable() });
const healthResponseSchema = z.object({ status: z.literal('ok'), engine: z.enum(['pglite', 'postgres']) });

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Push batches may carry notes: 500 mutations × up to 10 kB each, plus envelope.
    bodyLimit: 8 * 1024 * 1024,
    trustProxy: false,
  });
  // Zod validates (http/route.ts); Fastify's schemas are documentation only.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.decorate('tokenSigner', new TokenSigner(options.authSecret));
  const disabledUsers = new DisabledUsers(options.db);
  await disabledUsers.start();
  app.addHook('onClose', async () => disabledUsers.stop());
  app.decorate('disabledUsers', disabledUsers);
  const tokenGenerations = new TokenGenerations(options.db);
  await tokenGenerations.start();
  app.addHook('onClose', async () => tokenGenerations.stop());
  app.decorate('tokenGenerations', tokenGenerations);
  app.decorateRequest('user', null);

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    if (apiError.code === 'rate_limited') {
      const details = apiError.details as { retryAfterSeconds?: number } | undefined;
      if (details?.retryAfterSeconds) void reply.header('retry-after', String(details.retryAfterSeconds));
    }
    return reply.status(apiError.statusCode).send(apiError.toBody());
  });

  await app.register(cors, { origin: [ELECTRON_ORIGIN], credentials: false, maxAge: 600 });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Centralita backend', version: '0.1.0', description: 'Auth, sync and reads for the Centralita contact-center client.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  addRoute(app, {
    method: 'GET', url: '/health', tags: ['system'], auth: 'none', summary: 'Liveness and database check',
    response: { 200: healthResponseSchema },
    handler: async () => {
      await options.db.kysely.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
      return { status: 'ok' as const, engine: options.db.engine };
    },
  });
  addRoute(app, {
    method: 'GET', url: '/api/config', tags: ['system'], auth: 'none', summary: 'Client configuration (SIP WebSocket URL and domain)',
    response: { 200: configResponseSchema },
    handler: async () => ({ sipWssUrl: options.sipWssUrl ?? null, sipDomain: options.sipDomain ?? null }),
  });

  const limiter = new LoginRateLimiter(options.db, options.loginRateLimit);
  registerAuthRoutes(app, new AuthService(options.db, app.tokenSigner, limiter));

  const feed = new ChangeFeed(options.db);
  await feed.start();
  app.addHook('onClose', async () => feed.stop());
  registerSyncRoutes(app, { db: options.db, feed });
  // Reads for leads and marketing (KPIs, exclusions, availability) and the work-queue reads.
  registerReadRoutes(app, { db: options.db });
  registerReferenceRoutes(app, { db: options.db });
  registerAdminRoutes(app, { db: options.db, disabledUsers, tokenGenerations });
  registerCustomerRoutes(app, { db: options.db, feed });
  registerScriptRoutes(app, { db: options.db });
  registerTeamRoutes(app, { db: options.db });

  for (const register of options.extraRoutes ?? []) await register(app, { db: options.db });

  if (options.webRoot) await serveWebEdition(app, resolve(options.webRoot));
  else {
    app.setNotFoundHandler((request, reply) => {
      void reply.status(404).send(new ApiError(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`).toBody());
    });
  }
  return app;
}

async function serveWebEdition(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(resolve(root, 'index.html'))) throw new Error(`WEB_ROOT ${root} has no index.html (build the renderer first)`);
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/docs')) {
      void reply.header('content-security-policy', WEB_CSP);
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('referrer-policy', 'no-referrer');
    }
  });
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send(new ApiError(404, 'not_found', `No route ${request.method} ${path}`).toBody());
    }
    // Single-page app: every other GET renders the app shell, the client routes.
    return reply.type('text/html').sendFile('index.html');
  });
}

function toApiError(error: FastifyError | ApiError): ApiError {
  if (error instanceof ApiError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'malformed_json', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported_media_type', 'Send JSON (content-type: application/json)');
    default:
      break;
  }
  if (error instanceof SyntaxError) return new ApiError(400, 'malformed_json', 'The request body is not valid JSON');
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new ApiError(status, 'bad_request', error.message);
  return new ApiError(500, 'internal_error', 'Internal server error');
}

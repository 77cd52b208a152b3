/**
 * Typed routes validated with zod. Fastify's own (ajv) validation and response serialisation
 * are switched off in app.ts: the zod schemas here are the single source of truth, and they are
 * converted to JSON Schema only to document the route in OpenAPI (/docs).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '@contract/domain';
import { apiErrorSchema } from '@contract/auth';
import { authenticate, requireRole, type AuthUser } from '../auth/guard';
import { ApiError, badRequest } from './errors';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface AuthedRouteContext<B, Q, P> extends RouteContext<B, Q, P> {
  user: AuthUser;
}

interface RouteBase<B, Q, P> {
  method: Method;
  url: string;
  summary: string;
  tags?: string[];
  body?: z.ZodType<B>;
  /** Documents a body that the handler validates itself (OpenAPI only). */
  documentedBody?: z.ZodType;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Documented success responses (OpenAPI only). */
  response?: Record<number, z.ZodType>;
  /** Error code for a body that fails validation (default `invalid_request`). */
  invalidBodyCode?: string;
}

export interface PublicRoute<B, Q, P> extends RouteBase<B, Q, P> {
  auth: 'none';
  handler(ctx: RouteContext<B, Q, P>): Promise<unknown>;
}

export interface ProtectedRoute<B, Q, P> extends RouteBase<B, Q, P> {
  /** Roles allowed to call the route; scopes are checked by the handler. */
  auth: readonly Role[];
  handler(ctx: AuthedRouteContext<B, Q, P>): Promise<unknown>;
}

/** Parses `value` with `schema` or throws a 400 ApiError listing the zod issues. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, code = 'invalid_request', what = 'request'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badRequest(code, `Invalid ${what}: ${z.prettifyError(result.error)}`, { issues: result.error.issues.map(({ path, message, code: issue }) => ({ path, message, code: issue })) });
}

export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { target: 'draft-07', io, unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function addRoute<B = undefined, Q = undefined, P = undefined>(
  app: FastifyInstance,
  definition: PublicRoute<B, Q, P> | ProtectedRoute<B, Q, P>,
): void {
  const { method, url, summary, tags, body, query, params, response } = definition;
  const errorSchema = toJsonSchema(apiErrorSchema, 'output');
  const schema: Record<string, unknown> = {
    summary,
    ...(tags ? { tags } : {}),
    ...(body ?? definition.documentedBody ? { body: toJsonSchema((body ?? definition.documentedBody)!, 'input') } : {}),
    ...(query ? { querystring: toJsonSchema(query, 'input') } : {}),
    ...(params ? { params: toJsonSchema(params, 'input') } : {}),
    response: {
      ...Object.fromEntries(Object.entries(response ?? {}).map(([status, responseSchema]) => [status, toJsonSchema(responseSchema, 'output')])),
      '4xx': errorSchema,
      '5xx': errorSchema,
    },
    ...(definition.auth === 'none' ? {} : { security: [{ bearerAuth: [] }] }),
  };
  const guards = definition.auth === 'none' ? [] : [authenticate, requireRole(...definition.auth)];

  app.route({
    method,
    url,
    schema,
    preHandler: guards,
    handler: async (request, reply) => {
      const ctx: RouteContext<B, Q, P> = {
        body: body ? parseOrThrow(body, request.body, definition.invalidBodyCode, 'body') : (undefined as B),
        query: query ? parseOrThrow(query, request.query, 'invalid_query', 'query string') : (undefined as Q),
        params: params ? parseOrThrow(params, request.params, 'invalid_params', 'path parameters') : (undefined as P),
        request,
        reply,
      };
      if (definition.auth === 'none') return definition.handler(ctx);
      const user = request.user;
      if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in first');
      return definition.handler({ ...ctx, user });
    },
  });
}

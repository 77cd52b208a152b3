/** POST /api/auth/login, /refresh, /logout and GET /api/auth/me. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema, refreshRequestSchema, sessionUserSchema } from '@contract/auth';
import { ALL_ROLES } from './roles';
import { addRoute } from '../http/route';
import type { AuthService } from './service';

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService): void {
  addRoute(app, {
    method: 'POST', url: '/api/auth/login', tags: ['auth'], auth: 'none',
    summary: 'Sign in with username and password (rate-limited per IP and username)',
    body: loginRequestSchema,
    response: { 200: loginResponseSchema },
    handler: ({ body, request }) => auth.login(body.username, body.password, request.ip),
  });
  addRoute(app, {
    method: 'POST', url: '/api/auth/refresh', tags: ['auth'], auth: 'none',
    summary: 'Exchange a refresh token for new tokens (the old refresh token is revoked)',
    body: refreshRequestSchema,
    response: { 200: loginResponseSchema },
    handler: ({ body }) => auth.refresh(body.refreshToken),
  });
  addRoute(app, {
    method: 'POST', url: '/api/auth/logout', tags: ['auth'], auth: 'none',
    summary: 'Revoke a refresh token',
    body: refreshRequestSchema,
    response: { 200: z.object({ ok: z.literal(true) }) },
    handler: async ({ body }) => {
      await auth.logout(body.refreshToken);
      return { ok: true };
    },
  });
  addRoute(app, {
    method: 'GET', url: '/api/auth/me', tags: ['auth'], auth: ALL_ROLES,
    summary: 'The signed-in user',
    response: { 200: sessionUserSchema },
    handler: ({ user }) => auth.me(user.id),
  });
}

/**
 * Authentication and authorisation guards, reused by every route module.
 * Roles and scopes (server-side, never trusted from the client):
 * - agent: reads every customer; writes only their own interactions and outcomes; reads only
 *   their own team's queues and calls.
 * - team_lead: reads and re-tags within their own team.
 * - admin: everything, including users, reference lists and scripts.
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from '@contract/domain';
import { ApiError, forbidden } from '../http/errors';
import type { DisabledUsers } from './disabled-users';
import type { TokenGenerations } from './token-generations';
import type { TokenSigner } from './tokens';

export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  teamId: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    tokenSigner: TokenSigner;
    /** Users deactivated within the token lifetime: their still-unexpired tokens are refused. */
    disabledUsers: DisabledUsers | null;
    /** Per-user token generations: tokens issued before a password reset, role or team change or deactivation are refused. */
    tokenGenerations: TokenGenerations | null;
  }
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

/** Resolves the signed-in user from a token, or throws 401. */
export function userFromToken(request: FastifyRequest, token: string | null): AuthUser {
  if (!token) throw new ApiError(401, 'unauthenticated', 'Missing bearer token');
  const claims = request.server.tokenSigner.verify(token);
  if (!claims) throw new ApiError(401, 'invalid_token', 'The access token is invalid or expired');
  if (request.server.disabledUsers?.has(claims.sub)) throw new ApiError(401, 'account_disabled', 'This account has been deactivated');
  if (request.server.tokenGenerations && !request.server.tokenGenerations.isCurrent(claims.sub, claims.gen ?? 0)) {
    throw new ApiError(401, 'token_revoked', 'This access token was revoked (password, role, team or account status changed): refresh it or sign in again');
  }
  return { id: claims.sub, username: claims.usr, role: claims.role, teamId: claims.team };
}

/** preHandler: sets request.user from `Authorization: Bearer <access token>` or answers 401. */
export const authenticate: preHandlerAsyncHookHandler = async (request: FastifyRequest, _reply: FastifyReply) => {
  request.user = userFromToken(request, bearerToken(request));
};

/** preHandler factory: only these roles may call the route (403 otherwise). Runs after authenticate. */
export function requireRole(...roles: readonly Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    const user = request.user;
    if (!user) throw new ApiError(401, 'unauthenticated', 'Sign in first');
    if (!roles.includes(user.role)) throw forbidden(`This needs one of the roles: ${roles.join(', ')}`);
  };
}

/** Whether the user may read or act on data of `teamId` (admins: every team). */
export function canAccessTeam(user: AuthUser, teamId: string | null): boolean {
  if (user.role === 'admin') return true;
  return teamId !== null && user.teamId === teamId;
}

/** Throws 403 unless the user may access `teamId`. */
export function assertTeamAccess(user: AuthUser, teamId: string | null): void {
  if (!canAccessTeam(user, teamId)) throw forbidden('You may only access your own team');
}

/** The teams whose data the user may read: null = all (admin). */
export function visibleTeams(user: AuthUser): string[] | null {
  if (user.role === 'admin') return null;
  return user.teamId ? [user.teamId] : [];
}

/** Whether the user may re-tag outcomes of an interaction that belongs to `teamId`. */
export function canRetag(user: AuthUser, interactionTeamId: string | null): boolean {
  return user.role === 'team_lead' && interactionTeamId !== null && user.teamId === interactionTeamId;
}

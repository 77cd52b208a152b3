/** /api/admin/*: users, teams and reference lists. Admins only (403 for everyone else). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  adminUserSchema, createDispositionRequestSchema, createPauseCodeRequestSchema, createTeamRequestSchema, createUserRequestSchema,
  dispositionSchema, pauseCodeSchema, publishTaxonomyRequestSchema, referenceCodeSchema, resetPasswordRequestSchema, taxonomyTreeSchema,
  teamSchema, updateDispositionRequestSchema, updatePauseCodeRequestSchema, updateUserRequestSchema,
} from '@contract/admin';
import type { DisabledUsers } from '../auth/disabled-users';
import type { TokenGenerations } from '../auth/token-generations';
import { ADMINS } from '../auth/roles';
import type { Database } from '../db/database';
import { addRoute } from '../http/route';
import { announceReferenceRevision } from '../reference/reference-data';
import { createDisposition, createPauseCode, publishTaxonomy, updateDisposition, updatePauseCode, type Revised } from './reference-lists';
import { createTeam, createUser, listTeams, listUsers, resetPassword, setUserActive, updateUser } from './users';

const userParams = z.object({ id: z.uuid() });
const codeParams = z.object({ code: referenceCodeSchema });
const tags = ['admin'];

export function registerAdminRoutes(app: FastifyInstance, { db, disabledUsers, tokenGenerations }: { db: Database; disabledUsers: DisabledUsers; tokenGenerations: TokenGenerations }): void {
  /** Returns the changed entry after telling every process's clients the lists changed. */
  const announce = async <T>(request: FastifyRequest, revised: Revised<T>): Promise<T> => {
    await announceReferenceRevision(db, revised.revision).catch((error: unknown) => request.log.warn({ err: error }, 'reference notification failed'));
    return revised.value;
  };

  // ── Users ──
  addRoute(app, {
    method: 'GET', url: '/api/admin/users', tags, auth: ADMINS, summary: 'Every user, active and deactivated',
    response: { 200: z.object({ users: z.array(adminUserSchema) }) },
    handler: async () => ({ users: await listUsers(db) }),
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/users', tags, auth: ADMINS,
    summary: 'Create a user with role, team, SIP extension and initial password (409 username_taken / sip_extension_taken)',
    body: createUserRequestSchema, response: { 201: adminUserSchema },
    handler: async ({ body, reply }) => {
      const user = await createUser(db, body);
      return reply.status(201).send(user);
    },
  });
  /** After the commit: every server process refuses the user's older access tokens from now on. */
  const announceGeneration = async (request: FastifyRequest, userId: string, generation: number | null): Promise<void> => {
    if (generation === null) return;
    await tokenGenerations.announce(userId, generation).catch((error: unknown) => request.log.warn({ err: error }, 'token generation notification failed'));
  };
  addRoute(app, {
    method: 'PATCH', url: '/api/admin/users/:id', tags, auth: ADMINS,
    summary: 'Change role, team, SIP extension or display name (a role or team change refuses the user\'s current access tokens at once: their next refresh carries the new scope)',
    params: userParams, body: updateUserRequestSchema, response: { 200: adminUserSchema },
    handler: async ({ params, body, user, request }) => {
      const change = await updateUser(db, user.id, params.id, body);
      await announceGeneration(request, params.id, change.generation);
      return change.user;
    },
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/users/:id/deactivate', tags, auth: ADMINS,
    summary: 'Deactivate a user: no sign-in, every refresh token revoked, their access tokens refused by every server process (also after a reactivation)',
    params: userParams, response: { 200: adminUserSchema },
    handler: async ({ params, user, request }) => {
      const change = await setUserActive(db, user.id, params.id, false);
      await disabledUsers.announce(change.user.id, true).catch((error: unknown) => request.log.warn({ err: error }, 'deactivation notification failed'));
      await announceGeneration(request, params.id, change.generation);
      return change.user;
    },
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/users/:id/reactivate', tags, auth: ADMINS, summary: 'Let a deactivated user sign in again',
    params: userParams, response: { 200: adminUserSchema },
    handler: async ({ params, user, request }) => {
      const change = await setUserActive(db, user.id, params.id, true);
      await disabledUsers.announce(change.user.id, false).catch((error: unknown) => request.log.warn({ err: error }, 'reactivation notification failed'));
      return change.user;
    },
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/users/:id/password', tags, auth: ADMINS,
    summary: 'Set a new password; the user\'s sessions and access tokens are revoked at once, in every server process', params: userParams, body: resetPasswordRequestSchema,
    handler: async ({ params, body, reply, request }) => {
      const generation = await resetPassword(db, params.id, body.password);
      await tokenGenerations.announce(params.id, generation).catch((error: unknown) => request.log.warn({ err: error }, 'token generation notification failed'));
      return reply.status(204).send();
    },
  });

  // ── Teams ──
  addRoute(app, {
    method: 'GET', url: '/api/admin/teams', tags, auth: ADMINS, summary: 'Teams with their number of active members',
    response: { 200: z.object({ teams: z.array(teamSchema) }) },
    handler: async () => ({ teams: await listTeams(db) }),
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/teams', tags, auth: ADMINS, summary: 'Create a team (409 team_exists)',
    body: createTeamRequestSchema, response: { 201: teamSchema },
    handler: async ({ body, reply }) => reply.status(201).send(await createTeam(db, body.name)),
  });

  // ── Dispositions and pause codes ──
  addRoute(app, {
    method: 'POST', url: '/api/admin/dispositions', tags, auth: ADMINS,
    summary: 'Add a disposition (hotkey 1–9 unique among active ones: 409 hotkey_taken)',
    body: createDispositionRequestSchema, response: { 201: dispositionSchema },
    handler: async ({ body, request, reply }) => reply.status(201).send(await announce(request, await createDisposition(db, body))),
  });
  addRoute(app, {
    method: 'PATCH', url: '/api/admin/dispositions/:code', tags, auth: ADMINS, summary: 'Change a disposition\'s labels, hotkey, required fields or order',
    params: codeParams, body: updateDispositionRequestSchema, response: { 200: dispositionSchema },
    handler: async ({ params, body, request }) => announce(request, await updateDisposition(db, params.code, body)),
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/dispositions/:code/retire', tags, auth: ADMINS,
    summary: 'Retire a disposition: no longer offered at wrap-up, its hotkey freed; past interactions keep it',
    params: codeParams, response: { 200: dispositionSchema },
    handler: async ({ params, request }) => announce(request, await updateDisposition(db, params.code, { active: false })),
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/dispositions/:code/restore', tags, auth: ADMINS, summary: 'Offer a retired disposition again (409 if its hotkey was reused)',
    params: codeParams, response: { 200: dispositionSchema },
    handler: async ({ params, request }) => announce(request, await updateDisposition(db, params.code, { active: true })),
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/pause-codes', tags, auth: ADMINS, summary: 'Add a pause code',
    body: createPauseCodeRequestSchema, response: { 201: pauseCodeSchema },
    handler: async ({ body, request, reply }) => reply.status(201).send(await announce(request, await createPauseCode(db, body))),
  });
  addRoute(app, {
    method: 'PATCH', url: '/api/admin/pause-codes/:code', tags, auth: ADMINS, summary: 'Change a pause code\'s labels, paid flag, limit or order',
    params: codeParams, body: updatePauseCodeRequestSchema, response: { 200: pauseCodeSchema },
    handler: async ({ params, body, request }) => announce(request, await updatePauseCode(db, params.code, body)),
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/pause-codes/:code/retire', tags, auth: ADMINS, summary: 'Retire a pause code',
    params: codeParams, response: { 200: pauseCodeSchema },
    handler: async ({ params, request }) => announce(request, await updatePauseCode(db, params.code, { active: false })),
  });
  addRoute(app, {
    method: 'POST', url: '/api/admin/pause-codes/:code/restore', tags, auth: ADMINS, summary: 'Offer a retired pause code again',
    params: codeParams, response: { 200: pauseCodeSchema },
    handler: async ({ params, request }) => announce(request, await updatePauseCode(db, params.code, { active: true })),
  });

  // ── Taxonomy ──
  addRoute(app, {
    method: 'POST', url: '/api/admin/taxonomy', tags, auth: ADMINS,
    summary: 'Publish a new version of the whole complaint taxonomy (parents before children); older versions stay readable',
    body: publishTaxonomyRequestSchema, response: { 201: taxonomyTreeSchema },
    handler: async ({ body, request, reply, user }) => reply.status(201).send(await announce(request, await publishTaxonomy(db, user.id, body))),
  });
}

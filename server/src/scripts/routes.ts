/**
 * Call-script routes. Everyone signed in reads published scripts (agents cache them for
 * offline calls) and any stored version (a call keeps the version it started with). Team leads
 * and admins validate, publish (a new version each time; refused with 422 and the validator's
 * issues when invalid) and read the per-step analytics. A team lead changes only their team's
 * scripts (a new script id becomes their team's); center-wide scripts are the admins' (403).
 * The list says who owns each script and whether the caller may change it (same rule as the
 * writes). Unpublished work is kept as one shared server-side draft per script, saved against
 * the revision it started from (409 with the newer draft otherwise).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type ListedScript, draftSaveSchema, listedScriptSchema, scriptIdSchema, scriptPublishSchema, validateScript } from '@contract';
import { ALL_ROLES, LEADS_AND_ADMINS, visibleTeams } from '../auth';
import type { Database } from '../db/database';
import { ApiError, badRequest, notFound } from '../http/errors';
import { addRoute } from '../http/route';
import { scriptAnalytics } from './analytics';
import { discardDraft, listDrafts, readDraft, saveDraft } from './drafts';
import { CENTER_WIDE, canEditScript, recordedOwners } from './ownership';
import { latestVersions, listVersions, publishVersion, readVersion, referenceCodes } from './store';

const idParams = z.object({ id: scriptIdSchema });
const versionParams = z.object({ id: scriptIdSchema, version: z.coerce.number().int().positive() });
const definitionBody = z.object({ definition: z.unknown() });
const isoParam = z.string().datetime({ offset: true });
const analyticsQuery = z.object({ version: z.coerce.number().int().positive().optional(), from: isoParam.optional(), to: isoParam.optional() });

export function registerScriptRoutes(app: FastifyInstance, context: { db: Database }): void {
  const { db } = context;

  addRoute(app, {
    method: 'GET', url: '/api/scripts', tags: ['scripts'], auth: ALL_ROLES,
    summary: 'The newest published version of every call script, with its owner (a team, or center-wide) and whether the caller may change it',
    response: { 200: z.object({ items: z.array(listedScriptSchema) }) },
    handler: async ({ user }) => {
      const [versions, owners] = await Promise.all([latestVersions(db), recordedOwners(db.kysely)]);
      const items: ListedScript[] = versions.map((version) => {
        const owner = owners.get(version.id) ?? CENTER_WIDE;
        return { ...version, owner, canEdit: canEditScript(user, { exists: true, teamId: owner.teamId }) };
      });
      return { items };
    },
  });

  addRoute(app, {
    method: 'GET', url: '/api/scripts/:id/versions', tags: ['scripts'], auth: ALL_ROLES,
    summary: "A script's versions, newest first",
    params: idParams,
    handler: async ({ params }) => {
      const items = await listVersions(db, params.id);
      if (items.length === 0) throw notFound(`No script ${params.id}`);
      return { items };
    },
  });

  addRoute(app, {
    method: 'GET', url: '/api/scripts/:id/versions/:version', tags: ['scripts'], auth: ALL_ROLES,
    summary: 'One stored version of a script (older versions stay readable)',
    params: versionParams,
    handler: async ({ params }) => {
      const version = await readVersion(db, params.id, params.version);
      if (!version) throw notFound(`No version ${params.version} of script ${params.id}`);
      return version;
    },
  });

  addRoute(app, {
    method: 'POST', url: '/api/scripts/validate', tags: ['scripts'], auth: LEADS_AND_ADMINS,
    summary: 'Validate a script definition against the graph rules and the reference lists, without publishing',
    body: definitionBody,
    handler: async ({ body }) => {
      const result = validateScript(body.definition, await referenceCodes(db));
      return { ok: result.ok, issues: result.issues };
    },
  });

  addRoute(app, {
    method: 'POST', url: '/api/scripts', tags: ['scripts'], auth: LEADS_AND_ADMINS,
    summary: 'Publish a script: validated, then stored as its next version (422 with the issues when invalid); removes its shared draft, or answers 409 draft_conflict when `draftRevision` is given and the draft changed since',
    body: scriptPublishSchema,
    handler: async ({ body, user, reply }) => {
      const result = validateScript(body.definition, await referenceCodes(db));
      if (!result.ok) {
        throw new ApiError(422, 'invalid_script', `The script has ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}: ${result.issues.slice(0, 3).map((issue) => issue.message).join('; ')}`, { issues: result.issues });
      }
      const published = await publishVersion(db, result.script, user, body.draftRevision);
      void reply.status(201);
      return published;
    },
  });

  addRoute(app, {
    method: 'GET', url: '/api/scripts/drafts', tags: ['scripts'], auth: LEADS_AND_ADMINS,
    summary: 'The server-side drafts the caller may continue (admins: all; team leads: their team\'s), newest first',
    handler: async ({ user }) => ({ items: await listDrafts(db, user) }),
  });

  addRoute(app, {
    method: 'GET', url: '/api/scripts/:id/draft', tags: ['scripts'], auth: LEADS_AND_ADMINS,
    summary: 'A script\'s draft (404 when there is none or it is another team\'s)',
    params: idParams,
    handler: ({ params, user }) => readDraft(db, user, params.id),
  });

  addRoute(app, {
    method: 'PUT', url: '/api/scripts/:id/draft', tags: ['scripts'], auth: LEADS_AND_ADMINS,
    summary: 'Save the script\'s shared draft over `baseRevision`, the revision it started from (null: no draft yet). Not validated until published; 403 for another team\'s or a center-wide script unless admin; 409 draft_conflict with the newer draft (or null when it was published or discarded) when someone changed it meanwhile',
    params: idParams,
    body: draftSaveSchema,
    handler: async ({ params, body, user }) => {
      const id = (body.definition as { id?: unknown } | null)?.id;
      if (id !== undefined && id !== params.id) throw badRequest('id_mismatch', `The draft's id ${JSON.stringify(id)} is not ${params.id}`);
      return saveDraft(db, user, params.id, body.definition, body.baseRevision);
    },
  });

  addRoute(app, {
    method: 'DELETE', url: '/api/scripts/:id/draft', tags: ['scripts'], auth: LEADS_AND_ADMINS,
    summary: 'Discard a script\'s draft',
    params: idParams,
    handler: async ({ params, user, reply }) => {
      await discardDraft(db, user, params.id);
      return reply.status(204).send();
    },
  });

  addRoute(app, {
    method: 'GET', url: '/api/scripts/:id/analytics', tags: ['scripts'], auth: LEADS_AND_ADMINS,
    summary: 'Per step of a script version: calls that reached it, ended there, answers and the dispositions that followed (team leads: their team)',
    params: idParams,
    query: analyticsQuery,
    handler: async ({ params, query, user }) => {
      const versions = await listVersions(db, params.id);
      if (versions.length === 0) throw notFound(`No script ${params.id}`);
      const versionNumber = query.version ?? versions[0]!.version;
      const stored = await readVersion(db, params.id, versionNumber);
      if (!stored) throw notFound(`No version ${versionNumber} of script ${params.id}`);
      const from = query.from ? new Date(query.from) : null;
      const to = query.to ? new Date(query.to) : null;
      if (from && to && from >= to) throw badRequest('invalid_query', '"from" must be before "to"');
      return scriptAnalytics(db, stored.definition, versionNumber, { teamIds: visibleTeams(user), from, to });
    },
  });
}

/**
 * After-call work is center policy: how long agents have after hang-up and the disposition saved
 * when the time runs out. Kept in app_settings ("after_call_work"), served with the reference
 * lists (GET /api/reference) and changed by admins (PUT /api/admin/after-call-work), which bumps
 * the reference revision so every client refreshes its cached copy.
 */
import type { FastifyInstance } from 'fastify';
import { afterCallWorkSchema, type AfterCallWorkPolicy } from '@contract/reference-lists';
import { ADMINS } from '../auth/roles';
import type { Database } from '../db/database';
import { ApiError } from '../http/errors';
import { addRoute } from '../http/route';
import { AFTER_CALL_WORK_KEY, announceReferenceRevision, bumpReferenceRevision } from './reference-data';

/** Saves a new policy; the default disposition must be active and require no wrap-up fields. */
export async function setAfterCallWorkPolicy(db: Database, policy: AfterCallWorkPolicy): Promise<{ value: AfterCallWorkPolicy; revision: number }> {
  return db.transaction(async (trx) => {
    const revision = await bumpReferenceRevision(trx);
    const disposition = await trx.selectFrom('dispositions').select(['active', 'required_fields']).where('code', '=', policy.defaultDisposition).executeTakeFirst();
    if (!disposition || !disposition.active) {
      throw new ApiError(422, 'unknown_disposition', `No active disposition ${policy.defaultDisposition}`);
    }
    if (disposition.required_fields.length > 0) {
      throw new ApiError(422, 'disposition_requires_fields', `The default disposition must require no wrap-up fields; ${policy.defaultDisposition} requires ${disposition.required_fields.join(', ')}`);
    }
    await trx.insertInto('app_settings').values({ key: AFTER_CALL_WORK_KEY, value: JSON.stringify(policy) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(policy), updated_at: new Date() })).execute();
    return { value: policy, revision };
  });
}

export function registerAfterCallWorkRoutes(app: FastifyInstance, { db }: { db: Database }): void {
  addRoute(app, {
    method: 'PUT', url: '/api/admin/after-call-work', tags: ['admin'], auth: ADMINS,
    summary: 'Set the after-call-work length (10–3600 s) and the disposition saved when it runs out (active, no required fields; else 422)',
    body: afterCallWorkSchema, response: { 200: afterCallWorkSchema },
    handler: async ({ body, request }) => {
      const { value, revision } = await setAfterCallWorkPolicy(db, body);
      await announceReferenceRevision(db, revision).catch((error: unknown) => request.log.warn({ err: error }, 'reference notification failed'));
      return value;
    },
  });
}

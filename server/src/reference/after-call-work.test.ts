import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_AFTER_CALL_WORK } from '@contract';
import type { ReferenceData } from '@contract/admin';
import { createTestApp, type Session, type TestApp } from '../../test/harness';
import { describeEachEngine } from '../../test/engines';

describeEachEngine('after-call-work policy', (engine) => {
  let app: TestApp;
  const call = (session: Session, method: 'GET' | 'PUT', url: string, payload?: Record<string, unknown>) =>
    app.app.inject({ method, url, headers: { authorization: `Bearer ${session.token}` }, ...(payload ? { payload } : {}) });
  const reference = async (session: Session) => (await call(session, 'GET', '/api/reference')).json<ReferenceData>();

  beforeAll(async () => {
    app = await createTestApp(engine.db());
  });
  afterAll(async () => app?.close());

  it('is served with the reference lists, with the defaults until an admin sets it', async () => {
    expect((await reference(app.sessions.agent1)).afterCallWork).toEqual(DEFAULT_AFTER_CALL_WORK);
  });

  it('an admin sets it: the revision changes and every client gets the new policy', async () => {
    const before = await reference(app.sessions.agent1);
    const response = await call(app.sessions.admin, 'PUT', '/api/admin/after-call-work', { seconds: 45, defaultDisposition: 'no_answer' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ seconds: 45, defaultDisposition: 'no_answer' });
    const after = await reference(app.sessions.agent3);
    expect(after.afterCallWork).toEqual({ seconds: 45, defaultDisposition: 'no_answer' });
    expect(after.revision).toBeGreaterThan(before.revision);
    // The old ETag no longer matches, so cached clients download the change.
    const conditional = await app.app.inject({
      method: 'GET', url: '/api/reference', headers: { authorization: `Bearer ${app.sessions.agent1.token}`, 'if-none-match': `"ref-${before.revision}"` },
    });
    expect(conditional.statusCode).toBe(200);
  });

  it('refuses a default disposition that is unknown, retired or requires wrap-up fields (422), and non-admins (403)', async () => {
    const put = (session: Session, body: Record<string, unknown>) => call(session, 'PUT', '/api/admin/after-call-work', body);
    expect((await put(app.sessions.lead1, { seconds: 60, defaultDisposition: 'sale' })).statusCode).toBe(403);
    expect((await put(app.sessions.agent1, { seconds: 60, defaultDisposition: 'sale' })).statusCode).toBe(403);
    const unknown = await put(app.sessions.admin, { seconds: 60, defaultDisposition: 'party' });
    expect([unknown.statusCode, unknown.json<{ error: { code: string } }>().error.code]).toEqual([422, 'unknown_disposition']);
    const demanding = await put(app.sessions.admin, { seconds: 60, defaultDisposition: 'complaint_logged' });
    expect([demanding.statusCode, demanding.json<{ error: { code: string } }>().error.code]).toEqual([422, 'disposition_requires_fields']);
    expect((await put(app.sessions.admin, { seconds: 5, defaultDisposition: 'sale' })).statusCode).toBe(400);
    expect((await app.app.inject({ method: 'POST', url: '/api/admin/dispositions/sale/retire', headers: { authorization: `Bearer ${app.sessions.admin.token}` } })).statusCode).toBe(200);
    const retired = await put(app.sessions.admin, { seconds: 60, defaultDisposition: 'sale' });
    expect(retired.statusCode).toBe(422);
    // Nothing refused was stored.
    expect((await reference(app.sessions.agent1)).afterCallWork).toEqual({ seconds: 45, defaultDisposition: 'no_answer' });
  });
});

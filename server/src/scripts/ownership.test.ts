import { afterAll, beforeAll, expect, it } from 'vitest';
import { STARTER_SCRIPTS, type ScriptDefinitionInput } from '@contract';
import { createTestApp, login, type Session, type TestApp } from '../../test/harness';
import { describeEachEngine } from '../../test/engines';
import { seedStarterScripts } from './seed';

const t = (en: string, es: string) => ({ en, es });
const script = (id: string, closing = 'Bye'): ScriptDefinitionInput => ({
  schemaVersion: 1, id, name: t('Team script', 'Guion del equipo'), start: 'done',
  steps: [{ id: 'done', type: 'end', disposition: 'information_provided', text: t(closing, 'Adiós') }],
});

describeEachEngine('script ownership and server-side drafts', (engine) => {
  let app: TestApp;
  let leadB: Session;
  const call = (session: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.app.inject({ method, url, headers: { authorization: `Bearer ${session.token}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const publish = (session: Session, definition: unknown) => call(session, 'POST', '/api/scripts', { definition });

  beforeAll(async () => {
    app = await createTestApp(engine.db());
    await seedStarterScripts(engine.db());
    // A team lead of team B, next to the demo's lead1 (team A).
    const created = await call(app.sessions.admin, 'POST', '/api/admin/users', {
      username: 'leadb', displayName: 'Lead B', role: 'team_lead', teamId: app.accounts.teams['Team B'], password: 'centralita-lead-b',
    });
    expect(created.statusCode).toBe(201);
    leadB = await login(app.app, 'leadb', 'centralita-lead-b');
  });
  afterAll(async () => app?.close());

  it('a new script belongs to the team of the lead who publishes it: that team\'s leads and admins change it, others get 403', async () => {
    expect((await publish(app.sessions.lead1, script('team-a-welcome'))).statusCode).toBe(201);
    expect((await publish(leadB, script('team-a-welcome', 'Hijacked'))).statusCode).toBe(403);
    expect((await publish(app.sessions.lead1, script('team-a-welcome', 'Bye v2'))).json()).toMatchObject({ version: 2 });
    expect((await publish(app.sessions.admin, script('team-a-welcome', 'Bye v3'))).json()).toMatchObject({ version: 3 });
    const versions = (await call(app.sessions.agent1, 'GET', '/api/scripts/team-a-welcome/versions')).json<{ items: unknown[] }>().items;
    expect(versions).toHaveLength(3);
  });

  it('starter and admin-created scripts are center-wide: only admins publish them', async () => {
    const starter = STARTER_SCRIPTS[0]!;
    expect((await publish(app.sessions.lead1, starter)).statusCode).toBe(403);
    expect((await publish(leadB, starter)).statusCode).toBe(403);
    expect((await publish(app.sessions.admin, starter)).statusCode).toBe(201);
    expect((await publish(app.sessions.admin, script('center-policy'))).statusCode).toBe(201);
    expect((await publish(app.sessions.lead1, script('center-policy', 'Mine now'))).statusCode).toBe(403);
    expect((await publish(app.sessions.agent1, script('agent-script'))).statusCode).toBe(403);
  });

  it('drafts are shared per script within the owning team, refused to other teams, and removed by publishing', async () => {
    const draft = { ...script('team-b-draft'), steps: [] }; // drafts may be incomplete
    const saved = await call(leadB, 'PUT', '/api/scripts/team-b-draft/draft', { definition: draft });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ scriptId: 'team-b-draft', teamId: app.accounts.teams['Team B'] });

    // Team B's leads and admins see it; team A's lead does not, and may not overwrite it.
    expect((await call(leadB, 'GET', '/api/scripts/drafts')).json<{ items: Array<{ scriptId: string; updatedByName: string | null }> }>().items)
      .toContainEqual(expect.objectContaining({ scriptId: 'team-b-draft', updatedByName: 'Lead B' }));
    expect((await call(app.sessions.admin, 'GET', '/api/scripts/drafts')).json<{ items: Array<{ scriptId: string }> }>().items.map((item) => item.scriptId)).toContain('team-b-draft');
    expect((await call(app.sessions.lead1, 'GET', '/api/scripts/drafts')).json<{ items: Array<{ scriptId: string }> }>().items.map((item) => item.scriptId)).not.toContain('team-b-draft');
    expect((await call(app.sessions.lead1, 'GET', '/api/scripts/team-b-draft/draft')).statusCode).toBe(404);
    expect((await call(app.sessions.lead1, 'PUT', '/api/scripts/team-b-draft/draft', { definition: draft })).statusCode).toBe(403);
    expect((await call(app.sessions.lead1, 'PUT', `/api/scripts/${STARTER_SCRIPTS[0]!.id}/draft`, { definition: STARTER_SCRIPTS[0] })).statusCode).toBe(403);
    expect((await call(app.sessions.agent1, 'GET', '/api/scripts/drafts')).statusCode).toBe(403);
    expect((await call(leadB, 'PUT', '/api/scripts/team-b-draft/draft', { definition: script('another-id') })).statusCode).toBe(400);

    // The owner's draft is read back as saved, then publishing removes it.
    expect((await call(app.sessions.admin, 'GET', '/api/scripts/team-b-draft/draft')).json()).toMatchObject({ definition: draft, teamId: app.accounts.teams['Team B'] });
    expect((await publish(leadB, script('team-b-draft'))).statusCode).toBe(201);
    expect((await call(leadB, 'GET', '/api/scripts/team-b-draft/draft')).statusCode).toBe(404);
    expect((await publish(app.sessions.lead1, script('team-b-draft', 'Team A was here'))).statusCode).toBe(403);

    // Discarding a draft.
    await call(leadB, 'PUT', '/api/scripts/team-b-draft/draft', { definition: script('team-b-draft', 'Next') });
    expect((await call(app.sessions.lead1, 'DELETE', '/api/scripts/team-b-draft/draft')).statusCode).toBe(404);
    expect((await call(leadB, 'DELETE', '/api/scripts/team-b-draft/draft')).statusCode).toBe(204);
    expect((await call(leadB, 'GET', '/api/scripts/team-b-draft/draft')).statusCode).toBe(404);
  });
});

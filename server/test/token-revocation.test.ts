import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { TOKEN_GENERATIONS_CHANNEL } from '../src/auth/token-generations';
import { LISTENER_APPLICATION_NAME } from '../src/db/notification-connection';
import { describeEachEngine } from './engines';
import { createTestApp, login, TEST_SECRET, type Session, type TestApp } from './harness';

describeEachEngine('password reset, role and team changes and deactivation revoke access tokens at once', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db()); });
  afterAll(async () => { await t?.close(); });

  const me = (app: TestApp['app'], session: Session) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${session.token}` } });
  const reset = (userId: string, password: string) => t.app.inject({
    method: 'POST', url: `/api/admin/users/${userId}/password`, payload: { password }, headers: { authorization: `Bearer ${t.sessions.admin.token}` },
  });
  const admin = (method: 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) => t.app.inject({
    method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${t.sessions.admin.token}` },
  });
  const expectRevoked = async (session: Session, code = 'token_revoked') => {
    const response = await me(t.app, session);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe(code);
  };
  let userCount = 0;
  /** A fresh agent of team A, signed in. */
  const newAgent = async (): Promise<{ id: string; username: string; session: Session }> => {
    const username = `revoke${++userCount}`;
    const created = await admin('POST', '/api/admin/users', {
      username, displayName: `Revoke ${userCount}`, role: 'agent', teamId: t.accounts.teams['Team A'], password: 'a-long-password-1',
    });
    expect(created.statusCode).toBe(201);
    return { id: created.json().id, username, session: await login(t.app, username, 'a-long-password-1') };
  };
  const refresh = (session: Session) => t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.login.refreshToken } });

  it('refuses every access token issued before the reset; tokens issued after it and other users are unaffected', async () => {
    const before = await login(t.app, 'agent1');
    const alsoBefore = await login(t.app, 'agent1');
    expect((await me(t.app, before)).statusCode).toBe(200);

    expect((await reset(before.login.user.id, 'a-brand-new-password')).statusCode).toBe(204);
    for (const session of [before, alsoBefore, t.sessions.agent1]) {
      const response = await me(t.app, session);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('token_revoked');
    }
    const after = await login(t.app, 'agent1', 'a-brand-new-password');
    expect((await me(t.app, after)).statusCode).toBe(200);
    expect((await me(t.app, t.sessions.agent3)).statusCode).toBe(200);
    // A push with the old token is refused before anything is written.
    const push = await t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${before.token}` }, payload: { clientId: 'c1', mutations: [] },
    });
    expect(push.statusCode).toBe(401);

    // A second reset revokes the tokens of the first.
    expect((await reset(before.login.user.id, 'yet-another-password')).statusCode).toBe(204);
    expect((await me(t.app, after)).json().error.code).toBe('token_revoked');
    expect((await me(t.app, await login(t.app, 'agent1', 'yet-another-password'))).statusCode).toBe(200);
  });

  it('a role or team change refuses the older access tokens; a refresh carries the new scope; a name change revokes nothing', async () => {
    const { id, session } = await newAgent();
    expect((await admin('PATCH', `/api/admin/users/${id}`, { displayName: 'Just Renamed' })).statusCode).toBe(200);
    expect((await me(t.app, session)).statusCode).toBe(200);

    // Promoted to team lead: the agent token must not keep working, with or without its old role.
    expect((await admin('PATCH', `/api/admin/users/${id}`, { role: 'team_lead' })).statusCode).toBe(200);
    await expectRevoked(session);
    const refreshed = await refresh(session);
    expect(refreshed.statusCode).toBe(200);
    const lead: Session = { token: refreshed.json().accessToken, login: refreshed.json() };
    expect((await me(t.app, lead)).json()).toMatchObject({ role: 'team_lead', teamId: t.accounts.teams['Team A'] });

    // Moved to team B: team A's data is no longer theirs, and the token that says team A is refused.
    expect((await admin('PATCH', `/api/admin/users/${id}`, { teamId: t.accounts.teams['Team B'] })).statusCode).toBe(200);
    await expectRevoked(lead);
    const moved = await refresh(lead);
    expect(moved.statusCode).toBe(200);
    expect((await me(t.app, { token: moved.json().accessToken, login: moved.json() })).json()).toMatchObject({ teamId: t.accounts.teams['Team B'] });
    // Other users' tokens are untouched.
    expect((await me(t.app, t.sessions.agent3)).statusCode).toBe(200);
  });

  it('a deactivation refuses the older access tokens even after a reactivation', async () => {
    const { id, username, session } = await newAgent();
    expect((await admin('POST', `/api/admin/users/${id}/deactivate`)).statusCode).toBe(200);
    await expectRevoked(session, 'account_disabled');
    expect((await admin('POST', `/api/admin/users/${id}/reactivate`)).statusCode).toBe(200);
    await expectRevoked(session);
    expect((await refresh(session)).statusCode).toBe(401);
    expect((await me(t.app, await login(t.app, username, 'a-long-password-1'))).statusCode).toBe(200);
  });

  if (engine.engine === 'postgres') {
    it('every server process refuses the old tokens, including one started after the reset', async () => {
      const session = await login(t.app, 'agent2');
      const otherDb = await engine.openAnother();
      const running = await buildApp({ db: otherDb, authSecret: TEST_SECRET });
      try {
        expect((await me(running, session)).statusCode).toBe(200);
        // Registered after that process's own listener, so it runs after it has applied the bump.
        const notified = new Promise<void>((resolve) => { void otherDb.listen(TOKEN_GENERATIONS_CHANNEL, () => resolve()); });
        expect((await reset(session.login.user.id, 'a-fresh-password-2')).statusCode).toBe(204);
        await notified;
        expect((await me(running, session)).json().error.code).toBe('token_revoked');
        const fresh = await login(t.app, 'agent2', 'a-fresh-password-2');
        expect((await me(running, fresh)).statusCode).toBe(200);

        const later = await buildApp({ db: await engine.openAnother(), authSecret: TEST_SECRET });
        try {
          expect((await me(later, session)).json().error.code).toBe('token_revoked');
          expect((await me(later, fresh)).statusCode).toBe(200);
        } finally {
          await later.close();
        }
      } finally {
        await running.close();
      }
    });

    it('a process whose notification connection dropped re-reads the generations when it is back', async () => {
      const { id, session } = await newAgent();
      const otherDb = await engine.openAnother();
      const running = await buildApp({ db: otherDb, authSecret: TEST_SECRET });
      try {
        expect((await me(running, session)).statusCode).toBe(200);
        // A bump whose notification never reached the process (sent while it was disconnected).
        await sql`update users set token_generation = token_generation + 1 where id = ${id}::uuid`.execute(t.db.kysely);
        expect((await me(running, session)).statusCode).toBe(200);

        // Subscribed after the process's own listeners, so its hook runs after theirs re-read.
        const reconnected = new Promise<void>((resolve) => { void otherDb.listen(TOKEN_GENERATIONS_CHANNEL, () => {}, { onReconnect: resolve }); });
        const dropped = await sql<{ n: number }>`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()`.execute(t.db.kysely);
        expect(dropped.rows[0]!.n).toBeGreaterThanOrEqual(2);
        await reconnected;
        expect((await me(running, session)).json().error.code).toBe('token_revoked');

        // Back on the air: a bump announced now is heard as before.
        const notified = new Promise<void>((resolve) => { void otherDb.listen(TOKEN_GENERATIONS_CHANNEL, () => resolve()); });
        const fresh = await login(t.app, (await t.db.kysely.selectFrom('users').select('username').where('id', '=', id).executeTakeFirstOrThrow()).username, 'a-long-password-1');
        expect((await me(running, fresh)).statusCode).toBe(200);
        expect((await admin('PATCH', `/api/admin/users/${id}`, { role: 'team_lead' })).statusCode).toBe(200);
        await notified;
        expect((await me(running, fresh)).json().error.code).toBe('token_revoked');
      } finally {
        await running.close();
      }
    });
  }
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { TOKEN_GENERATIONS_CHANNEL } from '../src/auth/token-generations';
import { describeEachEngine } from './engines';
import { createTestApp, login, TEST_SECRET, type Session, type TestApp } from './harness';

describeEachEngine('password reset revokes access tokens at once', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db()); });
  afterAll(async () => { await t?.close(); });

  const me = (app: TestApp['app'], session: Session) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${session.token}` } });
  const reset = (userId: string, password: string) => t.app.inject({
    method: 'POST', url: `/api/admin/users/${userId}/password`, payload: { password }, headers: { authorization: `Bearer ${t.sessions.admin.token}` },
  });

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
  }
});

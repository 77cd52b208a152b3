import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LoginResponse } from '@contract/auth';
import { buildApp } from '../src/app';
import { bootstrap, DemoAccountsInProductionError } from '../src/bootstrap';
import { createTestApp, login, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describeEachEngine('auth', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db(), { loginRateLimit: { maxFailures: 3, windowMs: 60_000 } }); });
  afterAll(async () => { await t?.close(); });

  const post = (url: string, payload: unknown, ip = '10.0.0.1') => t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, remoteAddress: ip });

  it('signs in with argon2id and returns the session user', async () => {
    const response = await post('/api/auth/login', { username: 'Agent1', password: 'centralita' });
    expect(response.statusCode).toBe(200);
    const body = response.json<LoginResponse>();
    expect(body.user).toMatchObject({ username: 'agent1', role: 'agent', sipExtension: '1001', teamId: t.accounts.teams['Team A'] });
    expect(body.expiresIn).toBe(900);
    const stored = await t.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'agent1').executeTakeFirstOrThrow();
    expect(stored.password_hash.startsWith('$argon2id$')).toBe(true);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(me.json()).toEqual(body.user);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await post('/api/auth/login', { username: 'agent2', password: 'nope' }, '10.0.0.2');
    const unknown = await post('/api/auth/login', { username: 'nobody', password: 'nope' }, '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('rate-limits failed sign-ins per IP and username with 429', async () => {
    for (let i = 0; i < 3; i++) expect((await post('/api/auth/login', { username: 'agent3', password: 'bad' }, '10.0.0.3')).statusCode).toBe(401);
    const limited = await post('/api/auth/login', { username: 'agent3', password: 'centralita' }, '10.0.0.3');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another IP, or another username from the same IP, is not affected.
    expect((await post('/api/auth/login', { username: 'agent3', password: 'centralita' }, '10.0.0.4')).statusCode).toBe(200);
    expect((await post('/api/auth/login', { username: 'agent2', password: 'centralita' }, '10.0.0.3')).statusCode).toBe(200);
  });

  it('rotates refresh tokens and refuses a used or revoked one', async () => {
    const first = (await login(t.app, 'lead1')).login;
    const rotated = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json<LoginResponse>();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.username).toBe('lead1');

    const reused = await post('/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.code).toBe('invalid_refresh_token');
    // Reuse of a rotated token revokes the whole family, including the newest token.
    expect((await post('/api/auth/refresh', { refreshToken: second.refreshToken })).statusCode).toBe(401);

    const fresh = (await login(t.app, 'lead1')).login;
    expect((await post('/api/auth/logout', { refreshToken: fresh.refreshToken })).statusCode).toBe(200);
    expect((await post('/api/auth/refresh', { refreshToken: fresh.refreshToken })).statusCode).toBe(401);
  });

  it('validates auth bodies', async () => {
    const response = await post('/api/auth/login', { username: '', password: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('refuses to start in production while demo accounts exist, unless in demo mode', async () => {
    await expect(bootstrap(t.db, { production: true, demo: false })).rejects.toBeInstanceOf(DemoAccountsInProductionError);
    await expect(bootstrap(t.db, { production: true, demo: true, demoCustomers: 0 })).resolves.toEqual({ seeded: false });
    await expect(bootstrap(t.db, { production: false, demo: false })).resolves.toEqual({ seeded: false });
  });

  it('rejects tokens signed with another secret', async () => {
    const other = await buildApp({ db: t.db, authSecret: Buffer.from('another-secret-another-secret-another-secret', 'utf8') });
    try {
      const response = await other.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${t.sessions.agent1.token}` } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('invalid_token');
    } finally {
      await other.close();
    }
  });
});

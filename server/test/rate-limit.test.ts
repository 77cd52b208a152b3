import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { LoginRateLimiter, loginRateLimitKey } from '../src/auth/rate-limit';
import { createTestApp, TEST_SECRET, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describeEachEngine('login rate limit', (engine) => {
  const limit = { maxFailures: 3, windowMs: 60_000 };
  let t: TestApp;
  /** A second server process on the same database (PostgreSQL); PGlite has one process. */
  let second: FastifyInstance;
  beforeAll(async () => {
    t = await createTestApp(engine.db(), { loginRateLimit: limit });
    second = engine.engine === 'postgres'
      ? await buildApp({ db: await engine.openAnother(), authSecret: TEST_SECRET, loginRateLimit: limit })
      : t.app;
  });
  afterAll(async () => {
    if (second !== t?.app) await second?.close();
    await t?.close();
  });

  const attempt = (app: FastifyInstance, username: string, password: string, ip = '10.1.0.1') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  it('counts failures across server processes sharing the database', async () => {
    expect((await attempt(t.app, 'agent3', 'wrong-1')).statusCode).toBe(401);
    expect((await attempt(second, 'agent3', 'wrong-2')).statusCode).toBe(401);
    expect((await attempt(t.app, 'agent3', 'wrong-3')).statusCode).toBe(401);
    for (const app of [t.app, second]) {
      const limited = await attempt(app, 'agent3', 'centralita');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another IP, or another user from the same IP, is not held back.
    expect((await attempt(second, 'agent3', 'centralita', '10.1.0.2')).statusCode).toBe(200);
    expect((await attempt(second, 'agent2', 'centralita')).statusCode).toBe(200);
  });

  it('stores only a hash of who tried, and a success clears the count', async () => {
    expect((await attempt(second, 'lead1', 'nope', '10.1.0.9')).statusCode).toBe(401);
    const stored = await t.db.kysely.selectFrom('login_failures').select('key').execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.key))).toBe(true);
    expect((await attempt(t.app, 'lead1', 'centralita', '10.1.0.9')).statusCode).toBe(200);
    const left = await t.db.kysely.selectFrom('login_failures').select('key').where('key', '=', loginRateLimitKey('10.1.0.9', 'lead1')).execute();
    expect(left).toEqual([]);
  });

  it('lets a key try again once its failures leave the window', async () => {
    const limiter = new LoginRateLimiter(t.db, { maxFailures: 2, windowMs: 10_000 });
    const key = loginRateLimitKey('10.1.0.50', 'window-test');
    const start = Date.parse('2026-05-01T10:00:00Z');
    await limiter.recordFailure(key, start);
    await limiter.recordFailure(key, start + 4_000);
    expect(await limiter.retryAfterSeconds(key, start + 5_000)).toBe(5);
    expect(await limiter.retryAfterSeconds(key, start + 10_001)).toBe(0);
  });
});

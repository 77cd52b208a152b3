import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, ELECTRON_ORIGIN } from '../src/app';
import { loadConfig } from '../src/config';
import { openTestPGlite } from './engines';
import { TEST_SECRET } from './harness';
import type { Database } from '../src/db/database';
import type { FastifyInstance } from 'fastify';

describe('http app', () => {
  let db: Database;
  let app: FastifyInstance;
  let webRoot: string;

  beforeAll(async () => {
    db = await openTestPGlite();
    webRoot = mkdtempSync(join(tmpdir(), 'centralita-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Centralita</title>');
    writeFileSync(join(webRoot, 'app.js'), 'console.log(1)');
    app = await buildApp({ db, authSecret: TEST_SECRET, sipWssUrl: 'wss://pbx.example:8443/ws', sipDomain: 'pbx.example', webRoot });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('reports health and client configuration', async () => {
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok', engine: 'pglite' });
    expect((await app.inject({ method: 'GET', url: '/api/config' })).json()).toEqual({ sipWssUrl: 'wss://pbx.example:8443/ws', sipDomain: 'pbx.example' });
  });

  it('serves the OpenAPI document with the sync and auth routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    for (const path of ['/api/sync/push', '/api/sync/pull', '/api/sync/events', '/api/auth/login', '/api/auth/refresh', '/health']) expect(paths).toContain(path);
  });

  it('allows CORS only for the Electron origin', async () => {
    const allowed = await app.inject({ method: 'OPTIONS', url: '/api/sync/pull', headers: { origin: ELECTRON_ORIGIN, 'access-control-request-method': 'GET' } });
    expect(allowed.headers['access-control-allow-origin']).toBe(ELECTRON_ORIGIN);
    const foreign = await app.inject({ method: 'GET', url: '/api/config', headers: { origin: 'https://evil.example' } });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the browser edition with a strict CSP and falls back to index.html', async () => {
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain('connect-src \'self\' ws: wss:');
    const deep = await app.inject({ method: 'GET', url: '/queues/today' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>Centralita</title>');
    expect((await app.inject({ method: 'GET', url: '/app.js' })).body).toBe('console.log(1)');
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });

  it('reads its configuration from the environment and rejects bad values', () => {
    expect(loadConfig({})).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: '.centralita-data', sipWssUrl: null, demo: false, production: false });
    expect(loadConfig({ PORT: '9000', CENTRALITA_DEMO: '1', NODE_ENV: 'production' })).toMatchObject({ port: 9000, demo: true, production: true });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});

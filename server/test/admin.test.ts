import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUser, Disposition, ReferenceData, TaxonomyTree, Team } from '@contract/admin';
import type { LoginResponse } from '@contract/auth';
import { buildApp } from '../src/app';
import { DISABLED_USERS_CHANNEL } from '../src/auth/disabled-users';
import { ChangeFeed } from '../src/sync/feed';
import { createTestApp, login, mutation, snapshotCounts, TEST_SECRET, uuidv7, type Session, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describeEachEngine('admin API', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine.db()); });
  afterAll(async () => { await t?.close(); });

  const call = (session: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) => t.app.inject({
    method, url, headers: { ...(session ? { authorization: `Bearer ${session.token}` } : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  const admin = () => t.sessions.admin;
  const reference = async () => (await call(admin(), 'GET', '/api/reference')).json<ReferenceData>();

  describe('authorization', () => {
    const routes: Array<['GET' | 'POST' | 'PATCH', string, unknown?]> = [
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users', { username: 'x1', displayName: 'X', role: 'admin', password: 'long-enough-pw' }],
      ['PATCH', `/api/admin/users/${uuidv7()}`, { displayName: 'X' }],
      ['POST', `/api/admin/users/${uuidv7()}/deactivate`],
      ['POST', `/api/admin/users/${uuidv7()}/password`, { password: 'long-enough-pw' }],
      ['GET', '/api/admin/teams'],
      ['POST', '/api/admin/teams', { name: 'Team Z' }],
      ['POST', '/api/admin/dispositions', { code: 'zz_test', labelEn: 'Z', labelEs: 'Z' }],
      ['PATCH', '/api/admin/dispositions/sale', { labelEn: 'Sold' }],
      ['POST', '/api/admin/dispositions/sale/retire'],
      ['POST', '/api/admin/pause-codes', { code: 'zz_test', labelEn: 'Z', labelEs: 'Z' }],
      ['PATCH', '/api/admin/pause-codes/lunch', { maxMinutes: 5 }],
      ['POST', '/api/admin/pause-codes/lunch/retire'],
      ['POST', '/api/admin/taxonomy', { nodes: [{ id: 'only', labelEn: 'Only', labelEs: 'Solo', slaHours: 1 }] }],
    ];

    it('answers agents and team leads 403 and anonymous callers 401, changing nothing', async () => {
      const before = await reference();
      const usersBefore = await t.db.kysely.selectFrom('users').selectAll().orderBy('id').execute();
      for (const [method, url, payload] of routes) {
        for (const who of [t.sessions.agent1, t.sessions.lead1]) {
          const response = await call(who, method, url, payload);
          expect(response.statusCode, `${method} ${url}`).toBe(403);
          expect(response.json().error.code).toBe('forbidden');
        }
        expect((await call(null, method, url, payload)).statusCode, `${method} ${url}`).toBe(401);
      }
      expect(await reference()).toEqual(before);
      expect(await t.db.kysely.selectFrom('users').selectAll().orderBy('id').execute()).toEqual(usersBefore);
    });

    it('lets every signed-in role download the reference lists', async () => {
      for (const who of [t.sessions.agent3, t.sessions.lead1, t.sessions.admin]) {
        const response = await call(who, 'GET', '/api/reference');
        expect(response.statusCode).toBe(200);
        const body = response.json<ReferenceData>();
        expect(body.dispositions.find((d) => d.code === 'resolved')).toMatchObject({ hotkey: 1, requiredFields: ['firstContactResolution'], active: true });
        expect(body.pauseCodes.map((p) => p.code)).toContain('lunch');
        expect(body.taxonomy.nodes.find((n) => n.id === 'delivery_delay')).toMatchObject({ parentId: 'delivery', slaHours: 48 });
      }
    });

    it('documents the admin and reference routes in OpenAPI', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
        '/api/admin/users', '/api/admin/users/{id}', '/api/admin/users/{id}/deactivate', '/api/admin/users/{id}/password', '/api/admin/teams',
        '/api/admin/dispositions', '/api/admin/dispositions/{code}/retire', '/api/admin/pause-codes', '/api/admin/taxonomy',
        '/api/reference', '/api/reference/taxonomy/{version}',
      ]));
      expect(doc.paths['/api/admin/users']!.post).toHaveProperty('requestBody');
    });
  });

  describe('users and teams', () => {
    it('creates a team and an agent in it who can sign in with the SIP extension set', async () => {
      const team = await call(admin(), 'POST', '/api/admin/teams', { name: 'Team C' });
      expect(team.statusCode).toBe(201);
      const teamId = team.json<Team>().id;
      expect((await call(admin(), 'POST', '/api/admin/teams', { name: 'Team C' })).json().error.code).toBe('team_exists');

      const created = await call(admin(), 'POST', '/api/admin/users', {
        username: 'Agent7', displayName: 'Elena Ruiz', role: 'agent', teamId, sipExtension: '1007', password: 'a-long-password',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json<AdminUser>()).toMatchObject({ username: 'agent7', role: 'agent', teamId, sipExtension: '1007', active: true });
      const session = await login(t.app, 'agent7', 'a-long-password');
      expect(session.login.user).toMatchObject({ displayName: 'Elena Ruiz', teamId, sipExtension: '1007' });

      const teams = (await call(admin(), 'GET', '/api/admin/teams')).json<{ teams: Team[] }>().teams;
      expect(teams.find((row) => row.id === teamId)).toMatchObject({ name: 'Team C', members: 1 });
      const users = (await call(admin(), 'GET', '/api/admin/users')).json<{ users: AdminUser[] }>().users;
      expect(users.map((user) => user.username)).toEqual(expect.arrayContaining(['agent1', 'admin', 'agent7']));
      expect(users[0]).not.toHaveProperty('passwordHash');
    });

    it('refuses bad users with precise codes and stores none of them', async () => {
      const before = await t.db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const base = { username: 'newbie', displayName: 'New', role: 'agent', teamId: t.accounts.teams['Team A'], password: 'a-long-password' };
      const cases: Array<[unknown, number, string]> = [
        [{ ...base, username: 'AGENT1' }, 409, 'username_taken'],
        [{ ...base, sipExtension: '1001' }, 409, 'sip_extension_taken'],
        [{ ...base, teamId: null }, 400, 'team_required'],
        [{ ...base, teamId: uuidv7() }, 400, 'unknown_team'],
        [{ ...base, password: 'short' }, 400, 'invalid_request'],
        [{ ...base, role: 'supervisor' }, 400, 'invalid_request'],
        [{ ...base, sipExtension: 'abc' }, 400, 'invalid_request'],
      ];
      for (const [payload, status, code] of cases) {
        const response = await call(admin(), 'POST', '/api/admin/users', payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(status);
        expect(response.json().error.code).toBe(code);
      }
      const after = await t.db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('changes role, team, extension and name; the new role applies from the next refresh', async () => {
      await call(admin(), 'POST', '/api/admin/users', { username: 'agent8', displayName: 'Fran', role: 'agent', teamId: t.accounts.teams['Team A'], password: 'a-long-password' });
      const session = await login(t.app, 'agent8', 'a-long-password');
      const id = session.login.user.id;
      const patched = await call(admin(), 'PATCH', `/api/admin/users/${id}`, { role: 'team_lead', teamId: t.accounts.teams['Team B'], sipExtension: '1008', displayName: 'Francisca' });
      expect(patched.statusCode).toBe(200);
      expect(patched.json<AdminUser>()).toMatchObject({ role: 'team_lead', teamId: t.accounts.teams['Team B'], sipExtension: '1008', displayName: 'Francisca' });

      const refreshed = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.login.refreshToken } });
      expect(refreshed.json<LoginResponse>().user).toMatchObject({ role: 'team_lead', teamId: t.accounts.teams['Team B'] });

      expect((await call(admin(), 'PATCH', `/api/admin/users/${id}`, { sipExtension: '1001' })).json().error.code).toBe('sip_extension_taken');
      expect((await call(admin(), 'PATCH', `/api/admin/users/${id}`, { role: 'agent', teamId: null })).json().error.code).toBe('team_required');
      expect((await call(admin(), 'PATCH', `/api/admin/users/${id}`, {})).statusCode).toBe(400);
      expect((await call(admin(), 'PATCH', `/api/admin/users/${uuidv7()}`, { displayName: 'Ghost' })).statusCode).toBe(404);
      expect((await call(admin(), 'PATCH', `/api/admin/users/${t.accounts.users.admin}`, { role: 'agent', teamId: t.accounts.teams['Team A'] })).json().error.code)
        .toBe('cannot_demote_self');
    });

    it('deactivating revokes the refresh tokens and blocks sign-in until reactivated', async () => {
      await call(admin(), 'POST', '/api/admin/users', { username: 'agent9', displayName: 'Gus', role: 'agent', teamId: t.accounts.teams['Team A'], password: 'a-long-password' });
      const session = await login(t.app, 'agent9', 'a-long-password');
      const id = session.login.user.id;
      const deactivated = await call(admin(), 'POST', `/api/admin/users/${id}/deactivate`);
      expect(deactivated.json<AdminUser>()).toMatchObject({ active: false });
      const open = await t.db.kysely.selectFrom('refresh_tokens').select('id').where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      expect(open).toEqual([]);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.login.refreshToken } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent9', password: 'a-long-password' } })).statusCode).toBe(401);

      expect((await call(admin(), 'POST', `/api/admin/users/${t.accounts.users.admin}/deactivate`)).json().error.code).toBe('cannot_deactivate_self');
      // The access token they still hold is refused at once, not when it expires.
      const me = await call(session, 'GET', '/api/auth/me');
      expect(me.statusCode).toBe(401);
      expect(me.json().error.code).toBe('account_disabled');
      expect((await call(admin(), 'POST', `/api/admin/users/${id}/reactivate`)).json<AdminUser>()).toMatchObject({ active: true });
      const again = await login(t.app, 'agent9', 'a-long-password');
      expect((await call(again, 'GET', '/api/auth/me')).statusCode).toBe(200);
    });

    it('a password reset ends the user\'s sessions and only the new password signs in', async () => {
      const session = await login(t.app, 'agent2');
      const id = session.login.user.id;
      expect((await call(admin(), 'POST', `/api/admin/users/${id}/password`, { password: 'brand-new-password' })).statusCode).toBe(204);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.login.refreshToken } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent2', password: 'centralita' } })).statusCode).toBe(401);
      await login(t.app, 'agent2', 'brand-new-password');
      expect((await call(admin(), 'POST', `/api/admin/users/${id}/password`, { password: 'short' })).json().error.code).toBe('invalid_request');
    });
  });

  if (engine.engine === 'postgres') {
    it('a deactivation reaches every server process, including one started after it', async () => {
      await call(admin(), 'POST', '/api/admin/users', { username: 'agent10', displayName: 'Hugo', role: 'agent', teamId: t.accounts.teams['Team B'], password: 'a-long-password' });
      const session = await login(t.app, 'agent10', 'a-long-password');
      const otherDb = await engine.openAnother();
      const running = await buildApp({ db: otherDb, authSecret: TEST_SECRET });
      try {
        const me = () => running.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${session.token}` } });
        expect((await me()).statusCode).toBe(200);
        // Registered after the app's own listener on that process, so it runs after it.
        const notified = new Promise<void>((resolve) => {
          void otherDb.listen(DISABLED_USERS_CHANNEL, () => resolve());
        });
        await call(admin(), 'POST', `/api/admin/users/${session.login.user.id}/deactivate`);
        await notified;
        expect((await me()).statusCode).toBe(401);
        const later = await buildApp({ db: await engine.openAnother(), authSecret: TEST_SECRET });
        try {
          const response = await later.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${session.token}` } });
          expect(response.json().error.code).toBe('account_disabled');
        } finally {
          await later.close();
        }
      } finally {
        await running.close();
      }
    });
  }

  describe('reference lists', () => {
    it('adds, edits, retires and restores dispositions; hotkeys stay unique among active ones', async () => {
      const start = await reference();
      expect((await call(admin(), 'POST', '/api/admin/dispositions', { code: 'upsell', labelEn: 'Upsell', labelEs: 'Venta adicional', hotkey: 6 })).json().error.code)
        .toBe('hotkey_taken');
      expect((await call(admin(), 'POST', '/api/admin/dispositions', { code: 'sale', labelEn: 'Sale', labelEs: 'Venta' })).json().error.code).toBe('code_exists');
      expect((await call(admin(), 'POST', '/api/admin/dispositions', { code: 'Bad Code', labelEn: 'x', labelEs: 'x' })).statusCode).toBe(400);
      expect((await reference()).revision).toBe(start.revision);

      const retired = await call(admin(), 'POST', '/api/admin/dispositions/sale/retire');
      expect(retired.json<Disposition>()).toMatchObject({ code: 'sale', active: false, hotkey: 6 });
      const created = await call(admin(), 'POST', '/api/admin/dispositions', {
        code: 'upsell', labelEn: 'Upsell', labelEs: 'Venta adicional', hotkey: 6, requiredFields: ['notes', 'notes'], resolves: true,
      });
      expect(created.statusCode).toBe(201);
      expect(created.json<Disposition>()).toMatchObject({ hotkey: 6, requiredFields: ['notes'], active: true });
      expect((await call(admin(), 'POST', '/api/admin/dispositions/sale/restore')).json().error.code).toBe('hotkey_taken');
      const edited = await call(admin(), 'PATCH', '/api/admin/dispositions/upsell', { labelEs: 'Venta cruzada', hotkey: null });
      expect(edited.json<Disposition>()).toMatchObject({ labelEs: 'Venta cruzada', hotkey: null });
      expect((await call(admin(), 'POST', '/api/admin/dispositions/sale/restore')).json<Disposition>()).toMatchObject({ active: true, hotkey: 6 });
      expect((await call(admin(), 'PATCH', '/api/admin/dispositions/nope_nope', { labelEn: 'x' })).statusCode).toBe(404);

      const after = await reference();
      expect(after.revision).toBeGreaterThan(start.revision);
      expect(after.dispositions.find((d) => d.code === 'upsell')).toMatchObject({ labelEs: 'Venta cruzada', active: true });
    });

    it('a retired disposition is refused at wrap-up', async () => {
      await call(admin(), 'POST', '/api/admin/dispositions', { code: 'legacy_code', labelEn: 'Legacy', labelEs: 'Antiguo' });
      await call(admin(), 'POST', '/api/admin/dispositions/legacy_code/retire');
      const wrappedCall = (disposition: string) => mutation('interaction', 'insert', uuidv7(), {
        customerId: null, channel: 'call', direction: 'inbound', queue: null, remoteNumber: '+34600000001', line: 1,
        queuedAt: null, answeredAt: null, endedAt: null, holdSeconds: 0, transferTarget: null,
        wrapup: { disposition, emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintId: null, notes: '', firstContactResolution: null },
      });
      const result = await t.push(t.sessions.agent1, [wrappedCall('legacy_code'), wrappedCall('information_provided')]);
      expect(result.body.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_patch', message: 'unknown disposition legacy_code' });
      expect(result.body.results[1]).toMatchObject({ status: 'applied' });
    });

    it('adds, edits and retires pause codes', async () => {
      const created = await call(admin(), 'POST', '/api/admin/pause-codes', { code: 'wellbeing', labelEn: 'Wellbeing', labelEs: 'Bienestar', paid: true, maxMinutes: 10 });
      expect(created.statusCode).toBe(201);
      expect((await call(admin(), 'PATCH', '/api/admin/pause-codes/wellbeing', { maxMinutes: null })).json()).toMatchObject({ maxMinutes: null });
      expect((await call(admin(), 'POST', '/api/admin/pause-codes/wellbeing/retire')).json()).toMatchObject({ active: false });
      expect((await call(admin(), 'PATCH', '/api/admin/pause-codes/wellbeing', { maxMinutes: 0 })).statusCode).toBe(400);
      expect((await reference()).pauseCodes.find((p) => p.code === 'wellbeing')).toMatchObject({ active: false, maxMinutes: null });
    });

    it('publishes a new taxonomy version; the older one stays readable and complaints may still use it', async () => {
      const start = await reference();
      const published = await call(admin(), 'POST', '/api/admin/taxonomy', {
        note: 'Split delivery',
        nodes: [
          { id: 'delivery', labelEn: 'Delivery', labelEs: 'Entrega', slaHours: 72 },
          { id: 'delivery_late', parentId: 'delivery', labelEn: 'Late delivery', labelEs: 'Entrega tardía', slaHours: 24 },
        ],
      });
      expect(published.statusCode).toBe(201);
      const tree = published.json<TaxonomyTree>();
      expect(tree.version).toBe(start.taxonomy.version + 1);
      const now = await reference();
      expect(now.taxonomy).toMatchObject({ version: tree.version, note: 'Split delivery' });
      expect(now.taxonomy.nodes.map((n) => n.id)).toEqual(['delivery', 'delivery_late']);
      const old = await call(t.sessions.agent1, 'GET', `/api/reference/taxonomy/${start.taxonomy.version}`);
      expect(old.json<TaxonomyTree>().nodes.map((n) => n.id)).toContain('billing_error');
      const versions = (await call(t.sessions.agent1, 'GET', '/api/reference/taxonomy')).json<{ versions: Array<{ version: number; nodeCount: number }> }>().versions;
      expect(versions[0]).toMatchObject({ version: tree.version, nodeCount: 2 });
      expect((await call(t.sessions.agent1, 'GET', '/api/reference/taxonomy/999')).statusCode).toBe(404);
    });

    it('refuses a malformed taxonomy and leaves the published versions alone', async () => {
      const before = (await reference()).taxonomy.version;
      const bad = [
        [{ id: 'child', parentId: 'parent', labelEn: 'C', labelEs: 'C', slaHours: 1 }, { id: 'parent', labelEn: 'P', labelEs: 'P', slaHours: 1 }],
        [{ id: 'twice', labelEn: 'A', labelEs: 'A', slaHours: 1 }, { id: 'twice', labelEn: 'B', labelEs: 'B', slaHours: 1 }],
        [],
      ];
      for (const nodes of bad) {
        const response = await call(admin(), 'POST', '/api/admin/taxonomy', { nodes });
        expect(response.statusCode).toBe(400);
        expect(['invalid_taxonomy', 'invalid_request']).toContain(response.json().error.code);
      }
      expect((await reference()).taxonomy.version).toBe(before);
    });

    it('serves an ETag so unchanged lists cost a 304, and a change gives a new one', async () => {
      const first = await call(t.sessions.agent1, 'GET', '/api/reference');
      const etag = first.headers.etag as string;
      expect(etag).toBe(`"ref-${first.json<ReferenceData>().revision}"`);
      expect((await call(t.sessions.agent1, 'GET', '/api/reference', undefined, { 'if-none-match': etag })).statusCode).toBe(304);
      await call(admin(), 'PATCH', '/api/admin/pause-codes/lunch', { maxMinutes: 45 });
      const changed = await call(t.sessions.agent1, 'GET', '/api/reference', undefined, { 'if-none-match': etag });
      expect(changed.statusCode).toBe(200);
      expect(changed.json<ReferenceData>().pauseCodes.find((p) => p.code === 'lunch')).toMatchObject({ maxMinutes: 45 });
    });

    it('announces reference changes to the event feed (every process on PostgreSQL)', async () => {
      const other = engine.engine === 'postgres' ? await engine.openAnother() : t.db;
      const feed = new ChangeFeed(other);
      await feed.start();
      try {
        const heard = new Promise<string>((resolve) => { feed.subscribeReference(resolve); });
        const changed = await call(admin(), 'PATCH', '/api/admin/pause-codes/break', { labelEn: 'Short break' });
        expect(changed.statusCode).toBe(200);
        expect(Number(await heard)).toBe((await reference()).revision);
      } finally {
        await feed.stop();
      }
    });

    it('admin changes to users and lists never touch the sync tables', async () => {
      const before = await snapshotCounts(t.db);
      await call(admin(), 'PATCH', '/api/admin/pause-codes/break', { sortOrder: 0 });
      await call(admin(), 'POST', '/api/admin/teams', { name: 'Team D' });
      expect(await snapshotCounts(t.db)).toEqual(before);
    });
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_PUSH_BATCH } from '@contract/sync';
import { createTestApp, mutation, snapshotCounts, uuidv7, type TestApp } from './harness';
import { describeEachEngine } from './engines';

describeEachEngine('sync push: bad input', (engine) => {
  let t: TestApp;
  let customerId: string;
  beforeAll(async () => {
    t = await createTestApp(engine.db());
    customerId = uuidv7();
    await t.push(t.sessions.agent1, [mutation('customer', 'insert', customerId, { displayName: 'Existing' })]);
  });
  afterAll(async () => { await t?.close(); });

  // Every request carries a valid mutation FIRST: none of it may be applied.
  const valid = () => mutation('customer', 'update', customerId, { displayName: `Should not apply ${uuidv7()}` });

  const cases: Array<{ name: string; body: () => string; status: number; code: string }> = [
    { name: 'malformed JSON', body: () => `{"clientId":"client-123","mutations":[${JSON.stringify(valid())},`, status: 400, code: 'malformed_json' },
    { name: 'missing envelope fields', body: () => JSON.stringify({ mutations: [valid()] }), status: 400, code: 'invalid_request' },
    { name: 'empty batch', body: () => JSON.stringify({ clientId: 'client-123', mutations: [] }), status: 400, code: 'invalid_request' },
    { name: 'unknown entity', body: () => JSON.stringify({ clientId: 'client-123', mutations: [valid(), { ...valid(), entity: 'spaceship' }] }), status: 400, code: 'unknown_entity' },
    { name: 'operation the entity lacks', body: () => JSON.stringify({ clientId: 'client-123', mutations: [valid(), mutation('customer', 'claim', customerId, {})] }), status: 400, code: 'unknown_operation' },
    { name: 'wrong types in the patch', body: () => JSON.stringify({ clientId: 'client-123', mutations: [valid(), mutation('customer', 'update', customerId, { displayName: 42 })] }), status: 400, code: 'invalid_patch' },
    { name: 'unknown patch field', body: () => JSON.stringify({ clientId: 'client-123', mutations: [valid(), mutation('customer', 'update', customerId, { shoeSize: 44 })] }), status: 400, code: 'invalid_patch' },
    { name: 'wrong envelope types', body: () => JSON.stringify({ clientId: 'client-123', mutations: [valid(), { ...valid(), clientTs: 12 }] }), status: 400, code: 'invalid_mutation' },
    { name: 'id that is not a UUIDv7', body: () => JSON.stringify({ clientId: 'client-123', mutations: [valid(), { ...valid(), id: 'not-a-uuid' }] }), status: 400, code: 'invalid_mutation' },
    { name: 'phone not in E.164', body: () => JSON.stringify({ clientId: 'client-123', mutations: [valid(), mutation('identity', 'add', uuidv7(), { customerId, kind: 'phone', value: '600 11 22 33' })] }), status: 400, code: 'invalid_patch' },
    { name: 'field the role may not write', body: () => JSON.stringify({ clientId: 'client-123', mutations: [valid(), mutation('customer', 'update', customerId, { loyaltyLevel: 'platinum' })] }), status: 403, code: 'forbidden_field' },
    { name: 'oversized batch', body: () => JSON.stringify({ clientId: 'client-123', mutations: Array.from({ length: MAX_PUSH_BATCH + 1 }, valid) }), status: 413, code: 'batch_too_large' },
  ];

  for (const { name, body, status, code } of cases) {
    it(`${name} → ${status} ${code}, nothing applied`, async () => {
      const before = await snapshotCounts(t.db);
      const customerBefore = await t.db.kysely.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirstOrThrow();
      const response = await t.app.inject({
        method: 'POST', url: '/api/sync/push', payload: body(),
        headers: { authorization: `Bearer ${t.sessions.agent1.token}`, 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(status);
      const error = response.json().error;
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(0);
      expect(await snapshotCounts(t.db)).toEqual(before);
      expect(await t.db.kysely.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirstOrThrow()).toEqual(customerBefore);
    });
  }

  it('lists every offending mutation so the client can dead-letter exactly those', async () => {
    const response = await t.push(t.sessions.agent1, [valid(), mutation('customer', 'update', customerId, { displayName: '' }), valid(), mutation('identity', 'add', uuidv7(), { customerId, kind: 'email', value: 'nope' })]);
    expect(response.status).toBe(400);
    expect(response.body.error?.details).toMatchObject({ mutations: [{ index: 1, reason: 'invalid_patch' }, { index: 3, reason: 'invalid_patch' }] });
  });

  it('requires a valid access token', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/api/sync/push', payload: { clientId: 'client-123', mutations: [valid()] } });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthenticated');
    const forged = await t.app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${t.sessions.agent1.token}x` }, payload: { clientId: 'client-123', mutations: [valid()] } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('invalid_token');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, mutation, uuidv7, type TestApp } from '../../test/harness';
import { describeEachEngine } from '../../test/engines';

/** The wrap-up of a scripted call: the script's answers and path, and the customer chosen on the card. */
describeEachEngine('wrap-up with script answers and the chosen customer', (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine.db());
  });
  afterAll(async () => app?.close());

  const callRecord = (customerId: string | null) => ({
    customerId, channel: 'call', direction: 'outbound', queue: null, remoteNumber: '+34600111222', line: 1,
    queuedAt: new Date().toISOString(), answeredAt: new Date().toISOString(), endedAt: new Date().toISOString(), holdSeconds: 0, transferTarget: null,
  });
  const wrapup = (extra: Record<string, unknown>) => ({
    disposition: 'information_provided', emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintId: null, notes: '', firstContactResolution: null,
    scriptId: 'delay-notice', scriptVersion: 1, scriptAnswers: { channel_ok: true, _path: ['intro', 'channel_ok', 'close'] }, ...extra,
  });
  const row = (id: string) => app.db.kysely.selectFrom('interactions').select(['customer_id', 'script_id', 'script_version', 'script_answers', 'disposition'])
    .where('id', '=', id).executeTakeFirstOrThrow();

  it('moves the recorded call onto the customer the agent created during it, with the answers and the path', async () => {
    const interactionId = uuidv7();
    const customerId = uuidv7();
    // The call was recorded with no customer (unknown number); the agent created one, then wrapped up.
    const recorded = await app.push(app.sessions.agent1, [mutation('interaction', 'insert', interactionId, callRecord(null))]);
    expect(recorded.body.results[0]?.status).toBe('applied');
    const { status, body } = await app.push(app.sessions.agent1, [
      mutation('customer', 'insert', customerId, { displayName: 'Nuevo Cliente' }),
      mutation('interaction', 'wrapup', interactionId, wrapup({ customerId })),
    ]);
    expect(status).toBe(200);
    expect(body.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    const saved = await row(interactionId);
    expect(saved).toMatchObject({ customer_id: customerId, script_id: 'delay-notice', script_version: 1, disposition: 'information_provided' });
    const answers = typeof saved.script_answers === 'string' ? JSON.parse(saved.script_answers) : saved.script_answers;
    expect(answers).toEqual({ channel_ok: true, _path: ['intro', 'channel_ok', 'close'] });
    // Other devices learn the new customer through the change feed.
    const changes = await app.pullAll(app.sessions.agent2);
    expect(changes.find((change) => change.entity === 'interaction' && change.entityId === interactionId)).toMatchObject({ data: { customerId } });
  });

  it('a wrap-up without a customerId leaves the record\'s customer as it was; an unknown customer is rejected', async () => {
    const known = uuidv7();
    await app.push(app.sessions.agent1, [mutation('customer', 'insert', known, { displayName: 'Conocido' })]);
    const first = uuidv7();
    await app.push(app.sessions.agent1, [mutation('interaction', 'insert', first, callRecord(known))]);
    await app.push(app.sessions.agent1, [mutation('interaction', 'wrapup', first, wrapup({}))]);
    expect((await row(first)).customer_id).toBe(known);

    const second = uuidv7();
    await app.push(app.sessions.agent1, [mutation('interaction', 'insert', second, callRecord(known))]);
    const { body } = await app.push(app.sessions.agent1, [mutation('interaction', 'wrapup', second, wrapup({ customerId: uuidv7() }))]);
    expect(body.results[0]).toMatchObject({ status: 'rejected', reason: 'not_found' });
    expect(await row(second)).toMatchObject({ customer_id: known, disposition: null });
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { STARTER_SCRIPTS, type ScriptDefinitionInput } from '@contract';
import { createTestApp, mutation, uuidv7, type Session, type TestApp } from '../../test/harness';
import { describeEachEngine } from '../../test/engines';
import { seedStarterScripts } from './seed';

const t = (en: string, es: string) => ({ en, es });
const tiny = (id: string, closing = 'Bye'): ScriptDefinitionInput => ({
  schemaVersion: 1, id, name: t('Tiny', 'Mínimo'), start: 'ask',
  steps: [
    {
      id: 'ask', type: 'ask', required: true, prompt: t('Happy?', '¿Contento?'),
      answer: { kind: 'choice', options: [{ value: 'yes', label: t('Yes', 'Sí') }, { value: 'no', label: t('No', 'No') }] }, next: 'note',
    },
    { id: 'note', type: 'ask', prompt: t('Notes', 'Notas'), answer: { kind: 'text', maxLength: 100 }, next: 'route' },
    { id: 'route', type: 'branch', branches: [{ when: "answers.ask == 'yes'", next: 'done' }], otherwise: 'sorry' },
    { id: 'sorry', type: 'say', text: t('Sorry', 'Lo siento'), next: 'done' },
    { id: 'done', type: 'end', disposition: 'information_provided', text: t(closing, 'Adiós') },
  ],
});

describeEachEngine('call scripts API', (engine) => {
  let app: TestApp;
  const call = (session: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.app.inject({ method, url, headers: { authorization: `Bearer ${session.token}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  beforeAll(async () => {
    app = await createTestApp(engine.db());
    expect(await seedStarterScripts(engine.db())).toBe(STARTER_SCRIPTS.length);
  });
  afterAll(async () => app?.close());

  it('serves the published starter scripts to every role, and seeding again adds nothing', async () => {
    expect(await seedStarterScripts(engine.db())).toBe(0);
    const response = await call(app.sessions.agent1, 'GET', '/api/scripts');
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: Array<{ id: string; version: number; definition: { steps: unknown[] } }> }>().items;
    expect(items.map((item) => item.id).sort()).toEqual(STARTER_SCRIPTS.map((script) => script.id).sort());
    expect(items.every((item) => item.version === 1 && item.definition.steps.length > 3)).toBe(true);
  });

  it('refuses publishing to agents (403) and to nobody signed in (401)', async () => {
    expect((await call(app.sessions.agent1, 'POST', '/api/scripts', { definition: tiny('tiny') })).statusCode).toBe(403);
    expect((await call(app.sessions.agent3, 'POST', '/api/scripts/validate', { definition: tiny('tiny') })).statusCode).toBe(403);
    expect((await call(app.sessions.agent1, 'GET', '/api/scripts/general-inbound/analytics')).statusCode).toBe(403);
    expect((await app.app.inject({ method: 'POST', url: '/api/scripts', payload: { definition: tiny('tiny') } })).statusCode).toBe(401);
    expect((await call(app.sessions.admin, 'GET', '/api/scripts/tiny/versions')).statusCode).toBe(404);
  });

  it('refuses an invalid script with 422 and the validator\'s issues, storing nothing', async () => {
    const broken = { ...tiny('broken'), steps: [...tiny('broken').steps.filter((step) => step.id !== 'sorry'), { id: 'lost', type: 'say', text: t('Lost', ''), next: 'done' }] };
    const response = await call(app.sessions.lead1, 'POST', '/api/scripts', { definition: broken });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ error: { code: string; details: { issues: Array<{ code: string; stepId: string | null }> } } }>();
    expect(body.error.code).toBe('invalid_script');
    expect(body.error.details.issues.map((issue) => `${issue.code}@${issue.stepId}`).sort()).toEqual([
      'missing_step@route', 'missing_translation@lost', 'unreachable@lost',
    ]);
    // Codes with parameters, so the authoring UI can say it in the author's language.
    expect(body.error.details.issues).toContainEqual(expect.objectContaining({ key: 'missing_step_target', params: { step: 'route', target: 'sorry' } }));
    expect(body.error.details.issues).toContainEqual(expect.objectContaining({ key: 'missing_translation_es', params: { field: 'steps.4.text' } }));
    expect((await call(app.sessions.lead1, 'GET', '/api/scripts/broken/versions')).statusCode).toBe(404);
    const wrongDisposition = { ...tiny('broken'), steps: tiny('broken').steps.map((step) => (step.type === 'end' ? { ...step, disposition: 'party' } : step)) };
    const validated = await call(app.sessions.admin, 'POST', '/api/scripts/validate', { definition: wrongDisposition });
    expect(validated.json()).toMatchObject({ ok: false, issues: [{ code: 'unknown_disposition', stepId: 'done' }] });
    expect((await call(app.sessions.lead1, 'POST', '/api/scripts', { definition: 'nonsense' })).statusCode).toBe(422);
  });

  it('publishing makes a new version; older versions stay readable', async () => {
    const first = await call(app.sessions.lead1, 'POST', '/api/scripts', { definition: tiny('tiny', 'Bye v1') });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: 'tiny', version: 1 });
    const second = await call(app.sessions.admin, 'POST', '/api/scripts', { definition: tiny('tiny', 'Bye v2') });
    expect(second.json()).toMatchObject({ id: 'tiny', version: 2 });
    const versions = await call(app.sessions.agent1, 'GET', '/api/scripts/tiny/versions');
    expect(versions.json<{ items: Array<{ version: number; createdByName: string | null }> }>().items.map((item) => [item.version, item.createdByName]))
      .toEqual([[2, expect.any(String)], [1, expect.any(String)]]);
    const old = await call(app.sessions.agent1, 'GET', '/api/scripts/tiny/versions/1');
    expect(old.json<{ definition: { steps: Array<{ id: string; text?: { en: string } }> } }>().definition.steps.find((step) => step.id === 'done')?.text?.en).toBe('Bye v1');
    const latest = (await call(app.sessions.agent1, 'GET', '/api/scripts')).json<{ items: Array<{ id: string; version: number }> }>().items;
    expect(latest.find((item) => item.id === 'tiny')?.version).toBe(2);
    expect((await call(app.sessions.agent1, 'GET', '/api/scripts/tiny/versions/9')).statusCode).toBe(404);
  });

  it('aggregates per version and step: reached, ended here, answers, dispositions — scoped to the lead\'s team', async () => {
    const record = async (session: Session, version: number, answers: Record<string, unknown>, disposition: string) => {
      const { status, body } = await app.push(session, [mutation('interaction', 'insert', uuidv7(), {
        customerId: null, channel: 'call', direction: 'inbound', queue: 'general', remoteNumber: '+34600000001', line: 1,
        queuedAt: new Date().toISOString(), answeredAt: new Date().toISOString(), endedAt: new Date().toISOString(), holdSeconds: 0, transferTarget: null,
        wrapup: {
          disposition, emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintId: null, notes: '', firstContactResolution: null,
          scriptId: 'tiny', scriptVersion: version, scriptAnswers: answers,
        },
      })]);
      expect(status).toBe(200);
      expect(body.results[0]?.status).toBe('applied');
    };
    // Team A (agent1, agent2): three calls on version 2, one on version 1; team B (agent3): one on version 2.
    await record(app.sessions.agent1, 2, { ask: 'yes', note: 'great', _path: ['ask', 'note', 'route', 'done'] }, 'information_provided');
    await record(app.sessions.agent2, 2, { ask: 'no', _path: ['ask', 'note', 'route', 'sorry', 'done'] }, 'sale');
    await record(app.sessions.agent1, 2, { _path: ['ask'] }, 'wrong_number');
    await record(app.sessions.agent1, 1, { ask: 'yes', _path: ['ask', 'note', 'route', 'done'] }, 'information_provided');
    await record(app.sessions.agent3, 2, { ask: 'no', _path: ['ask', 'note', 'route', 'sorry', 'done'] }, 'information_provided');

    type Stats = { calls: number; steps: Array<{ stepId: string; reached: number; endedHere: number; answered: number; answers: Array<{ value: string; count: number }> | null; dispositions: Array<{ disposition: string; count: number }> }> };
    const lead = (await call(app.sessions.lead1, 'GET', '/api/scripts/tiny/analytics?version=2')).json<Stats>();
    const step = (stats: Stats, id: string) => stats.steps.find((s) => s.stepId === id)!;
    expect(lead.calls).toBe(3);
    expect(step(lead, 'ask')).toMatchObject({ reached: 3, endedHere: 1, answered: 2, answers: [{ value: 'no', count: 1 }, { value: 'yes', count: 1 }] });
    expect(step(lead, 'ask').dispositions).toEqual(expect.arrayContaining([
      { disposition: 'information_provided', count: 1 }, { disposition: 'sale', count: 1 }, { disposition: 'wrong_number', count: 1 },
    ]));
    expect(step(lead, 'note')).toMatchObject({ reached: 2, endedHere: 0, answered: 1, answers: null });
    expect(step(lead, 'sorry')).toMatchObject({ reached: 1, dispositions: [{ disposition: 'sale', count: 1 }] });
    expect(step(lead, 'done')).toMatchObject({ reached: 2, endedHere: 2 });

    const admin = (await call(app.sessions.admin, 'GET', '/api/scripts/tiny/analytics?version=2')).json<Stats>();
    expect(admin.calls).toBe(4);
    expect(step(admin, 'sorry').reached).toBe(2);
    const v1 = (await call(app.sessions.admin, 'GET', '/api/scripts/tiny/analytics?version=1')).json<Stats>();
    expect([v1.calls, step(v1, 'done').endedHere]).toEqual([1, 1]);
    const latest = (await call(app.sessions.admin, 'GET', '/api/scripts/tiny/analytics')).json<{ version: number; calls: number }>();
    expect(latest).toMatchObject({ version: 2, calls: 4 });
  });
});

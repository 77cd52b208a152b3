import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_SCRIPTS, type ScriptDefinitionInput } from '@contract';
import { createTestApp, login, type Session, type TestApp } from '../../test/harness';
import { describeEachEngine } from '../../test/engines';
import { seedStarterScripts } from './seed';

const t = (en: string, es: string) => ({ en, es });
const script = (id: string, closing = 'Bye'): ScriptDefinitionInput => ({
  schemaVersion: 1, id, name: t('Team script', 'Guion del equipo'), start: 'done',
  steps: [{ id: 'done', type: 'end', disposition: 'information_provided', text: t(closing, 'Adiós') }],
});

interface Listed { id: string; owner: { teamId: string | null; teamName: string | null }; canEdit: boolean }
interface DraftBody { scriptId: string; teamName: string | null; revision: number; updatedByName: string | null; canEdit: boolean; definition?: { steps: Array<{ text?: { en: string } }> } }
interface ConflictBody { error: { code: string; details: { draft: DraftBody | null } } }

describeEachEngine('script owners in the list and draft revisions', (engine) => {
  let app: TestApp;
  let leadA2: Session;
  let leadB: Session;
  const call = (session: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.app.inject({ method, url, headers: { authorization: `Bearer ${session.token}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const publish = (session: Session, definition: unknown) => call(session, 'POST', '/api/scripts', { definition });
  const save = (session: Session, id: string, closing: string, baseRevision: number | null) =>
    call(session, 'PUT', `/api/scripts/${id}/draft`, { definition: script(id, closing), baseRevision });
  const listed = async (session: Session) => new Map((await call(session, 'GET', '/api/scripts')).json<{ items: Listed[] }>().items.map((item) => [item.id, item] as const));
  const closingOf = (draft: DraftBody | null | undefined) => draft?.definition?.steps[0]?.text?.en;

  beforeAll(async () => {
    app = await createTestApp(engine.db());
    await seedStarterScripts(engine.db());
    const lead = async (username: string, team: 'Team A' | 'Team B', displayName: string) => {
      const created = await call(app.sessions.admin, 'POST', '/api/admin/users', { username, displayName, role: 'team_lead', teamId: app.accounts.teams[team], password: `centralita-${username}` });
      expect(created.statusCode).toBe(201);
      return login(app.app, username, `centralita-${username}`);
    };
    leadA2 = await lead('leada2', 'Team A', 'Lucía Ramos');
    leadB = await lead('leadb', 'Team B', 'Lead B');
  });
  afterAll(async () => app?.close());

  it('the script list names each owner and says whether the caller may change it, by the same rule as publishing', async () => {
    expect((await publish(app.sessions.lead1, script('team-a-listed'))).statusCode).toBe(201);
    const starterId = STARTER_SCRIPTS[0]!.id;
    const teamA = { teamId: app.accounts.teams['Team A'], teamName: 'Team A' };

    const forLead1 = await listed(app.sessions.lead1);
    expect(forLead1.get(starterId)).toMatchObject({ owner: { teamId: null, teamName: null }, canEdit: false });
    expect(forLead1.get('team-a-listed')).toMatchObject({ owner: teamA, canEdit: true });
    expect((await listed(leadA2)).get('team-a-listed')).toMatchObject({ canEdit: true });
    expect((await listed(leadB)).get('team-a-listed')).toMatchObject({ owner: teamA, canEdit: false });
    expect((await listed(app.sessions.agent1)).get('team-a-listed')).toMatchObject({ canEdit: false });
    const forAdmin = await listed(app.sessions.admin);
    expect([forAdmin.get(starterId)?.canEdit, forAdmin.get('team-a-listed')?.canEdit]).toEqual([true, true]);

    // The flag matches what the server then allows.
    expect((await publish(leadB, script('team-a-listed', 'Not ours'))).statusCode).toBe(403);
    expect((await publish(app.sessions.lead1, STARTER_SCRIPTS[0])).statusCode).toBe(403);

    // The draft list names the owning team too.
    expect((await save(leadB, 'team-b-listed', 'Draft', null)).statusCode).toBe(200);
    const drafts = (await call(leadB, 'GET', '/api/scripts/drafts')).json<{ items: DraftBody[] }>().items;
    expect(drafts.find((item) => item.scriptId === 'team-b-listed')).toMatchObject({ teamName: 'Team B', canEdit: true, updatedByName: 'Lead B' });
  });

  it('a save names the revision it started from: a stale save gets 409 with the newer draft and changes nothing', async () => {
    const first = await save(app.sessions.lead1, 'shared-draft', 'Diego 1', null);
    expect(first.statusCode).toBe(200);
    const r1 = first.json<DraftBody>().revision;

    // Both leads of team A open revision 1; Diego saves first.
    expect((await call(leadA2, 'GET', '/api/scripts/shared-draft/draft')).json<DraftBody>().revision).toBe(r1);
    const second = await save(app.sessions.lead1, 'shared-draft', 'Diego 2', r1);
    expect(second.statusCode).toBe(200);
    const r2 = second.json<DraftBody>().revision;
    expect(r2).toBeGreaterThan(r1);

    // Lucía saves over revision 1: refused, with Diego's draft in the answer; the stored draft is Diego's.
    const stale = await save(leadA2, 'shared-draft', 'Lucía', r1);
    expect(stale.statusCode).toBe(409);
    const conflict = stale.json<ConflictBody>();
    expect(conflict.error.code).toBe('draft_conflict');
    expect(conflict.error.details.draft).toMatchObject({ revision: r2, updatedByName: 'Diego Fernández' });
    expect(closingOf(conflict.error.details.draft)).toBe('Diego 2');
    expect(closingOf((await call(leadA2, 'GET', '/api/scripts/shared-draft/draft')).json<DraftBody>())).toBe('Diego 2');

    // Starting over from "no draft" while one exists is stale as well.
    expect((await save(leadA2, 'shared-draft', 'Lucía', null)).statusCode).toBe(409);

    // Having loaded Diego's revision, Lucía's save goes through.
    const third = await save(leadA2, 'shared-draft', 'Lucía over Diego 2', r2);
    expect(third.statusCode).toBe(200);
    const r3 = third.json<DraftBody>().revision;

    // Publishing removes the draft: a save over revision 3 is told so (draft null); a fresh save starts a new draft.
    expect((await publish(app.sessions.lead1, script('shared-draft', 'Published'))).statusCode).toBe(201);
    const afterPublish = await save(leadA2, 'shared-draft', 'Lucía late', r3);
    expect(afterPublish.statusCode).toBe(409);
    expect(afterPublish.json<ConflictBody>().error.details.draft).toBeNull();
    expect((await save(leadA2, 'shared-draft', 'Lucía next', null)).statusCode).toBe(200);

    // Another team's lead still gets 403, not a conflict that would reveal the draft.
    expect((await save(leadB, 'shared-draft', 'Team B', r3)).statusCode).toBe(403);
  });

  it('publishing from a stale revision does not throw away a colleague\'s newer draft', async () => {
    const r1 = (await save(app.sessions.lead1, 'publish-guard', 'Diego', null)).json<DraftBody>().revision;
    const r2 = (await save(leadA2, 'publish-guard', 'Lucía', r1)).json<DraftBody>().revision;
    const publishFrom = (session: Session, closing: string, draftRevision: number | null | undefined) =>
      call(session, 'POST', '/api/scripts', { definition: script('publish-guard', closing), ...(draftRevision === undefined ? {} : { draftRevision }) });

    const stale = await publishFrom(app.sessions.lead1, 'Diego published', r1);
    expect(stale.statusCode).toBe(409);
    expect(closingOf(stale.json<ConflictBody>().error.details.draft)).toBe('Lucía');
    expect((await call(app.sessions.agent1, 'GET', '/api/scripts/publish-guard/versions')).statusCode).toBe(404);
    // Starting from no draft while one exists is stale too.
    expect((await publishFrom(app.sessions.lead1, 'Diego published', null)).statusCode).toBe(409);

    expect((await publishFrom(leadA2, 'Lucía published', r2)).statusCode).toBe(201);
    expect((await call(leadA2, 'GET', '/api/scripts/publish-guard/draft')).statusCode).toBe(404);
    // No draft left: publishing from any revision (or none) is fine; without the field nothing is checked.
    expect((await publishFrom(app.sessions.lead1, 'Diego v2', r1)).statusCode).toBe(201);
    await save(leadA2, 'publish-guard', 'Unchecked', null);
    expect((await publishFrom(app.sessions.lead1, 'Diego v3', undefined)).statusCode).toBe(201);
    expect((await call(leadA2, 'GET', '/api/scripts/publish-guard/draft')).statusCode).toBe(404);
  });

  it('revisions keep increasing even for saves within the same millisecond', async () => {
    let revision: number | null = null;
    for (let n = 0; n < 8; n++) {
      const response = await save(app.sessions.lead1, 'rapid-saves', `Save ${n}`, revision);
      expect(response.statusCode).toBe(200);
      const next = response.json<DraftBody>().revision;
      if (revision !== null) expect(next).toBeGreaterThan(revision);
      revision = next;
    }
  });

  describe('two leads saving at the same moment', () => {
    it('from the same revision: exactly one save wins, the other gets the winner\'s draft', async () => {
      let revision = (await save(app.sessions.lead1, 'race-draft', 'Start', null)).json<DraftBody>().revision;
      for (let round = 0; round < 5; round++) {
        const [diego, lucia] = await Promise.all([
          save(app.sessions.lead1, 'race-draft', `Diego ${round}`, revision),
          save(leadA2, 'race-draft', `Lucía ${round}`, revision),
        ]);
        expect([diego.statusCode, lucia.statusCode].sort()).toEqual([200, 409]);
        const [winner, loser, winnerText] = diego.statusCode === 200 ? [diego, lucia, `Diego ${round}`] : [lucia, diego, `Lucía ${round}`];
        const stored = (await call(app.sessions.lead1, 'GET', '/api/scripts/race-draft/draft')).json<DraftBody>();
        expect(closingOf(stored)).toBe(winnerText);
        expect(stored.revision).toBe(winner.json<DraftBody>().revision);
        expect(closingOf(loser.json<ConflictBody>().error.details.draft)).toBe(winnerText);
        revision = stored.revision;
      }
    });

    it('both starting a new draft: one creates it, the other gets a conflict', async () => {
      const [diego, lucia] = await Promise.all([save(app.sessions.lead1, 'race-new', 'Diego', null), save(leadA2, 'race-new', 'Lucía', null)]);
      expect([diego.statusCode, lucia.statusCode].sort()).toEqual([200, 409]);
      const loser = diego.statusCode === 409 ? diego : lucia;
      const stored = (await call(app.sessions.lead1, 'GET', '/api/scripts/race-new/draft')).json<DraftBody>();
      expect(loser.json<ConflictBody>().error.details.draft?.revision).toBe(stored.revision);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { STARTER_SCRIPTS, scriptDefinitionSchema, startRun, advance, validateScript, NO_CALL } from '@contract';
import { copyScript, freshStepId, newScript, newStep, outline, parseImport, renameStep, scriptJsonSchema } from './authoring/draft';
import { baseRevisionFor, isReadOnly, ownerView } from './authoring/editor-session';
import { customerFacts } from './facts';
import { ScriptApiError, conflictingDraft, roleFromToken, type Draft } from './api';
import { runActions, scriptCallKey, useRunStore, wrapupOf, type CallScript } from './run-store';
import { currentScriptWrapup, finishScriptRun, focusScriptStep } from './useScriptWrapup';
import { en } from './i18n/en';
import { es } from './i18n/es';
import { issueText } from './authoring/issue-text';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const delay = scriptDefinitionSchema.parse(STARTER_SCRIPTS.find((script) => script.id === 'delivery-delay'));

describe('customer facts from the local cache', () => {
  it('derives loyalty, value, consents, NPS and the SLA state of open complaints', () => {
    const facts = customerFacts(
      { displayName: 'Lucía Pérez Gómez', loyaltyLevel: 'gold', clv: '2450.50', influencer: true, influencerReach: 12000, preferredChannel: 'email', language: 'es' },
      [
        { typeId: 'delivery_delay', status: 'open', slaDueAt: '2026-03-09T12:00:00Z' },
        { typeId: 'billing_error', status: 'in_progress', slaDueAt: '2026-03-11T00:00:00Z' },
        { typeId: 'refund', status: 'resolved', slaDueAt: '2026-01-01T00:00:00Z' },
      ],
      [{ channel: 'phone', status: 'granted' }, { channel: 'sms', status: 'revoked' }],
      [{ nps: null }, { nps: 9 }, { nps: 3 }],
      NOW,
    );
    expect(facts).toMatchObject({
      known: true, firstName: 'Lucía', loyalty: 'gold', lifetimeValue: 2450.5, influencer: true, nps: 9,
      openComplaints: 2, overdueComplaints: 1, hoursToNextSla: -24, openComplaintTypes: ['delivery_delay', 'billing_error'],
      consents: { phone: true, sms: false },
    });
  });

  it('an unknown caller reads as unknown, never as an error', () => {
    expect(customerFacts(undefined, [], [], [], NOW)).toMatchObject({ known: false, name: null, openComplaints: 0 });
  });
});

describe('editor helpers', () => {
  it('renames a step and every reference to it', () => {
    const renamed = renameStep(delay, 'honesty', 'be_honest');
    expect(renamed.steps.some((step) => step.id === 'honesty')).toBe(false);
    expect(validateScript(renamed).issues).toEqual([]);
    expect(renamed.steps.find((step) => step.id === 'calm_resume')).toMatchObject({ to: 'be_honest' });
  });

  it('imports a definition or a stored version, and refuses bad JSON with reasons', () => {
    expect(parseImport(JSON.stringify(delay))).toMatchObject({ ok: true, script: { id: 'delivery-delay' } });
    expect(parseImport(JSON.stringify({ id: 'delivery-delay', version: 3, definition: delay }))).toMatchObject({ ok: true });
    const broken = parseImport('{"schemaVersion": 1, "id": "x"');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.issues[0]?.message).toMatch(/not valid JSON/);
    const wrongShape = parseImport(JSON.stringify({ ...delay, steps: [{ id: 'a', type: 'sing' }] }));
    expect(!wrongShape.ok && wrongShape.issues.map((issue) => issue.field)).toContain('steps.0.type');
  });

  it('new scripts and new steps start valid or with precise problems', () => {
    const fresh = newScript('my-script');
    expect(validateScript(fresh).issues).toEqual([]);
    const id = freshStepId(fresh);
    const withStep = { ...fresh, steps: [...fresh.steps, newStep('ask', id, 'done')] };
    expect(validateScript(withStep).issues.map((issue) => issue.code).sort()).toEqual(['missing_translation', 'missing_translation', 'unreachable']);
  });

  it('outlines the branches from the start and the de-escalation entry, expanding each step once', () => {
    const roots = outline(delay);
    expect(roots[0]?.step.id).toBe('greet');
    expect(roots[1]).toMatchObject({ via: 'de-escalation', step: { id: 'calm_listen' } });
    const flatten = (nodes: ReturnType<typeof outline>): string[] => nodes.flatMap((node) => [node.repeat ? `(${node.step.id})` : node.step.id, ...flatten(node.children)]);
    const ids = flatten(roots);
    expect(new Set(ids.filter((id) => !id.startsWith('('))).size).toBe(delay.steps.length);
    expect(ids).toContain('(honesty)');
  });

  it('exports a JSON Schema that describes the definition', () => {
    const schema = scriptJsonSchema() as { type?: string; properties?: Record<string, unknown>; required?: string[] };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'steps', 'selection', 'deescalation']));
  });
});

describe('wrap-up gate', () => {
  const facts = { customer: customerFacts(undefined, [], [], [], NOW), call: { ...NO_CALL, direction: 'inbound' as const }, now: NOW };
  it('blocks while a required question on the path is unanswered, then hands over answers and path', () => {
    let run = startRun(delay, 4, facts);
    run = advance(delay, run, facts).run;
    const entry: CallScript = { callKey: 'call-1', definition: delay, version: 4, run, pinned: false, finished: false };
    expect(wrapupOf(entry)).toMatchObject({ blocked: true, missing: [{ stepId: 'order_number' }], fields: { scriptId: 'delivery-delay', scriptVersion: 4 } });
    run = advance(delay, run, facts, 'A-77').run;
    expect(wrapupOf({ ...entry, run })).toMatchObject({
      blocked: false, missing: [], fields: { scriptAnswers: { order_number: 'A-77', _path: ['greet', 'order_number', 'honesty'] } },
    });
    expect(wrapupOf({ ...entry, run, finished: true })).toBeNull();
  });

  it('names the missing step by its prompt in both languages', () => {
    const run = advance(delay, startRun(delay, 4, facts), facts).run;
    const missing = wrapupOf({ callKey: 'call-1', definition: delay, version: 4, run, pinned: false, finished: false })!.missing[0]!;
    expect(missing.label.en.length).toBeGreaterThan(3);
    expect(missing.label.es.length).toBeGreaterThan(3);
    expect(missing.label.en).not.toMatch(/\{\{/);
  });

  it('reads the run of the call being wrapped up (not the live one), keeps its version, and finishes it', () => {
    const ended = { id: 0, callId: 'sip-call-a', startedAt: 1 };
    const live = { id: 1, callId: null, startedAt: 2 };
    expect(scriptCallKey(ended)).toBe('sip-call-a');
    expect(scriptCallKey(live)).toBe('line1-2');
    runActions.start(scriptCallKey(ended), delay, 4, facts);
    runActions.advance('sip-call-a', facts);
    const v5 = { ...delay, name: { en: 'Delay v5', es: 'Retraso v5' } };
    runActions.start(scriptCallKey(live), v5, 5, facts);
    // The other line is active in the panel; the wrap-up still gets its own call's script and version.
    expect(useRunStore.getState().activeKey).toBe('line1-2');
    expect(currentScriptWrapup(ended)).toMatchObject({ callKey: 'sip-call-a', blocked: true, fields: { scriptVersion: 4 }, missing: [{ stepId: 'order_number' }] });
    expect(currentScriptWrapup({ id: 0, callId: 'never-ran', startedAt: 9 })).toBeNull();

    // The wrap-up asks for the missing step: the panel switches to that call and is told which step.
    focusScriptStep('sip-call-a', 'order_number');
    expect(useRunStore.getState()).toMatchObject({ activeKey: 'sip-call-a', focus: { callKey: 'sip-call-a', stepId: 'order_number' } });
    const seq = useRunStore.getState().focus!.seq;
    focusScriptStep('sip-call-a', 'order_number');
    expect(useRunStore.getState().focus!.seq).toBe(seq + 1);

    runActions.advance('sip-call-a', facts, 'B-12');
    expect(currentScriptWrapup(ended)).toMatchObject({ blocked: false, fields: { scriptAnswers: { order_number: 'B-12' } } });
    finishScriptRun('sip-call-a');
    expect(currentScriptWrapup(ended)).toBeNull();
    expect(currentScriptWrapup(live)).toMatchObject({ fields: { scriptVersion: 5 } });
  });
});

describe('validator messages in both languages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
  it('every issue key has an English and a Spanish text with the same placeholders', () => {
    for (const [key, english] of Object.entries(en.issue)) {
      const spanish = (es.issue as Record<string, string>)[key];
      expect(spanish, key).toBeTruthy();
      expect(placeholders(spanish!), key).toEqual(placeholders(english));
    }
  });

  it('renders an issue from its key and parameters, with the hint, and falls back to the English text', () => {
    const fill = (text: string, params: Record<string, unknown>) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name]));
    const spanish = ((key: string, params: Record<string, unknown> = {}) => fill(key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], es) as string, params)) as never;
    const issue = validateScript({ ...delay, steps: delay.steps.map((step) => (step.id === 'greet' && step.type === 'say' ? { ...step, text: { en: 'Hi {{ customer.fristName }}', es: 'Hola' } } : step)) }).issues[0]!;
    expect(issueText(spanish, issue)).toBe('Campo de cliente desconocido «customer.fristName». ¿Quería decir customer.firstName?');
    expect(issueText(spanish, { ...issue, key: 'from_a_newer_server' as never })).toBe(issue.message);
  });
});

describe('role from the access token (UI only)', () => {
  it('reads the role claim and tolerates garbage', () => {
    const payload = btoa(JSON.stringify({ sub: 'u', role: 'team_lead' })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    expect(roleFromToken(`${payload}.signature`)).toBe('team_lead');
    expect(roleFromToken('%%%.x')).toBeNull();
    expect(roleFromToken(null)).toBeNull();
  });
});

describe('ownership and shared-draft revisions in the studio', () => {
  const listedAs = (id: string, teamId: string | null, canEdit: boolean) => ({
    id, version: 1, name: id, definition: delay, createdBy: null, createdAt: '', publishedAt: '', owner: { teamId, teamName: teamId ? `Name of ${teamId}` : null }, canEdit,
  });
  const listed = [listedAs('delivery-delay', null, false), listedAs('team-a-script', 'team-a', true), listedAs('team-b-script', 'team-b', false)];

  it('opens other teams\' and center-wide scripts read-only, by the server\'s flag for the id as opened', () => {
    expect(isReadOnly({ openedId: 'delivery-delay', base: null }, listed)).toBe(true);
    expect(isReadOnly({ openedId: 'team-b-script', base: null }, listed)).toBe(true);
    expect(isReadOnly({ openedId: 'team-a-script', base: null }, listed)).toBe(false);
    // A new script, or the list not loaded (offline): editable; the server still decides on save.
    expect(isReadOnly({ openedId: 'brand-new', base: null }, listed)).toBe(false);
    expect(isReadOnly({ openedId: 'delivery-delay', base: null }, undefined)).toBe(false);
  });

  it('names the owner from the published list, else from the team\'s draft, else nobody yet', () => {
    expect(ownerView('team-b-script', listed, [])).toEqual({ owner: { teamId: 'team-b', teamName: 'Name of team-b' }, canEdit: false });
    expect(ownerView('delivery-delay', listed, [])).toMatchObject({ owner: { teamId: null } });
    const draft = { scriptId: 'drafted', teamId: 'team-a', teamName: 'Team A', updatedByName: 'Diego', updatedAt: '', revision: 5, canEdit: true };
    expect(ownerView('drafted', listed, [draft])).toEqual({ owner: { teamId: 'team-a', teamName: 'Team A' }, canEdit: true });
    expect(ownerView('unsaved', listed, [draft])).toBeNull();
  });

  it('saves over the revision it started from, and only for that script id', () => {
    const session = { openedId: 'drafted', base: { scriptId: 'drafted', revision: 42 } };
    expect(baseRevisionFor(session, 'drafted')).toBe(42);
    expect(baseRevisionFor(session, 'renamed')).toBeNull();
    expect(baseRevisionFor({ openedId: null, base: null }, 'drafted')).toBeNull();
  });

  it('makes a copy under a free id with its name marked, in both languages', () => {
    const copy = copyScript(delay, new Set(['delivery-delay', 'delivery-delay-copy']));
    expect(copy.id).toBe('delivery-delay-copy-2');
    expect(copy.name).toEqual({ en: `${delay.name.en} (copy)`, es: `${delay.name.es} (copia)` });
    expect(copy.steps).toEqual(delay.steps);
    expect(copy.steps).not.toBe(delay.steps);
    // Copying a copy does not stack suffixes; ids stay within the schema's 64 characters.
    expect(copyScript(copy, new Set()).id).toBe('delivery-delay-copy');
    expect(copyScript(copy, new Set()).name.en).toBe(`${delay.name.en} (copy)`);
    const long = copyScript({ ...delay, id: `a${'b'.repeat(63)}` }, new Set());
    expect(scriptDefinitionSchema.safeParse(long).success).toBe(true);
  });

  it('reads the newer draft out of a 409 draft_conflict, and nothing else', () => {
    const theirs = { scriptId: 'drafted', revision: 7, updatedByName: 'Lucía' } as Draft;
    expect(conflictingDraft(new ScriptApiError(409, 'draft_conflict', 'saved meanwhile', [], { draft: theirs }))).toEqual({ draft: theirs });
    expect(conflictingDraft(new ScriptApiError(409, 'draft_conflict', 'published meanwhile', [], { draft: null }))).toEqual({ draft: null });
    expect(conflictingDraft(new ScriptApiError(403, 'forbidden', 'not yours'))).toBeNull();
    expect(conflictingDraft(new Error('boom'))).toBeNull();
  });
});

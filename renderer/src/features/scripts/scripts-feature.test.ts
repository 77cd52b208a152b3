import { describe, expect, it } from 'vitest';
import { STARTER_SCRIPTS, scriptDefinitionSchema, startRun, advance, validateScript, NO_CALL } from '@contract';
import { freshStepId, newScript, newStep, outline, parseImport, renameStep, scriptJsonSchema } from './authoring/draft';
import { customerFacts } from './facts';
import { roleFromToken } from './api';
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

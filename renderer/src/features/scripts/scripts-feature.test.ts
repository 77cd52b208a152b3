import { describe, expect, it } from 'vitest';
import { STARTER_SCRIPTS, scriptDefinitionSchema, startRun, advance, validateScript, NO_CALL } from '@contract';
import { freshStepId, newScript, newStep, outline, parseImport, renameStep, scriptJsonSchema } from './authoring/draft';
import { customerFacts } from './facts';
import { roleFromToken } from './api';
import { wrapupOf, type CallScript } from './run-store';

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
});

describe('role from the access token (UI only)', () => {
  it('reads the role claim and tolerates garbage', () => {
    const payload = btoa(JSON.stringify({ sub: 'u', role: 'team_lead' })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    expect(roleFromToken(`${payload}.signature`)).toBe('team_lead');
    expect(roleFromToken('%%%.x')).toBeNull();
    expect(roleFromToken(null)).toBeNull();
  });
});

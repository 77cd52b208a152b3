import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advance, back, coerceAnswer, currentStep, missingRequired, onEmotionChange, progress, recordedAnswers, renderText, runPath, startRun,
} from './runner';
import { selectScript } from './select';
import { escapeHtml, interpolate, toHtml, toPlainText } from './interpolate';
import { facts, script, t, NOW } from './test-support';
import type { ScriptDefinition } from './model';

const support = script({
  deescalation: { emotions: ['angry'], step: 'calm' },
  variables: [{ name: 'tier', initial: 'standard' }],
  steps: [
    { id: 'hello', type: 'say', text: t('Hello {{ customer.firstName }}'), next: 'vip' },
    { id: 'vip', type: 'branch', branches: [{ when: "customer.loyalty in ['gold', 'platinum']", next: 'mark' }], otherwise: 'reason' },
    { id: 'mark', type: 'set', variable: 'tier', value: "'vip'", next: 'reason' },
    {
      id: 'reason', type: 'ask', required: true, variable: 'reason', prompt: t('Reason?'),
      answer: { kind: 'choice', options: [{ value: 'order', label: t('Order') }, { value: 'other', label: t('Other') }] }, next: 'amount',
    },
    { id: 'amount', type: 'ask', prompt: t('Amount?'), answer: { kind: 'number', min: 0, max: 100 }, next: 'route' },
    { id: 'route', type: 'branch', branches: [{ when: "vars.reason == 'order'", next: 'done' }], otherwise: 'later' },
    { id: 'done', type: 'end', disposition: 'resolved', text: t('Bye {{ vars.tier }}') },
    { id: 'later', type: 'end', disposition: 'callback_scheduled', followUp: { kind: 'callback', inHours: 4, note: t('Call back') } },
    { id: 'calm', type: 'say', text: t('I hear you'), next: 'back_to_reason' },
    { id: 'back_to_reason', type: 'jump', to: 'reason' },
  ],
});

describe('the runner', () => {
  it('starts at the first step to show and runs branch/set steps by itself', () => {
    const callFacts = facts({ firstName: 'Ana', loyalty: 'gold' });
    let run = startRun(support, 3, callFacts);
    expect(run).toMatchObject({ scriptId: 'test-script', version: 3, status: 'running' });
    expect(currentStep(support, run)?.id).toBe('hello');
    expect(toPlainText(renderText(currentStep(support, run)!.type === 'say' ? (support.steps[0] as { text: { en: string; es: string } }).text : undefined, 'en', callFacts, run))).toBe('Hello Ana');
    run = (advance(support, run, callFacts) as { run: typeof run }).run;
    expect(currentStep(support, run)?.id).toBe('reason');
    expect(run.vars.tier).toBe('vip');
    expect(runPath(run)).toEqual(['hello', 'vip', 'mark', 'reason']);
  });

  it('refuses to pass a required question without an answer, and checks the answer', () => {
    const callFacts = facts();
    let run = startRun(support, 1, callFacts);
    run = (advance(support, run, callFacts) as { run: typeof run }).run;
    expect(advance(support, run, callFacts, '')).toMatchObject({ ok: false, problem: 'required' });
    expect(advance(support, run, callFacts, 'refund')).toMatchObject({ ok: false, problem: 'not_an_option' });
    expect(missingRequired(support, run).map((step) => step.id)).toEqual(['reason']);
    run = (advance(support, run, callFacts, 'order') as { run: typeof run }).run;
    expect(missingRequired(support, run)).toEqual([]);
    expect(advance(support, run, callFacts, 'lots')).toMatchObject({ ok: false, problem: 'not_a_number' });
    expect(advance(support, run, callFacts, '101')).toMatchObject({ ok: false, problem: 'out_of_range' });
    const ended = advance(support, run, callFacts, '');
    expect(ended.ok && ended.run).toMatchObject({ status: 'ended', ended: { stepId: 'done', disposition: 'resolved', followUp: null } });
    expect(ended.ok && recordedAnswers(ended.run)).toEqual({ reason: 'order', _path: ['hello', 'vip', 'reason', 'amount', 'route', 'done'] });
    expect(advance(support, ended.run, callFacts)).toMatchObject({ ok: false, problem: 'not_running' });
  });

  it('goes back, undoing answers and variables, and remembers the old answer as a draft', () => {
    const callFacts = facts();
    let run = startRun(support, 1, callFacts);
    run = (advance(support, run, callFacts) as { run: typeof run }).run;
    run = (advance(support, run, callFacts, 'other') as { run: typeof run }).run;
    expect(run.vars.reason).toBe('other');
    run = back(run);
    expect(currentStep(support, run)?.id).toBe('reason');
    expect(run.answers).toEqual({});
    expect(run.vars.reason).toBeUndefined();
    expect(run.drafts.reason).toBe('other');
    expect(back(back(back(run))).frames).toHaveLength(1);
  });

  it('jumps to the de-escalation branch once when the emotion turns angry', () => {
    let callFacts = facts();
    let run = startRun(support, 1, callFacts);
    expect(onEmotionChange(support, run, facts({}, { emotion: 'frustrated' }))).toBe(run);
    callFacts = facts({}, { emotion: 'angry' });
    run = onEmotionChange(support, run, callFacts);
    expect(currentStep(support, run)?.id).toBe('calm');
    expect(run.frames.at(-1)?.via).toBe('emotion');
    expect(onEmotionChange(support, run, callFacts)).toBe(run);
    run = (advance(support, run, callFacts) as { run: typeof run }).run;
    expect(currentStep(support, run)?.id).toBe('reason');
    expect(runPath(run)).toEqual(['hello', 'calm', 'back_to_reason', 'reason']);
  });

  it('keeps the version it started with: a run only ever reads the definition it was given', () => {
    const callFacts = facts();
    const v1 = support;
    const v2: ScriptDefinition = { ...support, steps: support.steps.map((step) => (step.id === 'hello' ? { ...step, next: 'later' } : step)) as ScriptDefinition['steps'] };
    let run = startRun(v1, 1, callFacts);
    run = (advance(v1, run, callFacts) as { run: typeof run }).run;
    expect(run.version).toBe(1);
    expect(currentStep(v1, run)?.id).toBe('reason');
    const onV2 = startRun(v2, 2, callFacts);
    expect((advance(v2, onV2, callFacts) as { run: typeof run }).run.ended?.stepId).toBe('later');
  });

  it('shows a progress hint: steps done and the fewest to go', () => {
    const callFacts = facts();
    const run = startRun(support, 1, callFacts);
    expect(progress(support, run)).toEqual({ done: 1, remaining: 3 });
  });

  it('stops with a reason instead of looping forever or falling through', () => {
    const looping = script({ steps: [
      { id: 'a', type: 'branch', branches: [{ when: 'true', next: 'b' }], otherwise: 'z' },
      { id: 'b', type: 'jump', to: 'a' },
      { id: 'z', type: 'end', disposition: 'resolved' },
    ] });
    expect(startRun(looping, 1, facts())).toMatchObject({ status: 'stuck', problem: expect.stringMatching(/loops/) });
    const falling = script({ steps: [
      { id: 'a', type: 'branch', branches: [{ when: 'false', next: 'z' }], otherwise: null },
      { id: 'z', type: 'end', disposition: 'resolved' },
    ] });
    expect(startRun(falling, 1, facts())).toMatchObject({ status: 'stuck', problem: 'no condition of "a" holds and it has no "otherwise"' });
  });
});

describe('answers', () => {
  it('reads each kind of answer', () => {
    expect(coerceAnswer({ kind: 'yes_no' }, 'yes')).toEqual({ ok: true, value: true });
    expect(coerceAnswer({ kind: 'yes_no' }, false)).toEqual({ ok: true, value: false });
    expect(coerceAnswer({ kind: 'yes_no' }, 'maybe')).toEqual({ ok: false, problem: 'not_yes_no' });
    expect(coerceAnswer({ kind: 'number', min: null, max: null }, '12,5')).toEqual({ ok: true, value: 12.5 });
    expect(coerceAnswer({ kind: 'date' }, '2026-02-30')).toEqual({ ok: false, problem: 'not_a_date' });
    expect(coerceAnswer({ kind: 'date' }, '2026-02-28')).toEqual({ ok: true, value: '2026-02-28' });
    expect(coerceAnswer({ kind: 'text', maxLength: 3 }, 'abcd')).toEqual({ ok: false, problem: 'too_long' });
    expect(coerceAnswer({ kind: 'text', maxLength: 3 }, '  ')).toEqual({ ok: true, value: null });
  });
});

describe('selection rules', () => {
  const def = (id: string, selection: object) => ({ definition: script({ id, selection, steps: [{ id: 'z', type: 'end', disposition: 'resolved' }] }) });
  const candidates = [
    def('general', { directions: ['inbound'], priority: -10 }),
    def('delay', { directions: ['inbound'], complaintTypes: ['delivery_delay'], priority: 10 }),
    def('angry', { emotions: ['angry', 'frustrated'], priority: 20 }),
    def('billing', { queues: ['billing'], directions: ['inbound'] }),
    def('billing-delay', { queues: ['billing'], complaintTypes: ['delivery_delay'] }),
  ];
  const pick = (call: Partial<Parameters<typeof selectScript>[1]>) =>
    selectScript(candidates, { queue: null, direction: 'inbound', complaintType: null, emotion: null, ...call })?.definition.id ?? null;

  it('matches queue, direction, complaint type and emotion, preferring priority then specificity', () => {
    expect(pick({})).toBe('general');
    expect(pick({ complaintType: 'delivery_delay' })).toBe('delay');
    expect(pick({ complaintType: 'delivery_delay', emotion: 'angry' })).toBe('angry');
    expect(pick({ queue: 'billing' })).toBe('billing');
    expect(pick({ queue: 'billing', complaintType: 'delivery_delay', direction: 'outbound' })).toBe('billing-delay');
    expect(pick({ direction: 'outbound' })).toBeNull();
  });
});

describe('interpolation', () => {
  const env = (customer: Record<string, unknown>) => ({ scope: { customer, call: {}, answers: {}, vars: {} }, now: NOW });

  it('fills placeholders and leaves the rest alone', () => {
    expect(toPlainText(interpolate('Hi {{ customer.firstName }}, {{ customer.nps }}!', env({ firstName: 'Ana' })))).toBe('Hi Ana, !');
    expect(toPlainText(interpolate('Value {{ customer.clv }}', env({ clv: 1234.5 }), (n) => n.toFixed(0)))).toBe('Value 1235');
  });

  it('treats hostile customer data as text: no markup, no second pass, no control characters', () => {
    const hostile = ['<img src=x onerror=alert(1)>', '{{ vars.secret }}', "'); alert(1); ('", '\u202Egnp.exe', 'a\u0000b', '${process.exit()}'];
    for (const name of hostile) {
      const parts = interpolate('Hello {{ customer.firstName }}', env({ firstName: name }));
      const html = toHtml(parts);
      expect(html).not.toMatch(/<img|<script/);
      expect(toPlainText(parts)).not.toContain('\u202E');
      expect(toPlainText(parts)).not.toContain('\u0000');
      if (name.startsWith('{{')) expect(toPlainText(parts)).toBe('Hello {{ vars.secret }}');
    }
  });

  it('property: whatever the data, the HTML output has no raw markup characters from it', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (name, template) => {
      const parts = interpolate(`${template.replace(/[{}<>&"'`]/g, '')}{{ customer.firstName }}`, env({ firstName: name }));
      const html = toHtml(parts);
      expect(html).not.toMatch(/[<>"'`]/);
      expect(escapeHtml(name)).not.toMatch(/[<>"'`]/);
    }), { numRuns: 500 });
  });
});

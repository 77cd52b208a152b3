import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCRIPT_ISSUE_CODES, type ScriptIssueCode, validateScript } from './validate';
import { SCRIPT_ISSUE_TEXTS_EN } from './issue-texts';
import { startRun, advance, currentStep } from './runner';
import { facts, t } from './test-support';

const base = { schemaVersion: 1, id: 'check', name: t('Check') };
const codes = (input: unknown, options = {}) => {
  const result = validateScript(input, options);
  return result.ok ? [] : result.issues.map((issue) => `${issue.code}@${issue.stepId ?? '-'}:${issue.field}`);
};

describe('validateScript', () => {
  it('accepts a well-formed script', () => {
    const result = validateScript({
      ...base, start: 'hello', variables: [{ name: 'tries', initial: 0 }],
      steps: [
        { id: 'hello', type: 'say', text: t('Hello {{ customer.firstName }}'), next: 'ask' },
        { id: 'ask', type: 'ask', prompt: t('Happy?'), answer: { kind: 'yes_no' }, required: true, next: 'count' },
        { id: 'count', type: 'set', variable: 'tries', value: 'vars.tries + 1', next: 'route' },
        { id: 'route', type: 'branch', branches: [{ when: 'answers.ask == true', next: 'bye' }], otherwise: 'hello' },
        { id: 'bye', type: 'end', disposition: 'resolved' },
      ],
    }, { dispositions: ['resolved'] });
    expect(result).toMatchObject({ ok: true, issues: [] });
  });

  it('reports shape errors with their path and step', () => {
    const result = validateScript({ ...base, start: 'a', steps: [{ id: 'a', type: 'shout', next: 'a' }] });
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'schema', stepId: 'a', field: 'steps.0.type' });
    expect(validateScript('not a script').issues[0]?.code).toBe('schema');
  });

  it('finds jumps to missing steps, a missing start and a missing de-escalation step', () => {
    expect(codes({
      ...base, start: 'nowhere', deescalation: { emotions: ['angry'], step: 'calm' },
      steps: [{ id: 'a', type: 'jump', to: 'ghost' }, { id: 'z', type: 'end', disposition: 'resolved' }],
    })).toEqual(expect.arrayContaining([
      'missing_step@-:start', 'missing_step@-:deescalation.step', 'missing_step@a:steps.0.to',
    ]));
  });

  it('finds unreachable steps', () => {
    expect(codes({
      ...base, start: 'a',
      steps: [{ id: 'a', type: 'say', text: t('Hi'), next: 'z' }, { id: 'orphan', type: 'say', text: t('Never'), next: 'z' }, { id: 'z', type: 'end', disposition: 'resolved' }],
    })).toEqual(['unreachable@orphan:steps.1']);
  });

  it('counts the de-escalation step as an entry point', () => {
    expect(codes({
      ...base, start: 'a', deescalation: { emotions: ['angry'], step: 'calm' },
      steps: [{ id: 'a', type: 'say', text: t('Hi'), next: 'z' }, { id: 'calm', type: 'say', text: t('Calm'), next: 'z' }, { id: 'z', type: 'end', disposition: 'resolved' }],
    })).toEqual([]);
  });

  it('finds branches that can fall through, unless a condition is literally true', () => {
    const steps = (otherwise: string | null, when = "call.queue == 'x'") => [
      { id: 'b', type: 'branch', branches: [{ when, next: 'z' }], otherwise },
      { id: 'z', type: 'end', disposition: 'resolved' },
    ];
    expect(codes({ ...base, start: 'b', steps: steps(null) })).toEqual(['branch_fallthrough@b:steps.0.otherwise']);
    expect(codes({ ...base, start: 'b', steps: steps('z') })).toEqual([]);
    expect(codes({ ...base, start: 'b', steps: steps(null, 'true') })).toEqual([]);
  });

  it('finds cycles with no way out, naming the loop', () => {
    const result = validateScript({
      ...base, start: 'a',
      steps: [
        { id: 'a', type: 'branch', branches: [{ when: 'customer.influencer', next: 'loop1' }], otherwise: 'z' },
        { id: 'loop1', type: 'say', text: t('One'), next: 'loop2' },
        { id: 'loop2', type: 'jump', to: 'loop1' },
        { id: 'z', type: 'end', disposition: 'resolved' },
      ],
    });
    expect(result.issues).toEqual([expect.objectContaining({ code: 'cycle_without_exit', stepId: 'loop1', message: expect.stringContaining('loop1 → loop2 → loop1') })]);
  });

  it('says so when there is no end step at all', () => {
    expect(codes({ ...base, start: 'a', steps: [{ id: 'a', type: 'say', text: t('Hi'), next: 'a' }] })).toEqual(['cycle_without_exit@-:steps']);
  });

  it('finds syntax errors and unknown names in conditions, set values and texts', () => {
    const result = validateScript({
      ...base, start: 'a',
      steps: [
        { id: 'a', type: 'say', text: { en: 'Hi {{ customer.fristName }}', es: 'Hola {{ customer.firstName' }, next: 'b' },
        { id: 'b', type: 'set', variable: 'x', value: 'vars.y + ', next: 'c' },
        { id: 'c', type: 'branch', branches: [{ when: "answers.nope == 'x' && vars.x", next: 'z' }], otherwise: 'z' },
        { id: 'z', type: 'end', disposition: 'resolved' },
      ],
    });
    // Codes and parameters (the UI translates them), with the English text for logs and API clients.
    const issues = result.issues.map((issue) => [issue.code, issue.field, issue.key, issue.params, issue.message]);
    expect(issues).toEqual(expect.arrayContaining([
      ['unknown_name', 'steps.0.text.en', 'unknown_customer_field', { name: 'customer.fristName', suggestion: 'customer.firstName' },
        'Unknown customer field “customer.fristName”. Did you mean customer.firstName?'],
      ['expression_syntax', 'steps.0.text.es', 'expr_unclosed_placeholder_es', { open: '{{', close: '}}', at: 6 },
        'A placeholder opened with “{{” is not closed with “}}” in the Spanish text.'],
      ['expression_syntax', 'steps.1.value', 'expr_ends_early', expect.objectContaining({ source: 'vars.y + ' }), expect.stringContaining('ends too early')],
      ['unknown_name', 'steps.2.branches.0.when', 'unknown_answer', { name: 'answers.nope' }, '“answers.nope” is not the answer of an ask step.'],
    ]));
    expect(issues.filter(([code]) => code === 'unknown_name')).toHaveLength(2); // vars.x is set by step b
  });

  it('finds undefined variables', () => {
    expect(codes({
      ...base, start: 'c',
      steps: [{ id: 'c', type: 'branch', branches: [{ when: 'vars.offer', next: 'z' }], otherwise: 'z' }, { id: 'z', type: 'end', disposition: 'resolved' }],
    })).toEqual(['unknown_name@c:steps.0.branches.0.when']);
  });

  it('finds missing translations in every text, including options and follow-up notes', () => {
    expect(codes({
      ...base, name: { en: 'Check', es: '' }, start: 'a',
      steps: [
        { id: 'a', type: 'ask', prompt: { en: '', es: '¿Sí?' }, answer: { kind: 'choice', options: [{ value: 'y', label: t('Yes') }, { value: 'n', label: { en: 'No' } }] }, next: 'z' },
        { id: 'z', type: 'end', disposition: 'resolved', followUp: { kind: 'callback', inHours: 4, note: { en: 'Call', es: ' ' } } },
      ],
    })).toEqual([
      'missing_translation@-:name.es', 'missing_translation@a:steps.0.prompt.en', 'missing_translation@a:steps.0.answer.options.1.label.es',
      'missing_translation@z:steps.1.followUp.note.es',
    ]);
  });

  it('checks dispositions and complaint types against the reference lists when given', () => {
    expect(codes({
      ...base, start: 'z', selection: { complaintTypes: ['delivery_delay', 'made_up'] },
      steps: [{ id: 'z', type: 'end', disposition: 'party' }],
    }, { dispositions: ['resolved'], complaintTypes: ['delivery_delay'] })).toEqual([
      'unknown_disposition@z:steps.0.disposition', 'unknown_complaint_type@-:selection.complaintTypes.1',
    ]);
  });

  it('finds duplicate steps, variables and options', () => {
    expect(codes({
      ...base, start: 'a', variables: [{ name: 'v' }, { name: 'v' }],
      steps: [
        { id: 'a', type: 'ask', prompt: t('?'), answer: { kind: 'choice', options: [{ value: 'x', label: t('X') }, { value: 'x', label: t('X2') }] }, next: 'z' },
        { id: 'a', type: 'say', text: t('dup'), next: 'z' },
        { id: 'z', type: 'end', disposition: 'resolved' },
      ],
    })).toEqual(expect.arrayContaining(['duplicate_step@a:steps.1.id', 'duplicate_variable@-:variables.1.name', 'duplicate_option@a:steps.0.answer.options.1.value']));
  });
});

// ── Random graphs ─────────────────────────────────────────────────────────────────────────
const IDS = ['s0', 's1', 's2', 's3', 's4', 's5', 's6'];
const target = fc.constantFrom(...IDS, 'missing');
const condition = fc.constantFrom('true', 'customer.influencer', "call.queue == 'billing'", 'answers.s1 == true', 'vars.flag', 'vars.undefinedVar', 'customer.nope > 1', '1 +');
const stepAt = (id: string) => fc.oneof(
  fc.record({ id: fc.constant(id), type: fc.constant('say'), text: fc.constantFrom(t('Hi'), t('Hi {{ customer.firstName }}'), { en: 'x', es: '' }), next: target }),
  fc.record({ id: fc.constant(id), type: fc.constant('ask'), prompt: fc.constant(t('Q?')), answer: fc.constant({ kind: 'yes_no' }), required: fc.boolean(), next: target }),
  fc.record({ id: fc.constant(id), type: fc.constant('branch'), branches: fc.array(fc.record({ when: condition, next: target }), { minLength: 1, maxLength: 3 }), otherwise: fc.option(target, { nil: null }) }),
  fc.record({ id: fc.constant(id), type: fc.constant('set'), variable: fc.constant('flag'), value: condition, next: target }),
  fc.record({ id: fc.constant(id), type: fc.constant('jump'), to: target }),
  fc.record({ id: fc.constant(id), type: fc.constant('end'), disposition: fc.constant('resolved') }),
);
const randomScript = fc.integer({ min: 1, max: IDS.length }).chain((count) =>
  fc.tuple(...IDS.slice(0, count).map(stepAt)).map((steps) => ({ ...base, start: 's0', steps })));

describe('validator properties', () => {
  it('the generator yields both valid and invalid graphs (so the properties below are not vacuous)', () => {
    const results = fc.sample(randomScript, { numRuns: 2000, seed: 7 }).map((input) => validateScript(input).ok);
    expect(results.filter(Boolean).length).toBeGreaterThan(20);
    expect(results.filter((ok) => !ok).length).toBeGreaterThan(20);
  });

  it('a random graph either validates or gets precise errors: known codes, existing steps, a field', () => {
    fc.assert(fc.property(randomScript, (input) => {
      const result = validateScript(input);
      const ids = new Set(input.steps.map((step) => step.id));
      for (const issue of result.issues) {
        expect(SCRIPT_ISSUE_CODES).toContain(issue.code as ScriptIssueCode);
        if (issue.stepId !== null) expect(ids.has(issue.stepId)).toBe(true);
        expect(issue.field.length).toBeGreaterThan(0);
        expect(issue.message.length).toBeGreaterThan(0);
        // Every issue is translatable: a known key whose placeholders its parameters fill.
        const template: string = SCRIPT_ISSUE_TEXTS_EN[issue.key];
        for (const [, name] of template.matchAll(/\{\{(\w+)\}\}/g)) expect(issue.params).toHaveProperty(name!);
      }
      expect(result.ok).toBe(result.issues.length === 0);
    }), { numRuns: 1500 });
  }, 60_000); // 1,500 random graphs: a budget for a loaded machine, not a speed check

  it('a graph that validates never strands a call: the runner only stops at a step to show, an end, or a data-dependent loop', () => {
    fc.assert(fc.property(randomScript, fc.array(fc.boolean(), { maxLength: 12 }), fc.boolean(), (input, answers, influencer) => {
      const result = validateScript(input);
      if (!result.ok) return;
      const callFacts = facts({ influencer }, { queue: 'billing' });
      let run = startRun(result.script, 1, callFacts);
      for (const answer of answers) {
        if (run.status === 'stuck') expect(run.problem).toMatch(/loops/);
        if (run.status !== 'running') break;
        const step = currentStep(result.script, run);
        expect(step && ['say', 'ask'].includes(step.type)).toBe(true);
        const moved = advance(result.script, run, callFacts, answer);
        expect(moved.ok).toBe(true);
        run = moved.run;
      }
    }), { numRuns: 1500 });
  });
});

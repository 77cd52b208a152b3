import { describe, expect, it } from 'vitest';
import { STARTER_SCRIPTS } from './index';
import { validateScript } from '../validate';
import { advance, currentStep, onEmotionChange, recordedAnswers, renderText, startRun } from '../runner';
import { selectScript } from '../select';
import { facts } from '../test-support';
import type { ScriptDefinition } from '../model';

/** The seeded reference lists (server/src/seed/reference.ts) the shipped scripts must use. */
const DISPOSITIONS = ['resolved', 'information_provided', 'complaint_logged', 'callback_scheduled', 'escalated', 'sale', 'transferred', 'no_answer', 'wrong_number', 'do_not_call'];
const COMPLAINT_TYPES = ['delivery_delay', 'damaged_item', 'lost_parcel', 'billing_error', 'refund', 'unexpected_charge', 'service_outage', 'rude_staff', 'long_wait', 'product_defect', 'wrong_item', 'contract_cancellation', 'privacy_data_request', 'unwanted_marketing'];

const scripts = STARTER_SCRIPTS.map((input) => {
  const result = validateScript(input, { dispositions: DISPOSITIONS, complaintTypes: COMPLAINT_TYPES });
  return { input, result };
});
const definition = (id: string): ScriptDefinition => scripts.find(({ result }) => result.script?.id === id)!.result.script!;
const published = () => scripts.map(({ result }) => ({ definition: result.script! }));

describe('the shipped scripts', () => {
  it.each(scripts.map(({ input, result }) => [input.id, result] as const))('%s validates against the seeded reference lists', (_id, result) => {
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('cover the four situations of the issue plus a general fallback', () => {
    expect(scripts.map(({ input }) => input.id).sort()).toEqual(['angry-customer', 'complaint-follow-up', 'delay-notice', 'delivery-delay', 'general-inbound']);
  });

  it('are chosen by queue, direction, complaint type and emotion', () => {
    const pick = (call: Partial<Parameters<typeof selectScript>[1]>) =>
      selectScript(published(), { queue: 'general', direction: 'inbound', complaintType: null, emotion: null, ...call })?.definition.id;
    expect(pick({})).toBe('general-inbound');
    expect(pick({ complaintType: 'delivery_delay' })).toBe('delivery-delay');
    expect(pick({ complaintType: 'delivery_delay', emotion: 'angry' })).toBe('angry-customer');
    expect(pick({ direction: 'outbound', queue: 'proactive' })).toBe('delay-notice');
    expect(pick({ direction: 'outbound', queue: 'follow_up' })).toBe('complaint-follow-up');
  });

  it('angry customer with an overdue complaint: listening, ownership, restating, a concrete next step', () => {
    const script = definition('angry-customer');
    const callFacts = facts({ firstName: 'Marta', openComplaints: 1, overdueComplaints: 1 }, { emotion: 'angry' });
    let run = startRun(script, 1, callFacts);
    const seen: string[] = [];
    const answers: Record<string, unknown> = { restate: 'Third missed delivery', mood: 'calmer', next_step: 'callback', callback_day: '2026-03-12' };
    while (run.status === 'running') {
      const step = currentStep(script, run)!;
      seen.push(step.id);
      const moved = advance(script, run, callFacts, answers[step.id]);
      expect(moved.ok).toBe(true);
      run = moved.run;
    }
    expect(seen).toEqual(['listen', 'empathize', 'own_overdue', 'restate', 'mood', 'next_step', 'callback_day']);
    expect(run.ended).toMatchObject({ stepId: 'close_callback', disposition: 'callback_scheduled', followUp: { kind: 'callback' } });
    const closing = script.steps.find((step) => step.id === 'close_callback')!;
    expect(renderText(closing.type === 'end' ? closing.text : undefined, 'es', callFacts, run).map((part) => part.text).join('')).toContain('el 2026-03-12');
    expect(recordedAnswers(run)).toMatchObject({ restate: 'Third missed delivery', _path: expect.arrayContaining(['own_overdue', 'close_callback']) });
  });

  it('loyal customer calling about a delay: honesty, then the loyal goodwill offer; angry mid-call detours through de-escalation', () => {
    const script = definition('delivery-delay');
    let callFacts = facts({ firstName: 'Luis', loyalty: 'platinum', lifetimeValue: 5400 }, { complaintType: 'delivery_delay' });
    let run = startRun(script, 1, callFacts);
    run = advance(script, run, callFacts).run; // greet
    run = advance(script, run, callFacts, 'A-1001').run; // order number
    callFacts = facts({ firstName: 'Luis', loyalty: 'platinum', lifetimeValue: 5400 }, { complaintType: 'delivery_delay', emotion: 'angry' });
    run = onEmotionChange(script, run, callFacts);
    expect(currentStep(script, run)?.id).toBe('calm_listen');
    run = advance(script, run, callFacts).run;
    run = advance(script, run, callFacts, 'wants it before the weekend').run;
    run = advance(script, run, callFacts).run; // calm_commit → jump back
    expect(currentStep(script, run)?.id).toBe('honesty');
    run = advance(script, run, callFacts).run;
    run = advance(script, run, callFacts, '2026-03-14').run;
    expect(currentStep(script, run)?.id).toBe('say_premium');
    expect(run.vars.offer).toBe('shipping_refund_and_voucher');
  });

  it('every text exists in English and Spanish and renders without placeholders left over', () => {
    for (const { result } of scripts) {
      const script = result.script!;
      const run = startRun(script, 1, facts({ firstName: 'Ana' }));
      for (const step of script.steps) {
        const text = step.type === 'say' ? step.text : step.type === 'ask' ? step.prompt : step.type === 'end' ? step.text : undefined;
        for (const language of ['en', 'es'] as const) {
          const rendered = renderText(text, language, facts({ firstName: 'Ana' }), run).map((part) => part.text).join('');
          expect(rendered).not.toContain('{{');
        }
      }
    }
  });
});

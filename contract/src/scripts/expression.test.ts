import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EvalEnv, type ScriptValue, evaluate, evaluateSource, namesIn, parseExpression } from './expression';
import { checkName, nameProblem } from './context';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const env = (scope: Record<string, unknown> = {}): EvalEnv => ({ scope, now: NOW });
const customer = { loyalty: 'gold', lifetimeValue: 2500, influencer: false, openComplaintTypes: ['delivery_delay'], firstName: 'Ana', consents: { phone: true } };
const run = (source: string, scope: Record<string, unknown> = { customer, call: { queue: 'billing', emotion: 'angry' }, answers: {}, vars: {} }): ScriptValue => {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(`parse failed: ${parsed.error.message}`);
  return evaluate(parsed.expr, env(scope));
};

describe('expression language: evaluation', () => {
  it('reads dotted names and compares them', () => {
    expect(run("customer.loyalty == 'gold'")).toBe(true);
    expect(run('customer.lifetimeValue >= 2000 && !customer.influencer')).toBe(true);
    expect(run("customer.loyalty in ['gold', 'platinum']")).toBe(true);
    expect(run("'delivery_delay' in customer.openComplaintTypes")).toBe(true);
    expect(run('customer.consents.phone')).toBe(true);
    expect(run("call.emotion == 'angry' or call.queue == 'sales'")).toBe(true);
    expect(run('not (1 < 2)')).toBe(false);
  });

  it('follows precedence: * before +, comparison before &&, && before ||', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('true || false && false')).toBe(true);
    expect(run('-2 * -3')).toBe(6);
    expect(run('10 % 4 - 1')).toBe(1);
  });

  it('yields null, not an exception, for missing data and type mismatches', () => {
    expect(run('customer.nps')).toBeNull();
    expect(run('customer.nps > 8')).toBe(false);
    expect(run('customer.nps + 1')).toBeNull();
    expect(run('1 / 0')).toBeNull();
    expect(run("'a' * 2")).toBeNull();
    expect(run('vars.missing == null')).toBe(true);
    expect(run('answers.nothing.deeper')).toBeNull();
  });

  it('never reaches prototypes or host objects', () => {
    expect(run('customer.constructor')).toBeNull();
    expect(run('customer.__proto__')).toBeNull();
    expect(run('customer.firstName.length')).toBeNull();
    expect(run('vars.toString')).toBeNull();
  });

  it('has a small library of functions', () => {
    expect(run("len('hola')")).toBe(4);
    expect(run("lower('ÁBC')")).toBe('ábc');
    expect(run("contains(customer.openComplaintTypes, 'delivery_delay')")).toBe(true);
    expect(run("startsWith('Platinum', 'plat')")).toBe(true);
    expect(run('round(2.345, 2)')).toBe(2.35);
    expect(run('max(1, 5, 3)')).toBe(5);
    expect(run("coalesce(customer.nps, 'none')")).toBe('none');
    expect(run("if(customer.firstName, 'Hi ' + customer.firstName, 'Hi')")).toBe('Hi Ana');
    expect(run("daysUntil('2026-03-13')")).toBe(2);
    expect(run("daysSince('2026-03-01')")).toBe(9);
    expect(run("daysUntil('not a date')")).toBeNull();
  });

  it('concatenates text with +', () => {
    expect(run("'Order ' + 42")).toBe('Order 42');
    expect(run("customer.firstName + ' ' + null")).toBe('Ana ');
  });
});

describe('expression language: parse errors', () => {
  const error = (source: string) => {
    const parsed = parseExpression(source);
    expect(parsed.ok).toBe(false);
    return parsed.ok ? null : parsed.error;
  };

  it('points at the offending character', () => {
    expect(error('customer.loyalty ==')).toMatchObject({ message: 'expression ends too early', at: 19 });
    expect(error("'unterminated")).toMatchObject({ message: 'unterminated string', at: 0 });
    expect(error('1 < 2 < 3')?.message).toMatch(/cannot be chained/);
    expect(error('a ; b')).toMatchObject({ at: 2 });
    expect(error('(1 + 2')?.message).toBe('expected ")"');
  });

  it('refuses unknown functions and wrong arities', () => {
    expect(error('eval("1")')?.message).toMatch(/unknown function "eval"/);
    expect(error('len()')?.message).toMatch(/len\(\) takes 1 argument, got 0/);
    expect(error('constructor("x")')?.message).toMatch(/unknown function/);
  });

  it('refuses empty, overlong and too deeply nested input', () => {
    expect(error('   ')?.message).toBe('empty expression');
    expect(error('1+'.repeat(600) + '1')?.message).toMatch(/longer than/);
    expect(error('('.repeat(60) + '1' + ')'.repeat(60))?.message).toMatch(/nested too deeply/);
  });
});

describe('names', () => {
  it('lists the names an expression reads', () => {
    const parsed = parseExpression("customer.loyalty == 'gold' && len(answers.reason) > 0 || vars.x");
    expect(parsed.ok && namesIn(parsed.expr).map((name) => name.path.join('.'))).toEqual(['customer.loyalty', 'answers.reason', 'vars.x']);
  });

  it('explains unknown names and suggests the closest known one', () => {
    const table = { askSteps: new Set(['reason']), variables: new Set(['offer']) };
    expect(checkName(['customer', 'loyalty'], table)).toBeNull();
    expect(checkName(['customer', 'consents', 'phone'], table)).toBeNull();
    expect(checkName(['customer', 'loyality'], table)).toBe('Unknown customer field “customer.loyality”. Did you mean customer.loyalty?');
    expect(checkName(['vars', 'ofer'], table)).toMatch(/Undefined variable “vars.ofer”.*Did you mean vars.offer\?/);
    expect(checkName(['answers', 'motive'], table)).toMatch(/not the answer of an ask step/);
    expect(checkName(['custmer', 'name'], table)).toMatch(/Did you mean customer\?/);
    expect(nameProblem(['customer', 'loyality'], table)).toEqual({ key: 'unknown_customer_field', params: { name: 'customer.loyality', suggestion: 'customer.loyalty' } });
    expect(nameProblem(['vars', 'zzzzzz'], table)).toEqual({ key: 'unknown_variable', params: { name: 'vars.zzzzzz' } });
  });
});

// ── Properties ────────────────────────────────────────────────────────────────────────────
const identifier = fc.constantFrom('customer', 'call', 'answers', 'vars', 'loyalty', 'x', 'constructor', '__proto__', 'prototype');
const atom = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e6 }).map((n) => String(Math.abs(n)).replace(/e.*$/, '')),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('true', 'false', 'null', '[]', "[1, 'a']"),
  fc.array(identifier, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.')),
);
const expressionText: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||', 'in', 'and', 'or'), tie('expr')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('expr').map((a) => `!${a}`),
    fc.tuple(fc.constantFrom('len', 'lower', 'abs', 'daysUntil'), tie('expr')).map(([fn, a]) => `${fn}(${a})`),
    fc.tuple(fc.constantFrom('min', 'max', 'coalesce', 'contains', 'if'), tie('expr'), tie('expr')).map(([fn, a, b]) => `${fn}(${a}, ${b})`),
  ),
})).expr;

const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, false, 0, -1, 1e300, Number.NaN, Infinity, '', '<script>alert(1)</script>', '{{ vars.x }}'),
    fc.string(),
    fc.double(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('loyalty', 'x', 'constructor', 'phone', 'queue'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const isScriptValue = (value: unknown): boolean =>
  value === null || ['string', 'boolean'].includes(typeof value) || (typeof value === 'number' && Number.isFinite(value)) || (Array.isArray(value) && value.every(isScriptValue));

describe('expression properties', () => {
  it('parsing arbitrary text never throws: it yields a tree or an error inside the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (source) => {
      const parsed = parseExpression(source);
      if (!parsed.ok) {
        expect(parsed.error.message.length).toBeGreaterThan(0);
        expect(parsed.error.at).toBeGreaterThanOrEqual(0);
        expect(parsed.error.at).toBeLessThanOrEqual(source.length);
      }
    }), { numRuns: 2000 });
  });

  it('generated expressions parse, and evaluate to a defined value on any data', () => {
    fc.assert(fc.property(expressionText, jsonish, jsonish, (source, customerData, vars) => {
      const parsed = parseExpression(source);
      if (!parsed.ok) return source.length > 1000; // only over-long generated text may fail
      const value = evaluate(parsed.expr, { scope: { customer: customerData, call: {}, answers: {}, vars }, now: NOW });
      expect(value).not.toBeUndefined();
      expect(isScriptValue(value)).toBe(true);
      return true;
    }), { numRuns: 1000 });
  });

  it('evaluating source never throws, whatever the text and data', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), jsonish, (source, data) => {
      const value = evaluateSource(source, { scope: { customer: data }, now: NOW });
      expect(isScriptValue(value)).toBe(true);
    }), { numRuns: 1000 });
  });
});

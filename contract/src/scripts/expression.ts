/**
 * The script expression language: a small, safe language for branch conditions, `set` steps and
 * `{{ … }}` interpolation. Parsed by our own recursive-descent parser and evaluated by walking
 * the tree: no eval, no `new Function`, no access to prototypes or host objects.
 *
 *   literals   12  3.5  'text'  "text"  true  false  null  [1, 'a']
 *   names      customer.loyalty  call.queue  answers.reason  vars.offer   (dotted paths only)
 *   operators  ! not  * / %  + -  < <= > >= == != in  && and  || or   (-x, parentheses)
 *   functions  len lower upper contains startsWith round min max abs coalesce daysUntil daysSince
 *              if(condition, then, else)
 *
 * Evaluation never throws: a missing name or a type mismatch yields null (and comparisons with
 * null are false), so a script never crashes on incomplete customer data. Unknown names are
 * reported before publishing by `checkExpression`.
 */

export type ScriptValue = string | number | boolean | null | ScriptValue[];

export type Expr =
  | { kind: 'literal'; value: ScriptValue; at: number }
  | { kind: 'list'; items: Expr[]; at: number }
  | { kind: 'name'; path: string[]; at: number }
  | { kind: 'call'; fn: FunctionName; args: Expr[]; at: number }
  | { kind: 'unary'; op: '!' | '-'; operand: Expr; at: number }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; at: number };

type BinaryOp = '&&' | '||' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '%';

export type ExpressionErrorReason =
  | 'not_text' | 'too_long' | 'empty' | 'unterminated_string' | 'unexpected_character' | 'expected' | 'unexpected_token' | 'too_deep'
  | 'chained_comparison' | 'ends_early' | 'unknown_function' | 'wrong_arity' | 'expected_name' | 'unreadable' | 'unclosed_placeholder';

export interface ExpressionError {
  /** English, for logs; `reason` and `params` are what a UI translates. */
  message: string;
  /** 0-based character offset in the source. */
  at: number;
  reason: ExpressionErrorReason;
  params: Record<string, string | number>;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExpressionError };

export const MAX_EXPRESSION_LENGTH = 1000;
const MAX_DEPTH = 40;

const FUNCTIONS = {
  len: [1, 1], lower: [1, 1], upper: [1, 1], contains: [2, 2], startsWith: [2, 2], round: [1, 2],
  min: [1, 10], max: [1, 10], abs: [1, 1], coalesce: [1, 10], daysUntil: [1, 1], daysSince: [1, 1], if: [2, 3],
} as const satisfies Record<string, readonly [number, number]>;
export type FunctionName = keyof typeof FUNCTIONS;
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];
const isFunctionName = (name: string): name is FunctionName => Object.hasOwn(FUNCTIONS, name);

// ── Tokens ──────────────────────────────────────────────────────────────────────────────
type Token =
  | { type: 'num'; value: number; at: number }
  | { type: 'str'; value: string; at: number }
  | { type: 'ident'; value: string; at: number }
  | { type: 'op'; value: string; at: number }
  | { type: 'end'; at: number };

class ParseFailure extends Error {
  constructor(message: string, readonly at: number, readonly reason: ExpressionErrorReason, readonly params: Record<string, string | number> = {}) {
    super(message);
  }
}

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '[', ']', ',', '.'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ type: 'num', value: Number(match[0]), at: i });
      i += match[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= source.length) throw new ParseFailure('unterminated string', i, 'unterminated_string');
        const c = source[j]!;
        if (c === ch) break;
        if (c === '\\') {
          const escaped = source[j + 1];
          if (escaped === undefined) throw new ParseFailure('unterminated string', i, 'unterminated_string');
          value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
          j += 2;
          continue;
        }
        value += c;
        j++;
      }
      tokens.push({ type: 'str', value, at: i });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ type: 'ident', value: match[0], at: i });
      i += match[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) throw new ParseFailure(`unexpected character ${JSON.stringify(ch)}`, i, 'unexpected_character', { char: ch });
    tokens.push({ type: 'op', value: op, at: i });
    i += op.length;
  }
  tokens.push({ type: 'end', at: source.length });
  return tokens;
}

// ── Parser ──────────────────────────────────────────────────────────────────────────────
const WORD_OPERATORS: Record<string, string> = { and: '&&', or: '||', not: '!', in: 'in' };
const RESERVED = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'in']);

class Parser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token { return this.tokens[this.index]!; }
  private next(): Token { return this.tokens[this.index++]!; }

  /** The operator at the cursor, with word operators (and/or/not/in) normalised. */
  private peekOp(): string | null {
    const token = this.peek();
    if (token.type === 'op') return token.value;
    if (token.type === 'ident' && Object.hasOwn(WORD_OPERATORS, token.value)) return WORD_OPERATORS[token.value]!;
    return null;
  }

  private expectOp(op: string, what: string): void {
    const token = this.next();
    if (token.type !== 'op' || token.value !== op) throw new ParseFailure(`expected ${what}`, token.at, 'expected', { expected: what });
  }

  parse(): Expr {
    const expr = this.or();
    const token = this.peek();
    if (token.type !== 'end') throw new ParseFailure(`unexpected ${describe(token)}`, token.at, 'unexpected_token', { token: tokenText(token) });
    return expr;
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ParseFailure('expression nested too deeply', this.peek().at, 'too_deep');
    try { return parse(); } finally { this.depth--; }
  }

  private binaryLevel(ops: readonly string[], operand: () => Expr): Expr {
    let left = operand();
    for (let op = this.peekOp(); op !== null && ops.includes(op); op = this.peekOp()) {
      const at = this.next().at;
      left = { kind: 'binary', op: op as BinaryOp, left, right: operand(), at };
    }
    return left;
  }

  private or = (): Expr => this.binaryLevel(['||'], this.and);
  private and = (): Expr => this.binaryLevel(['&&'], this.not);

  private not = (): Expr => {
    if (this.peekOp() === '!') {
      const at = this.next().at;
      return this.nested(() => ({ kind: 'unary', op: '!', operand: this.not(), at }));
    }
    return this.comparison();
  };

  private comparison = (): Expr => {
    const left = this.additive();
    const op = this.peekOp();
    if (op && ['==', '!=', '<', '<=', '>', '>=', 'in'].includes(op)) {
      const at = this.next().at;
      const right = this.additive();
      const after = this.peekOp();
      if (after && ['==', '!=', '<', '<=', '>', '>=', 'in'].includes(after)) throw new ParseFailure('comparisons cannot be chained; use && between them', this.peek().at, 'chained_comparison');
      return { kind: 'binary', op: op as BinaryOp, left, right, at };
    }
    return left;
  };

  private additive = (): Expr => this.binaryLevel(['+', '-'], this.multiplicative);
  private multiplicative = (): Expr => this.binaryLevel(['*', '/', '%'], this.unary);

  private unary = (): Expr => {
    const op = this.peekOp();
    if (op === '-' || op === '!') {
      const at = this.next().at;
      return this.nested(() => ({ kind: 'unary', op, operand: this.unary(), at }));
    }
    return this.primary();
  };

  private primary = (): Expr => {
    const token = this.next();
    switch (token.type) {
      case 'num': return { kind: 'literal', value: token.value, at: token.at };
      case 'str': return { kind: 'literal', value: token.value, at: token.at };
      case 'end': throw new ParseFailure('expression ends too early', token.at, 'ends_early');
      case 'op':
        if (token.value === '(') {
          const inner = this.nested(() => this.or());
          this.expectOp(')', '")"');
          return inner;
        }
        if (token.value === '[') return this.nested(() => this.list(token.at));
        throw new ParseFailure(`unexpected ${describe(token)}`, token.at, 'unexpected_token', { token: tokenText(token) });
      case 'ident':
        return this.identifier(token);
    }
  };

  private list(at: number): Expr {
    const items: Expr[] = [];
    if (this.peekOp() === ']') { this.next(); return { kind: 'list', items, at }; }
    for (;;) {
      items.push(this.or());
      const token = this.next();
      if (token.type === 'op' && token.value === ']') return { kind: 'list', items, at };
      if (token.type !== 'op' || token.value !== ',') throw new ParseFailure('expected "," or "]"', token.at, 'expected', { expected: '"," / "]"' });
    }
  }

  private identifier(token: Extract<Token, { type: 'ident' }>): Expr {
    const word = token.value;
    if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true', at: token.at };
    if (word === 'null') return { kind: 'literal', value: null, at: token.at };
    if (RESERVED.has(word)) throw new ParseFailure(`unexpected "${word}"`, token.at, 'unexpected_token', { token: word });
    if (this.peekOp() === '(') {
      if (!isFunctionName(word)) throw new ParseFailure(`unknown function "${word}" (known: ${FUNCTION_NAMES.join(', ')})`, token.at, 'unknown_function', { name: word, known: FUNCTION_NAMES.join(', ') });
      this.next();
      const args: Expr[] = [];
      if (this.peekOp() === ')') this.next();
      else {
        for (;;) {
          args.push(this.nested(() => this.or()));
          const sep = this.next();
          if (sep.type === 'op' && sep.value === ')') break;
          if (sep.type !== 'op' || sep.value !== ',') throw new ParseFailure('expected "," or ")"', sep.at, 'expected', { expected: '"," / ")"' });
        }
      }
      const [min, max] = FUNCTIONS[word];
      if (args.length < min || args.length > max) {
        const expected = min === max ? String(min) : `${min}–${max}`;
        throw new ParseFailure(`${word}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`, token.at, 'wrong_arity', { name: word, expected, got: args.length });
      }
      return { kind: 'call', fn: word, args, at: token.at };
    }
    const path = [word];
    while (this.peekOp() === '.') {
      this.next();
      const part = this.next();
      if (part.type !== 'ident') throw new ParseFailure('expected a name after "."', part.at, 'expected_name');
      path.push(part.value);
    }
    return { kind: 'name', path, at: token.at };
  }
}

/** The token as written (for messages in any language). */
function tokenText(token: Token): string {
  switch (token.type) {
    case 'end': return '';
    case 'str': return JSON.stringify(token.value);
    default: return String(token.value);
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end': return 'end of expression';
    case 'num': return `number ${token.value}`;
    case 'str': return 'string';
    default: return `"${token.value}"`;
  }
}

export function parseExpression(source: string): ParseResult {
  if (typeof source !== 'string') return { ok: false, error: { message: 'an expression must be text', at: 0, reason: 'not_text', params: {} } };
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, error: { message: `expression longer than ${MAX_EXPRESSION_LENGTH} characters`, at: MAX_EXPRESSION_LENGTH, reason: 'too_long', params: { max: MAX_EXPRESSION_LENGTH } } };
  }
  if (source.trim() === '') return { ok: false, error: { message: 'empty expression', at: 0, reason: 'empty', params: {} } };
  try {
    return { ok: true, expr: new Parser(tokenize(source)).parse() };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: { message: error.message, at: error.at, reason: error.reason, params: error.params } };
    return { ok: false, error: { message: 'expression could not be read', at: 0, reason: 'unreadable', params: {} } };
  }
}

/** Every dotted name the expression reads, e.g. `['customer', 'loyalty']`. */
export function namesIn(expr: Expr): Array<{ path: string[]; at: number }> {
  const found: Array<{ path: string[]; at: number }> = [];
  const walk = (node: Expr): void => {
    switch (node.kind) {
      case 'name': found.push({ path: node.path, at: node.at }); break;
      case 'list': node.items.forEach(walk); break;
      case 'call': node.args.forEach(walk); break;
      case 'unary': walk(node.operand); break;
      case 'binary': walk(node.left); walk(node.right); break;
      case 'literal': break;
    }
  };
  walk(expr);
  return found;
}

// ── Evaluation ──────────────────────────────────────────────────────────────────────────
export interface EvalEnv {
  /** The data names resolve against: `{ customer, call, answers, vars }`. */
  scope: Readonly<Record<string, unknown>>;
  /** Reference time for daysUntil/daysSince (epoch ms). */
  now: number;
}

/** Reads a dotted path from plain data: own properties only, so `constructor`/`__proto__` read as null. */
export function lookup(scope: unknown, path: readonly string[]): ScriptValue {
  let current: unknown = scope;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, part)) return null;
    current = (current as Record<string, unknown>)[part];
  }
  return toScriptValue(current);
}

/** Coerces host data into the language's values (anything else reads as null). */
export function toScriptValue(value: unknown, depth = 0): ScriptValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value) && depth < 3) return value.slice(0, 1000).map((item) => toScriptValue(item, depth + 1));
  return null;
}

export function isTruthy(value: ScriptValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== null && value !== false && value !== 0 && value !== '';
}

function equal(a: ScriptValue, b: ScriptValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]!));
  }
  return a === b;
}

const num = (value: ScriptValue): number | null => (typeof value === 'number' ? value : null);
const finite = (value: number): ScriptValue => (Number.isFinite(value) ? value : null);

const DAY_MS = 86_400_000;
function parseDay(value: ScriptValue): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? null : time;
}

/** Plain text of a value for concatenation and interpolation. */
export function valueToText(value: ScriptValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(valueToText).join(', ');
  return String(value);
}

function callFunction(fn: FunctionName, args: ScriptValue[], env: EvalEnv): ScriptValue {
  const [a = null, b = null] = args;
  switch (fn) {
    case 'len': return typeof a === 'string' || Array.isArray(a) ? a.length : 0;
    case 'lower': return typeof a === 'string' ? a.toLowerCase() : null;
    case 'upper': return typeof a === 'string' ? a.toUpperCase() : null;
    case 'contains':
      if (Array.isArray(a)) return a.some((item) => equal(item, b));
      return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase().includes(b.toLowerCase()) : false;
    case 'startsWith': return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase().startsWith(b.toLowerCase()) : false;
    case 'round': {
      const digits = Math.max(0, Math.min(6, Math.trunc(num(b) ?? 0)));
      const value = num(a);
      return value === null ? null : finite(Math.round(value * 10 ** digits) / 10 ** digits);
    }
    case 'min': case 'max': {
      const numbers = args.flatMap((arg) => (Array.isArray(arg) ? arg : [arg])).filter((arg): arg is number => typeof arg === 'number');
      return numbers.length ? (fn === 'min' ? Math.min(...numbers) : Math.max(...numbers)) : null;
    }
    case 'abs': { const value = num(a); return value === null ? null : Math.abs(value); }
    case 'coalesce': return args.find((arg) => arg !== null && arg !== '') ?? null;
    case 'if': return isTruthy(a) ? b : (args[2] ?? null);
    case 'daysUntil': case 'daysSince': {
      const day = parseDay(a);
      if (day === null) return null;
      const days = (fn === 'daysUntil' ? day - env.now : env.now - day) / DAY_MS;
      return Math.floor(days);
    }
  }
}

function evaluateNode(node: Expr, env: EvalEnv): ScriptValue {
  switch (node.kind) {
    case 'literal': return node.value;
    case 'list': return node.items.map((item) => evaluateNode(item, env));
    case 'name': return lookup(env.scope, node.path);
    case 'call': return callFunction(node.fn, node.args.map((arg) => evaluateNode(arg, env)), env);
    case 'unary': {
      const value = evaluateNode(node.operand, env);
      if (node.op === '!') return !isTruthy(value);
      return typeof value === 'number' ? finite(-value) : null;
    }
    case 'binary': return evaluateBinary(node.op, node.left, node.right, env);
  }
}

function evaluateBinary(op: BinaryOp, leftNode: Expr, rightNode: Expr, env: EvalEnv): ScriptValue {
  if (op === '&&') return isTruthy(evaluateNode(leftNode, env)) && isTruthy(evaluateNode(rightNode, env));
  if (op === '||') return isTruthy(evaluateNode(leftNode, env)) || isTruthy(evaluateNode(rightNode, env));
  const left = evaluateNode(leftNode, env);
  const right = evaluateNode(rightNode, env);
  switch (op) {
    case '==': return equal(left, right);
    case '!=': return !equal(left, right);
    case '<': case '<=': case '>': case '>=': {
      const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
      if (!comparable) return false;
      const l = left as number | string;
      const r = right as number | string;
      return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
    }
    case 'in':
      if (Array.isArray(right)) return right.some((item) => equal(item, left));
      return typeof right === 'string' && typeof left === 'string' ? right.includes(left) : false;
    case '+':
      if (typeof left === 'number' && typeof right === 'number') return finite(left + right);
      if (typeof left === 'string' || typeof right === 'string') return (valueToText(left) + valueToText(right)).slice(0, 10_000);
      return null;
    case '-': case '*': case '/': case '%': {
      const l = num(left);
      const r = num(right);
      if (l === null || r === null) return null;
      if ((op === '/' || op === '%') && r === 0) return null;
      return finite(op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r);
    }
  }
}

/** Evaluates a parsed expression. Never throws; the result is always a defined ScriptValue. */
export function evaluate(expr: Expr, env: EvalEnv): ScriptValue {
  try {
    return evaluateNode(expr, env);
  } catch {
    return null; // defensive: the walker has no throwing paths, but a script must never crash a call
  }
}

const parseCache = new Map<string, ParseResult>();
/** Parses (cached) and evaluates source text; a syntax error evaluates to null. */
export function evaluateSource(source: string, env: EvalEnv): ScriptValue {
  let parsed = parseCache.get(source);
  if (!parsed) {
    parsed = parseExpression(source);
    if (parseCache.size > 2000) parseCache.clear();
    parseCache.set(source, parsed);
  }
  return parsed.ok ? evaluate(parsed.expr, env) : null;
}

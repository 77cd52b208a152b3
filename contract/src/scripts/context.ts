/**
 * What scripts can read: the names an expression may use and the data behind them. The renderer
 * builds a `ScriptFacts` from the customer card and the call; `buildScope` turns it (plus the
 * run's answers and variables) into the scope expressions are evaluated against.
 */
import { englishIssueText } from './issue-texts';
import type { Emotion } from '../domain';
import type { ScriptValue } from './expression';

/** Every readable field with its type, documented for authors (the editor lists them). */
export const CUSTOMER_FIELDS = {
  known: 'boolean', name: 'text', firstName: 'text', language: 'text', preferredChannel: 'text',
  loyalty: 'text', lifetimeValue: 'number', nps: 'number', influencer: 'boolean', influencerReach: 'number',
  openComplaints: 'number', overdueComplaints: 'number', hoursToNextSla: 'number', openComplaintTypes: 'list',
  'consents.phone': 'boolean', 'consents.sms': 'boolean', 'consents.email': 'boolean', 'consents.whatsapp': 'boolean', 'consents.post': 'boolean',
} as const;
export const CALL_FIELDS = {
  direction: 'text', queue: 'text', line: 'number', durationSeconds: 'number', transferred: 'boolean',
  emotion: 'text', emotionIntensity: 'number', complaintType: 'text',
} as const;
export type FieldType = 'text' | 'number' | 'boolean' | 'list';

export interface CustomerFacts {
  known: boolean;
  name: string | null;
  firstName: string | null;
  language: string | null;
  preferredChannel: string | null;
  loyalty: string | null;
  lifetimeValue: number | null;
  /** Latest NPS score (0–10), if the customer ever answered. */
  nps: number | null;
  influencer: boolean;
  influencerReach: number | null;
  openComplaints: number;
  /** Open complaints past their SLA due time. */
  overdueComplaints: number;
  /** Hours until the nearest open complaint's SLA is due (negative when overdue), null without open complaints. */
  hoursToNextSla: number | null;
  openComplaintTypes: string[];
  consents: Partial<Record<'phone' | 'sms' | 'email' | 'whatsapp' | 'post', boolean>>;
}

export interface CallFacts {
  direction: 'inbound' | 'outbound' | null;
  queue: string | null;
  line: number | null;
  durationSeconds: number;
  transferred: boolean;
  emotion: Emotion | null;
  emotionIntensity: number | null;
  complaintType: string | null;
}

export interface ScriptFacts {
  customer: CustomerFacts;
  call: CallFacts;
  /** Epoch ms used for date functions and SLA maths. */
  now: number;
}

export const UNKNOWN_CUSTOMER: CustomerFacts = {
  known: false, name: null, firstName: null, language: null, preferredChannel: null, loyalty: null, lifetimeValue: null, nps: null,
  influencer: false, influencerReach: null, openComplaints: 0, overdueComplaints: 0, hoursToNextSla: null, openComplaintTypes: [], consents: {},
};

export const NO_CALL: CallFacts = {
  direction: null, queue: null, line: null, durationSeconds: 0, transferred: false, emotion: null, emotionIntensity: null, complaintType: null,
};

export interface ComplaintSummary { typeId: string; status: string; slaDueAt: string | null }

/** Derives the SLA facts from a customer's complaints at `now`. */
export function complaintFacts(complaints: readonly ComplaintSummary[], now: number): Pick<CustomerFacts, 'openComplaints' | 'overdueComplaints' | 'hoursToNextSla' | 'openComplaintTypes'> {
  const open = complaints.filter((complaint) => complaint.status !== 'resolved');
  const dues = open.map((complaint) => (complaint.slaDueAt ? Date.parse(complaint.slaDueAt) : Number.NaN)).filter((due) => !Number.isNaN(due));
  const nearest = dues.length ? Math.min(...dues) : null;
  return {
    openComplaints: open.length,
    overdueComplaints: dues.filter((due) => due < now).length,
    hoursToNextSla: nearest === null ? null : Math.round(((nearest - now) / 3_600_000) * 10) / 10,
    openComplaintTypes: [...new Set(open.map((complaint) => complaint.typeId))],
  };
}

/** The scope expressions read: `customer.*`, `call.*`, `answers.<stepId>`, `vars.<name>`. */
export function buildScope(facts: ScriptFacts, answers: Readonly<Record<string, ScriptValue>>, vars: Readonly<Record<string, ScriptValue>>): Record<string, unknown> {
  return { customer: facts.customer, call: facts.call, answers, vars };
}

/** Names a script may read, given its ask steps and variables. */
export interface NameTable {
  askSteps: ReadonlySet<string>;
  variables: ReadonlySet<string>;
}

function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) { best = candidate; bestDistance = distance; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Null when `path` is a readable name, else a clear message (with a suggestion when one is close). */
export interface NameProblem {
  key: 'unknown_customer_field' | 'unknown_call_field' | 'unknown_answer' | 'unknown_variable' | 'unknown_root';
  /** `name` is the dotted name; `suggestion` the closest known one, when there is one. */
  params: Record<string, string>;
}

/** Why a name cannot be read (with the closest known name), or null when it can. */
export function nameProblem(path: readonly string[], names: NameTable): NameProblem | null {
  const [root, ...rest] = path;
  const name = path.join('.');
  const problem = (key: NameProblem['key'], known: readonly string[], prefix: string): NameProblem => {
    const hint = closest(rest.join('.'), known);
    return { key, params: hint ? { name, suggestion: `${prefix}.${hint}` } : { name } };
  };
  switch (root) {
    case 'customer': {
      const known = Object.keys(CUSTOMER_FIELDS);
      return known.includes(rest.join('.')) ? null : problem('unknown_customer_field', known, 'customer');
    }
    case 'call': {
      const known = Object.keys(CALL_FIELDS);
      return known.includes(rest.join('.')) ? null : problem('unknown_call_field', known, 'call');
    }
    case 'answers':
      return rest.length === 1 && names.askSteps.has(rest[0]!) ? null : problem('unknown_answer', [...names.askSteps], 'answers');
    case 'vars':
      return rest.length === 1 && names.variables.has(rest[0]!) ? null : problem('unknown_variable', [...names.variables], 'vars');
    default: {
      const hint = closest(root ?? '', ['customer', 'call', 'answers', 'vars']);
      return { key: 'unknown_root', params: hint ? { name, suggestion: hint } : { name } };
    }
  }
}

/** The same problem in English, or null. */
export function checkName(path: readonly string[], names: NameTable): string | null {
  const problem = nameProblem(path, names);
  return problem ? englishIssueText(problem.key, problem.params) : null;
}

/**
 * Wrap-up rules: the emotion keystroke, which fields a disposition requires, searching the
 * complaint taxonomy, reading the cached reference lists. Pure.
 */
import {
  DEFAULT_AFTER_CALL_WORK, DEFAULT_DISPOSITIONS, DEFAULT_TAXONOMY, emotionSchema, type AfterCallWorkPolicy, type DispositionOption, type Emotion, type RequiredWrapupField, type TaxonomyOption,
} from '@contract';

export const EMOTIONS: readonly Emotion[] = emotionSchema.options;
export interface EmotionReading { emotion: Emotion; intensity: number }

/**
 * One keystroke per change: pressing an emotion sets it at intensity 1; pressing the same one
 * again raises the intensity (1 → 2 → 3 → 1).
 */
export function pressEmotion(current: EmotionReading | null, emotion: Emotion): EmotionReading {
  if (current && current.emotion === emotion) return { emotion, intensity: (current.intensity % 3) + 1 };
  return { emotion, intensity: 1 };
}

/** Alt+1 … Alt+6 → the six emotions in the company order. */
export function emotionForKey(event: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; code: string }): Emotion | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const match = /^Digit([1-6])$/.exec(event.code);
  return match ? EMOTIONS[Number(match[1]) - 1]! : null;
}

export interface WrapupDraft {
  disposition: string | null;
  emotionStart: EmotionReading | null;
  emotionEnd: EmotionReading | null;
  complaintTypeId: string | null;
  /** `new` opens a complaint of `complaintTypeId`; an id links that open complaint; null: none. */
  complaintChoice: 'new' | string | null;
  notes: string;
  firstContactResolution: boolean | null;
  callback: { dueAt: string; note: string } | null;
}

export const EMPTY_DRAFT: WrapupDraft = {
  disposition: null, emotionStart: null, emotionEnd: null, complaintTypeId: null, complaintChoice: null, notes: '', firstContactResolution: null, callback: null,
};

export type WrapupProblem = 'disposition' | RequiredWrapupField | 'complaintChoice' | 'callbackDue' | 'callbackPast';

/** Everything missing or wrong, in form order; empty = can be saved. */
export function wrapupProblems(draft: WrapupDraft, dispositions: readonly DispositionOption[], now: Date): WrapupProblem[] {
  const problems: WrapupProblem[] = [];
  const disposition = dispositions.find((option) => option.code === draft.disposition);
  if (!disposition) problems.push('disposition');
  const required = new Set(disposition?.required ?? []);
  if (required.has('emotionEnd') && !draft.emotionEnd) problems.push('emotionEnd');
  if (required.has('complaintTypeId') && !draft.complaintTypeId) problems.push('complaintTypeId');
  if (draft.complaintTypeId && draft.complaintChoice === null) problems.push('complaintChoice');
  if (required.has('notes') && draft.notes.trim().length === 0) problems.push('notes');
  if (required.has('firstContactResolution') && draft.firstContactResolution === null) problems.push('firstContactResolution');
  if (draft.callback) {
    const due = Date.parse(draft.callback.dueAt);
    if (!Number.isFinite(due)) problems.push('callbackDue');
    else if (due < now.getTime() - 60_000) problems.push('callbackPast');
  }
  return problems;
}

/** Disposition for a digit hotkey (1–9). */
export function dispositionForHotkey(dispositions: readonly DispositionOption[], key: string): DispositionOption | null {
  if (!/^[1-9]$/.test(key)) return null;
  return dispositions.find((option) => option.hotkey === Number(key)) ?? null;
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export interface TaxonomyMatch { node: TaxonomyOption; path: string }

/** Leaf types whose label (or parent's label, or id) contains every typed word; the path for display. */
export function searchTaxonomy(nodes: readonly TaxonomyOption[], query: string, language: 'en' | 'es', limit = 8): TaxonomyMatch[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parents = new Set(nodes.map((node) => node.parent).filter((id): id is string => id !== null));
  const words = fold(query).split(/\s+/).filter(Boolean);
  const matches: TaxonomyMatch[] = [];
  for (const node of nodes) {
    if (parents.has(node.id)) continue;
    const parent = node.parent ? byId.get(node.parent) : undefined;
    const path = parent ? `${parent[language]} › ${node[language]}` : node[language];
    const haystack = fold(`${path} ${parent?.[language === 'en' ? 'es' : 'en'] ?? ''} ${node[language === 'en' ? 'es' : 'en']} ${node.id}`);
    if (words.every((word) => haystack.includes(word))) matches.push({ node, path });
    if (matches.length >= limit) break;
  }
  return matches;
}

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value.length > 0 ? value : fallback);

/** Reference rows from the local cache (server shape may vary), or the shipped defaults when empty. */
export function dispositionsFrom(rows: ReadonlyArray<Record<string, unknown>> | undefined): readonly DispositionOption[] {
  const active = (rows ?? []).filter((row) => row.active !== false);
  if (active.length === 0) return DEFAULT_DISPOSITIONS;
  return active.map((row) => {
    const code = text(row.code, String(row.id));
    const required = Array.isArray(row.required ?? row.requiredFields) ? (row.required ?? row.requiredFields) as RequiredWrapupField[] : [];
    return {
      code, en: text(row.en ?? row.labelEn, code), es: text(row.es ?? row.labelEs, code),
      hotkey: typeof row.hotkey === 'number' ? row.hotkey : null, required, resolves: row.resolves === true,
    };
  });
}

export function taxonomyFrom(rows: ReadonlyArray<Record<string, unknown>> | undefined): readonly TaxonomyOption[] {
  if (!rows || rows.length === 0) return DEFAULT_TAXONOMY;
  return rows.map((row) => {
    const id = String(row.id);
    return {
      id, parent: typeof (row.parent ?? row.parentId) === 'string' ? String(row.parent ?? row.parentId) : null,
      en: text(row.en ?? row.labelEn, id), es: text(row.es ?? row.labelEs, id), slaHours: typeof row.slaHours === 'number' ? row.slaHours : 72,
    };
  });
}

export function taxonomyLabel(nodes: readonly TaxonomyOption[], id: unknown, language: 'en' | 'es'): string {
  if (typeof id !== 'string' || id === '') return '';
  const node = nodes.find((item) => item.id === id);
  return node ? node[language] : id;
}

/**
 * The after-call-work policy to apply: the center's, except that a default disposition an admin
 * has since retired or given required fields falls back to the first active one that requires
 * nothing (so the timeout's save always succeeds).
 */
export function effectiveAfterCallWork(policy: AfterCallWorkPolicy, dispositions: readonly DispositionOption[]): AfterCallWorkPolicy {
  const usable = (option: DispositionOption | undefined) => option !== undefined && option.required.length === 0;
  if (usable(dispositions.find((option) => option.code === policy.defaultDisposition))) return policy;
  const fallback = dispositions.find((option) => usable(option)) ?? dispositions.find((option) => option.code === DEFAULT_AFTER_CALL_WORK.defaultDisposition);
  return { seconds: policy.seconds, defaultDisposition: fallback?.code ?? policy.defaultDisposition };
}

export function secondsLeft(endedAtMs: number, nowMs: number, seconds: number): number {
  return Math.max(0, Math.ceil((endedAtMs + seconds * 1000 - nowMs) / 1000));
}

/**
 * The draft saved when after-call work runs out: the agent's own entries when they are complete
 * (with the default disposition if none was chosen); otherwise the default disposition with only
 * the entries that cannot be invalid (emotions, notes, FCR), so the save always succeeds.
 */
export function draftOnTimeout(draft: WrapupDraft, dispositions: readonly DispositionOption[], now: Date, defaultDisposition: string): WrapupDraft {
  const withDefault = { ...draft, disposition: draft.disposition ?? defaultDisposition };
  if (wrapupProblems(withDefault, dispositions, now).length === 0) return withDefault;
  return { ...EMPTY_DRAFT, disposition: defaultDisposition, emotionStart: draft.emotionStart, emotionEnd: draft.emotionEnd, notes: draft.notes, firstContactResolution: draft.firstContactResolution };
}

/**
 * Pure derivations the card shows from cached rows: SLA state of complaints, survey history, the
 * emotion trend. No Dexie, no React: unit-tested on their own.
 */
import { emotionSchema, type Emotion } from '@contract';

export type SlaState = { kind: 'none' } | { kind: 'due'; dueAt: string; minutesLeft: number } | { kind: 'overdue'; dueAt: string; minutesOverdue: number };

const timeOf = (value: unknown): number | null => {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
};

export function slaState(slaDueAt: unknown, now: Date): SlaState {
  const due = timeOf(slaDueAt);
  if (due === null) return { kind: 'none' };
  const minutes = Math.round((due - now.getTime()) / 60_000);
  return minutes >= 0 ? { kind: 'due', dueAt: new Date(due).toISOString(), minutesLeft: minutes } : { kind: 'overdue', dueAt: new Date(due).toISOString(), minutesOverdue: -minutes };
}

/** Whole days since an ISO time (0 for today or the future). */
export function ageInDays(since: unknown, now: Date): number | null {
  const at = timeOf(since);
  return at === null ? null : Math.max(0, Math.floor((now.getTime() - at) / 86_400_000));
}

/** "2 d 3 h", "45 min": a compact duration for countdowns. */
export function splitMinutes(totalMinutes: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.max(0, Math.round(totalMinutes));
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

export interface SurveyAnswer { kind: 'nps' | 'csat'; score: number; at: string }

/** NPS and CSAT answers attached to interactions, newest first. */
export function surveyHistory(interactions: ReadonlyArray<Record<string, unknown>>): SurveyAnswer[] {
  const answers: SurveyAnswer[] = [];
  for (const row of interactions) {
    const at = String(row.endedAt ?? row.occurredAt ?? row.createdAt ?? '');
    if (typeof row.nps === 'number') answers.push({ kind: 'nps', score: row.nps, at });
    if (typeof row.csat === 'number') answers.push({ kind: 'csat', score: row.csat, at });
  }
  return answers.sort((a, b) => b.at.localeCompare(a.at));
}

/** Valence used to plot emotions: satisfied high, angry low. */
export const EMOTION_VALENCE: Record<Emotion, number> = { satisfied: 2, calm: 1, confused: 0, anxious: -1, frustrated: -2, angry: -3 };

export interface EmotionPoint { at: string; emotion: Emotion; intensity: number; interactionId: string }

function readingOf(value: unknown): { emotion: Emotion; intensity: number } | null {
  const reading = value as { emotion?: unknown; intensity?: unknown } | null | undefined;
  const emotion = emotionSchema.safeParse(reading?.emotion);
  return emotion.success ? { emotion: emotion.data, intensity: typeof reading?.intensity === 'number' ? reading.intensity : 1 } : null;
}

/**
 * The end emotion (or the start one when no end was recorded) of the last `count` interactions
 * that have one, oldest first so the chart reads left to right.
 */
export function emotionTrend(newestFirst: ReadonlyArray<Record<string, unknown>>, count = 12): EmotionPoint[] {
  const points: EmotionPoint[] = [];
  for (const row of newestFirst) {
    const reading = readingOf(row.emotionEnd) ?? readingOf(row.emotionStart);
    if (reading) points.push({ ...reading, at: String(row.occurredAt ?? row.createdAt ?? ''), interactionId: String(row.id) });
    if (points.length >= count) break;
  }
  return points.reverse();
}

export function readEmotion(value: unknown): { emotion: Emotion; intensity: number } | null {
  return readingOf(value);
}

/** How recent a transferred interaction must be for the card to show it as a handover. */
export const HANDOVER_MINUTES = 30;

/**
 * A call transferred to this agent: the customer's newest interaction, when it is a transfer (a
 * transfer target or the `transferred` disposition) in the last `HANDOVER_MINUTES`, so the
 * first agent's notes, emotion and complaint are on screen and the customer never repeats them.
 */
export function recentHandover(newestFirst: ReadonlyArray<Record<string, unknown>>, now: Date): Record<string, unknown> | null {
  const latest = newestFirst[0];
  if (!latest) return null;
  const transferred = (typeof latest.transferTarget === 'string' && latest.transferTarget !== '') || latest.disposition === 'transferred';
  const at = Date.parse(String(latest.endedAt ?? latest.occurredAt ?? ''));
  return transferred && Number.isFinite(at) && now.getTime() - at <= HANDOVER_MINUTES * 60_000 ? latest : null;
}

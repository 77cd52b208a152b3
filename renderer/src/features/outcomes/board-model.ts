/** Pure helpers of the live team board: time in state between refreshes and pauses over their limit. */
import type { BoardAgent } from './api';

/** Seconds in state as of `now`, counting on from the board's reading (`readAt`) between refreshes. */
export function secondsInStateNow(agent: Pick<BoardAgent, 'secondsInState'>, readAt: number, now: number): number | null {
  return agent.secondsInState === null ? null : agent.secondsInState + Math.max(0, Math.floor((now - readAt) / 1000));
}

export interface PauseOverrun {
  /** The pause code's limit, in minutes. */
  limitMinutes: number;
  /** Whole minutes past the limit (0 in the first minute over it). */
  overMinutes: number;
}

/**
 * A pause that has run past its code's limit, or null. The server's flag (`pauseOverrun`) counts;
 * so does a pause that crossed the limit since the last reading, so the board never lags 5 s.
 */
export function pauseOverrun(agent: Pick<BoardAgent, 'state' | 'pauseMaxMinutes' | 'pauseOverrun'>, seconds: number | null): PauseOverrun | null {
  if (agent.state !== 'paused' || agent.pauseMaxMinutes === null || agent.pauseMaxMinutes === undefined) return null;
  const limitSeconds = agent.pauseMaxMinutes * 60;
  const over = seconds !== null && seconds > limitSeconds;
  if (!over && !agent.pauseOverrun) return null;
  return { limitMinutes: agent.pauseMaxMinutes, overMinutes: seconds === null ? 0 : Math.max(0, Math.floor((seconds - limitSeconds) / 60)) };
}

/** How many agents of the board are paused past their limit right now. */
export function countOverruns(agents: readonly BoardAgent[], readAt: number, now: number): number {
  return agents.filter((agent) => pauseOverrun(agent, secondsInStateNow(agent, readAt, now)) !== null).length;
}

/** A pause code's label in the viewer's language from the cached reference rows; the code itself otherwise. */
export function pauseCodeLabel(rows: ReadonlyArray<Record<string, unknown>> | undefined, code: string, language: string): string {
  const row = rows?.find((candidate) => candidate.code === code || candidate.id === code);
  const label = row?.[language.startsWith('es') ? 'labelEs' : 'labelEn'];
  return typeof label === 'string' && label.length > 0 ? label : code;
}

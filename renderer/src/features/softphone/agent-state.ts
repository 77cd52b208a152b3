/**
 * The agent's availability. The agent chooses a mode (available, after-call work, paused with a
 * reason); "busy" is never chosen, it is what the agent is while a call is on a line. Only an
 * available agent is offered new calls: otherwise the phone answers 486 Busy Here.
 * Pure functions, so the rules are unit-tested apart from React and sip.js.
 */
import { isBusy } from './engine/line-machine';
import type { LineSnapshot } from './engine/types';

export type AgentMode = 'available' | 'after-call-work' | 'paused';
export type AgentStatus = 'available' | 'busy' | 'after-call-work' | 'paused';

export interface AgentState {
  mode: AgentMode;
  /** The reason code while paused (from the backend's pause-code list), else null. */
  pauseCode: string | null;
  /** When the mode last changed (ms since epoch). */
  since: number;
}

/** A pause reason as the dock offers it: the backend's code and a label in the agent's language. */
export interface PauseReason {
  code: string;
  label: string;
  /** Longest this pause may last (backend's pause code), null or absent: no limit. */
  maxMinutes?: number | null;
}

export const INITIAL_AGENT_STATE: AgentState = { mode: 'available', pauseCode: null, since: 0 };

export function agentStatus(agent: AgentState, lines: readonly LineSnapshot[]): AgentStatus {
  return lines.some((line) => isBusy(line.status)) ? 'busy' : agent.mode;
}

/** New calls ring only for an available agent (a call during a call still rings as call waiting). */
export function offersCalls(agent: AgentState): boolean {
  return agent.mode === 'available';
}

export type AgentModeChoice = { mode: 'available' | 'after-call-work' } | { mode: 'paused'; pauseCode: string };

export function chooseMode(choice: AgentModeChoice, now: number): AgentState {
  return choice.mode === 'paused'
    ? { mode: 'paused', pauseCode: choice.pauseCode, since: now }
    : { mode: choice.mode, pauseCode: null, since: now };
}

/**
 * After-call work starts by itself when an answered call ends and no other call is left, unless
 * the agent paused meanwhile. Returns the new state, or null when nothing changes.
 */
export function afterCallWorkOnEnd(previous: readonly LineSnapshot[], next: readonly LineSnapshot[], agent: AgentState, now: number): AgentState | null {
  if (agent.mode !== 'available') return null;
  const answeredCallEnded = next.some((line, index) => line.status === 'ended' && line.connectedAt !== null && previous[index]?.status !== 'ended');
  if (!answeredCallEnded || next.some((line) => isBusy(line.status))) return null;
  return { mode: 'after-call-work', pauseCode: null, since: now };
}

/** The state the backend's presence route takes (`POST /api/presence`). */
export type ServerPresence = { state: 'available' | 'on_call' | 'wrap_up' | 'paused'; pauseCode?: string };

export function serverPresence(status: AgentStatus, agent: AgentState): ServerPresence {
  switch (status) {
    case 'busy':
      return { state: 'on_call' };
    case 'after-call-work':
      return { state: 'wrap_up' };
    case 'paused':
      return agent.pauseCode ? { state: 'paused', pauseCode: agent.pauseCode } : { state: 'available' };
    case 'available':
      return { state: 'available' };
  }
}

/**
 * How far a pause is over its reason's limit, in whole minutes (0 just past it), or null while
 * within it, without a limit, or not paused.
 */
export function pauseOverrunMinutes(agent: AgentState, reasons: readonly PauseReason[], now: number): number | null {
  if (agent.mode !== 'paused') return null;
  const limit = reasons.find((reason) => reason.code === agent.pauseCode)?.maxMinutes;
  if (limit === null || limit === undefined) return null;
  const over = now - agent.since - limit * 60_000;
  return over > 0 ? Math.floor(over / 60_000) : null;
}

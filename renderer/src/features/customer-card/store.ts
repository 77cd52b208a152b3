/**
 * Call/UI state of the card (zustand): per call, the wrap-up draft being filled in during and
 * after the call, the customer the agent chose for an unknown number, and whether the wrap-up is
 * saved. Local data (customers, history) stays in Dexie; this is only what the agent is doing.
 */
import { create } from 'zustand';
import type { Emotion } from '@contract';
import type { LineView } from './model/active-call';
import { EMPTY_DRAFT, pressEmotion, type WrapupDraft } from './model/wrapup-rules';

export interface CallCard {
  key: string;
  number: string;
  direction: 'inbound' | 'outbound';
  /** Set when the agent linked or chose a customer for this call. */
  customerId: string | null;
  draft: WrapupDraft;
  saved: boolean;
  /** INVITE (line start) → card content painted, ms; measured once per call. */
  popLatencyMs: number | null;
  /** The call's last line snapshot: the wrap-up still knows its times after the line is reused. */
  lastLine: LineView | null;
}

interface CardState {
  calls: Record<string, CallCard>;
  focusKey: string | null;
  /** The last saved wrap-up's customer, so the card stays open with its new timeline entry. */
  lastSaved: { key: string; customerId: string | null } | null;
}

export const useCardStore = create<CardState>()(() => ({ calls: {}, focusKey: null, lastSaved: null }));

const MAX_KEPT_CALLS = 20;

/** A call's card state before anything happened on it. */
export function newCallCard(key: string, number: string, direction: 'inbound' | 'outbound'): CallCard {
  return { key, number, direction, customerId: null, draft: EMPTY_DRAFT, saved: false, popLatencyMs: null, lastLine: null };
}

function updateCall(key: string, change: (call: CallCard) => CallCard): void {
  useCardStore.setState((state) => {
    const call = state.calls[key];
    return call ? { calls: { ...state.calls, [key]: change(call) } } : state;
  });
}

export const cardActions = {
  /** Starts tracking a call (idempotent) and makes it the focused one. */
  focusCall(key: string, number: string, direction: 'inbound' | 'outbound'): void {
    useCardStore.setState((state) => {
      if (state.calls[key]) return state.focusKey === key ? state : { focusKey: key };
      const kept = Object.values(state.calls).filter((call) => !call.saved).slice(-MAX_KEPT_CALLS);
      const calls = Object.fromEntries(kept.map((call) => [call.key, call]));
      calls[key] = newCallCard(key, number, direction);
      return { calls, focusKey: key };
    });
  },
  chooseCustomer(key: string, customerId: string | null): void {
    updateCall(key, (call) => ({ ...call, customerId }));
  },
  updateDraft(key: string, patch: Partial<WrapupDraft>): void {
    updateCall(key, (call) => ({ ...call, draft: { ...call.draft, ...patch } }));
  },
  /** The emotion keystroke: the first reading is also the call's start emotion. */
  pressEmotion(key: string, emotion: Emotion): void {
    updateCall(key, (call) => {
      const next = pressEmotion(call.draft.emotionEnd, emotion);
      return { ...call, draft: { ...call.draft, emotionEnd: next, emotionStart: call.draft.emotionStart ?? next } };
    });
  },
  markSaved(key: string): void {
    updateCall(key, (call) => ({ ...call, saved: true }));
    useCardStore.setState((state) => ({ lastSaved: { key, customerId: state.calls[key]?.customerId ?? null } }));
  },
  trackLine(key: string, line: LineView): void {
    updateCall(key, (call) => (call.lastLine === line ? call : { ...call, lastLine: line }));
  },
  recordPopLatency(key: string, ms: number): void {
    updateCall(key, (call) => (call.popLatencyMs === null ? { ...call, popLatencyMs: ms } : call));
  },
};

/** The card state of a call, outside React (e.g. when the softphone asks for a transfer hand-off). */
export function callCardOf(key: string): CallCard | null {
  return useCardStore.getState().calls[key] ?? null;
}

export function useFocusedCall(): CallCard | null {
  return useCardStore((state) => (state.focusKey ? state.calls[state.focusKey] ?? null : null));
}

/** The current call's emotion (latest reading) and complaint type: what scripts adapt to. */
export interface CurrentCallContext {
  emotion: { emotion: Emotion; intensity: number } | null;
  complaintTypeId: string | null;
  customerId: string | null;
}

const NONE: CurrentCallContext = { emotion: null, complaintTypeId: null, customerId: null };
let lastContext = NONE;

function contextOf(state: CardState): CurrentCallContext {
  const call = state.focusKey ? state.calls[state.focusKey] : undefined;
  if (!call || call.saved) return NONE;
  const next = { emotion: call.draft.emotionEnd, complaintTypeId: call.draft.complaintTypeId, customerId: call.customerId };
  // Same values → same object, so subscribers re-render only when something they read changes.
  if (lastContext.emotion === next.emotion && lastContext.complaintTypeId === next.complaintTypeId && lastContext.customerId === next.customerId) return lastContext;
  lastContext = next;
  return next;
}

export function useCurrentCallContext(): CurrentCallContext {
  return useCardStore(contextOf);
}

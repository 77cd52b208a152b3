/** Narrow hooks over the softphone store: each component re-renders only for what it shows. */
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { agentStatus, chooseMode, type AgentModeChoice, type AgentState, type AgentStatus } from './agent-state';
import { chooseDevice, revealDeviceLabels } from './audio-device-manager';
import { SoftphoneContext, type SoftphoneRuntime } from './context';
import type { AudioRole } from './engine/audio-devices';
import { callQuality, type CallQuality, type StatsSample } from './engine/call-quality';
import { SoftphoneError, type IncomingCallSignal } from './engine/softphone-engine';
import type { LineId, LineSnapshot, RegistrationSnapshot } from './engine/types';
import type { SoftphoneState, TransferHandoffSource } from './store';

function useRuntime(): SoftphoneRuntime {
  const runtime = useContext(SoftphoneContext);
  if (!runtime) throw new Error('softphone hooks must be used inside <SoftphoneProvider>');
  return runtime;
}

export function useLineState(line: LineId): LineSnapshot {
  return useStore(useRuntime().store, (state) => state.lines[line]);
}

export function useLines(): SoftphoneState['lines'] {
  return useStore(useRuntime().store, (state) => state.lines);
}

export function useRegistrationState(): RegistrationSnapshot {
  return useStore(useRuntime().store, (state) => state.registration);
}

export function useOwnExtension(): string {
  return useStore(useRuntime().store, (state) => state.extension);
}

/** The call a screen pop is about: what the agent hears (connected), else what rings, is dialled or held. */
export interface CurrentCall {
  /** SIP Call-ID: stable for the whole call, also on the interaction record's line. */
  callId: string;
  line: LineId;
  direction: 'inbound' | 'outbound';
  remoteNumber: string | null;
  remoteName: string | null;
  status: 'ringing' | 'dialing' | 'connected' | 'held';
}

const CURRENT_ORDER = ['connected', 'ringing', 'dialing', 'held'] as const;

function currentLine(lines: SoftphoneState['lines']): LineSnapshot | null {
  for (const status of CURRENT_ORDER) {
    const found = lines.find((line) => line.status === status && line.callId !== null && line.direction !== null);
    if (found) return found;
  }
  return null;
}

/** The current call for screen pops (null without one). Re-renders only when that call changes. */
export function useCurrentCall(): CurrentCall | null {
  const line = useStore(useRuntime().store, (state) => currentLine(state.lines));
  return useMemo(() => {
    if (!line || line.callId === null || line.direction === null || line.status === 'idle' || line.status === 'ended') return null;
    return { callId: line.callId, line: line.id, direction: line.direction, remoteNumber: line.remoteNumber, remoteName: line.remoteName, status: line.status };
  }, [line]);
}

/**
 * Calls `listener` once for every call that ends, with the line's final snapshot (times, hold,
 * transfer target). Subscribes to the store itself, so no end is lost between two renders.
 */
export function useCallEnded(listener: (line: LineSnapshot) => void): void {
  const { store } = useRuntime();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => store.subscribe((state, previous) => {
    state.lines.forEach((line, index) => {
      const before = previous.lines[index];
      if (line.status === 'ended' && line.callId !== null && (before?.status !== 'ended' || before.callId !== line.callId)) latest.current(line);
    });
  }), [store]);
}

/**
 * Calls `listener` once for every call that is answered (on either side), with the line's
 * snapshot at that moment (Call-ID, direction, number, answer time, PBX queue facts).
 */
export function useCallAnswered(listener: (line: LineSnapshot) => void): void {
  const { store } = useRuntime();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => store.subscribe((state, previous) => {
    state.lines.forEach((line, index) => {
      if (line.callId === null || line.status !== 'connected' || line.connectedAt === null) return;
      const before = previous.lines[index];
      if (before?.callId !== line.callId || before.connectedAt === null) latest.current(line);
    });
  }), [store]);
}

/**
 * Calls `listener` synchronously for every incoming call the engine takes onto a line, BEFORE the
 * store (and so any component) sees the ringing line: a screen pop starts its lookup here. The
 * call's key fields match the snapshot that follows (`line`, `startedAt`). Keep the listener cheap.
 */
export function useIncomingCallSignal(listener: (call: IncomingCallSignal) => void): void {
  const { subscribeIncoming } = useRuntime();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribeIncoming((call) => latest.current(call)), [subscribeIncoming]);
}

/**
 * The id of the interaction record written for a call once it ended (null before): the wrap-up
 * of that call attaches to it (`saveWrapup`) instead of writing a second record.
 */
export function useCallRecordId(callId: string | null): string | null {
  return useStore(useRuntime().store, (state) => (callId === null ? null : (state.callRecords[callId] ?? null)));
}

/** For the app's call recorder: remembers which record a call got. */
export function useCallRecordSetter(): (callId: string, recordId: string) => void {
  const { store } = useRuntime();
  return useMemo(() => (callId: string, recordId: string) => {
    store.setState((state) => ({ callRecords: { ...state.callRecords, [callId]: recordId } }));
  }, [store]);
}

const QUALITY_INTERVAL_MS = 2000;

/**
 * The hand-off text that came with a transferred call (User-to-User over SIP), by Call-ID: there
 * from the first ring on the receiving agent's line, null for other calls. Narrow: re-renders
 * only when that call's hand-off changes.
 */
export function useCallHandoff(callId: string | null): string | null {
  return useStore(useRuntime().store, (state) => (callId === null ? null : (state.lines.find((line) => line.callId === callId)?.handoff ?? null)));
}

/**
 * Registers where transfers get their hand-off text when the transfer action is given none
 * (the dock's Transfer form gives none). `source` receives the snapshot of the line being
 * transferred (its callId identifies the call) and returns the text or null. Keep it stable
 * (useCallback) or it is re-registered on every render; it is removed on unmount.
 */
export function useTransferHandoffSource(source: TransferHandoffSource | null): void {
  const { store } = useRuntime();
  useEffect(() => {
    if (!source) return undefined;
    store.setState({ handoffSource: source });
    return () => {
      if (store.getState().handoffSource === source) store.setState({ handoffSource: null });
    };
  }, [store, source]);
}

/** Live quality of a connected line, re-read from getStats every 2 s (null before the first reading). */
export function useCallQuality(line: LineId, active: boolean): CallQuality | null {
  const { engine } = useRuntime();
  const [quality, setQuality] = useState<CallQuality | null>(null);
  useEffect(() => {
    if (!active) {
      setQuality(null);
      return undefined;
    }
    let previous: StatsSample | null = null;
    let live = true;
    const read = async (): Promise<void> => {
      const sample = await engine()?.statsSample(line).catch(() => null);
      if (!live || !sample) return;
      setQuality(callQuality(previous, sample));
      previous = sample;
    };
    void read();
    const timer = setInterval(() => void read(), QUALITY_INTERVAL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [engine, line, active]);
  return quality;
}

/** The phone server's WebSocket address (null before an engine runs). */
export function useServerUrl(): string | null {
  return useStore(useRuntime().store, (state) => state.serverUrl);
}

export function useAudioDevices(): SoftphoneState['audio'] {
  return useStore(useRuntime().store, (state) => state.audio);
}

export interface AudioDeviceActions {
  choose(role: AudioRole, deviceId: string): void;
  /** Asks for the microphone once so devices show their names. */
  revealLabels(): Promise<void>;
  dismissLost(): void;
}

export function useAudioDeviceActions(): AudioDeviceActions {
  const { store } = useRuntime();
  return useMemo(() => ({
    choose: (role, deviceId) => chooseDevice(store, role, deviceId),
    revealLabels: () => revealDeviceLabels(store).catch(() => undefined),
    dismissLost: () => store.setState((state) => ({ audio: { ...state.audio, lost: [] } })),
  }), [store]);
}

/** What the agent chose (mode, pause code, since when). */
export function useAgentState(): AgentState {
  return useStore(useRuntime().store, (state) => state.agent);
}

/** The agent's effective status: busy while a call is on a line, else the chosen mode. */
export function useAgentStatus(): AgentStatus {
  return useStore(useRuntime().store, (state) => agentStatus(state.agent, state.lines));
}

/** The line whose transfer form is open, if any. */
export function useTransferOpen(): LineId | null {
  return useStore(useRuntime().store, (state) => state.transferOpen);
}

export function useActionError(): SoftphoneState['actionError'] {
  return useStore(useRuntime().store, (state) => state.actionError);
}

export interface SoftphoneActions {
  dial(number: string): Promise<boolean>;
  answer(line: LineId): Promise<boolean>;
  decline(line: LineId): Promise<boolean>;
  hangup(line: LineId): Promise<boolean>;
  setMuted(line: LineId, muted: boolean): Promise<boolean>;
  hold(line: LineId): Promise<boolean>;
  resume(line: LineId): Promise<boolean>;
  sendDtmf(line: LineId, digits: string): Promise<boolean>;
  /**
   * Transfers. `handoff` (optional): text for the receiving agent (see TransferOptions); when
   * omitted, the registered `useTransferHandoffSource` is asked for the line's call.
   */
  blindTransfer(line: LineId, number: string, handoff?: string | null): Promise<boolean>;
  consult(line: LineId, number: string, handoff?: string | null): Promise<boolean>;
  completeTransfer(line: LineId, handoff?: string | null): Promise<boolean>;
  startConference(): Promise<boolean>;
  endConference(): Promise<boolean>;
  /** Opens (or closes, with null) the transfer form of a line. */
  openTransfer(line: LineId | null): void;
  setAgentMode(choice: AgentModeChoice): void;
  reRegister(): void;
  clearError(): void;
}

/**
 * Call actions. Each resolves true when done, false when refused; a refusal is put in the store
 * (`useActionError`) for the dock to show, so no action fails silently.
 */
export function useSoftphoneActions(): SoftphoneActions {
  const { store, engine } = useRuntime();
  return useMemo(() => {
    const run = async (act: (current: NonNullable<ReturnType<typeof engine>>) => unknown): Promise<boolean> => {
      const current = engine();
      if (!current) {
        store.setState({ actionError: { key: 'error.not-registered', detail: '' } });
        return false;
      }
      try {
        await act(current);
        store.setState({ actionError: null });
        return true;
      } catch (error) {
        const key = error instanceof SoftphoneError ? `error.${error.code}` : 'error.generic';
        store.setState({ actionError: { key, detail: error instanceof Error ? error.message : String(error) } });
        return false;
      }
    };
    // An explicit hand-off wins; else the app's source for that line's call (null: none).
    const handoffFor = (line: LineId, explicit: string | null | undefined): string | null => {
      if (explicit !== undefined) return explicit;
      const state = store.getState();
      return state.handoffSource?.(state.lines[line]) ?? null;
    };
    return {
      dial: (number) => run((e) => e.dial(number)),
      answer: (line) => run((e) => e.answer(line)),
      decline: (line) => run((e) => e.decline(line)),
      hangup: (line) => run((e) => e.hangup(line)),
      setMuted: (line, muted) => run((e) => e.setMuted(line, muted)),
      hold: (line) => run((e) => e.hold(line)),
      resume: (line) => run((e) => e.resume(line)),
      sendDtmf: (line, digits) => run((e) => e.sendDtmf(line, digits)),
      blindTransfer: (line, number, handoff) => run((e) => e.blindTransfer(line, number, { handoff: handoffFor(line, handoff) })),
      consult: async (line, number, handoff) => {
        const ok = await run((e) => e.consult(line, number, { handoff: handoffFor(line, handoff) }));
        if (ok) store.setState({ transferOpen: null });
        return ok;
      },
      // The held customer's line is the one whose notes travel (not the consultation line).
      completeTransfer: (line, handoff) => run((e) => e.completeTransfer(line, { handoff: handoffFor(line, handoff) })),
      startConference: () => run((e) => e.startConference()),
      endConference: () => run((e) => e.endConference()),
      openTransfer: (line) => store.setState({ transferOpen: line }),
      setAgentMode: (choice) => store.setState({ agent: chooseMode(choice, Date.now()) }),
      reRegister: () => engine()?.reRegisterNow(),
      clearError: () => store.setState({ actionError: null }),
    };
  }, [store, engine]);
}

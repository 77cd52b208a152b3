/**
 * The softphone's zustand store: a mirror of the engine's snapshots plus the last
 * announcement for screen readers. Components read it through the narrow hooks in hooks.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { INITIAL_AGENT_STATE, type AgentState } from './agent-state';
import { DEFAULT_CHOICE, type AudioDevice, type AudioDeviceChoice, type LostDevice } from './engine/audio-devices';
import type { SoftphoneEngine } from './engine/softphone-engine';
import { idleLine, type LineId, type LineSnapshot, type RegistrationSnapshot, type SoftphoneSnapshot } from './engine/types';

export interface SoftphoneState {
  registration: RegistrationSnapshot;
  lines: readonly [LineSnapshot, LineSnapshot];
  /** User part of the agent's own SIP URI (the extension), empty before an engine runs. */
  extension: string;
  /** The phone server's WebSocket address (for the self-test), null before an engine runs. */
  serverUrl: string | null;
  /** Last error of an agent action (dial refused, hold refused…), as an i18n key + detail. */
  actionError: { key: string; detail: string } | null;
  /** The line whose transfer form is open (Ctrl+Alt+T or the Transfer button). */
  transferOpen: LineId | null;
  /** The agent's chosen availability (kept across engine restarts). */
  agent: AgentState;
  /** Call-ID → id of the interaction record the app wrote for that call (opaque to the phone). */
  callRecords: Readonly<Record<string, string>>;
  /**
   * Supplies the transfer hand-off text for a line being transferred when the action was given
   * none (registered by the app with `useTransferHandoffSource`).
   */
  handoffSource: TransferHandoffSource | null;
  /** Audio devices present now, the agent's choice, and devices that went away (not yet acknowledged). */
  audio: { devices: readonly AudioDevice[]; choice: AudioDeviceChoice; lost: readonly LostDevice[] };
}

/** Returns the hand-off text for the call on `line` (the app's notes/emotion/complaint as JSON), or null. */
export type TransferHandoffSource = (line: LineSnapshot) => string | null;

export type SoftphoneStore = StoreApi<SoftphoneState>;

export const INITIAL_STATE: SoftphoneState = {
  registration: { status: 'stopped', error: null, attempt: 0 },
  lines: [idleLine(0), idleLine(1)],
  extension: '',
  serverUrl: null,
  actionError: null,
  transferOpen: null,
  agent: INITIAL_AGENT_STATE,
  callRecords: {},
  handoffSource: null,
  audio: { devices: [], choice: DEFAULT_CHOICE, lost: [] },
};

export function createSoftphoneStore(): SoftphoneStore {
  return createStore<SoftphoneState>(() => INITIAL_STATE);
}

/** Mirrors the engine into the store; returns the unsubscribe. */
export function bindEngine(store: SoftphoneStore, engine: SoftphoneEngine): () => void {
  const apply = (snapshot: SoftphoneSnapshot): void => store.setState({ registration: snapshot.registration, lines: snapshot.lines });
  store.setState({ extension: engine.extension, serverUrl: engine.serverUrl });
  apply(engine.getSnapshot());
  return engine.subscribe(apply);
}

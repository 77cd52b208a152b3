/** Public vocabulary of the softphone engine. Nothing here refers to sip.js or WebRTC objects. */

export type LineId = 0 | 1;
export const LINE_IDS: readonly LineId[] = [0, 1];

export type DtmfMode = 'rfc4733' | 'sip-info';

export interface SoftphoneSettings {
  /** Address of record, e.g. `sip:1001@centralita.test`. */
  sipUri: string;
  /** WebSocket server, e.g. `wss://pbx.example.com:7443`. */
  serverUrl: string;
  authorizationUsername: string;
  /** Passed in by the caller (kept by DesktopApi secrets or in memory); the engine never stores it. */
  password: string;
  displayName?: string;
  /** None by default: sip.js would otherwise use a public STUN server. */
  iceServers?: RTCIceServer[];
  dtmfMode?: DtmfMode;
  /** Codecs to offer and answer first, by rtpmap name (e.g. `['PCMA', 'opus']`); none: the browser's order. */
  preferredCodecs?: string[];
  /** ISO country used to read national numbers, e.g. `ES`. */
  defaultCountry?: string;
  /** Registration lifetime asked from the registrar, seconds. */
  registerExpires?: number;
  /** Audio output device for the ringtone (`setSinkId`). */
  ringerDeviceId?: string;
  /** Audio output device for the call audio. */
  speakerDeviceId?: string;
  /** Microphone. */
  microphoneDeviceId?: string;
}

export type RegistrationStatus =
  | 'stopped'
  | 'connecting'
  | 'registering'
  | 'registered'
  | 'reconnecting'
  | 'failed';

export interface RegistrationSnapshot {
  status: RegistrationStatus;
  /** Why the last attempt failed (e.g. `403 Forbidden`, `transport closed`). */
  error: string | null;
  /** When reconnecting: how many attempts so far. */
  attempt: number;
}

export type LineStatus = 'idle' | 'ringing' | 'dialing' | 'connected' | 'held' | 'ended';

/**
 * Hold as verified: `confirmed` by the far end's SDP; `failed` when refused or not confirmed;
 * `leaking` when confirmed but the far end's audio still arrives (RTP counters) after a grace.
 */
export type HoldCheck = 'none' | 'pending' | 'confirmed' | 'failed' | 'leaking';

/** A transfer of this line's call: REFER sent and waiting for the target's answer, or refused. */
export type TransferState = 'none' | 'pending' | 'failed';

export interface LineSnapshot {
  id: LineId;
  /** SIP Call-ID of the call on the line (null when idle): a stable id for screen pops and records. */
  callId: string | null;
  status: LineStatus;
  direction: 'inbound' | 'outbound' | null;
  /** User part of the remote party (extension or E.164 number). */
  remoteNumber: string | null;
  remoteName: string | null;
  muted: boolean;
  /** Whether the far end confirmed our hold: SDP (recvonly/inactive), then its RTP stopping. */
  holdCheck: HoldCheck;
  /** SIP status or local reason for the end of the call (e.g. 486, `hangup`, `remote-bye`). */
  endReason: string | null;
  /** Digits received from the far end by SIP INFO during this call. */
  dtmfReceived: string;
  /** Digits sent during this call. */
  dtmfSent: string;
  /** Where the call was (or is being) transferred: the extension or number. */
  transferTarget: string | null;
  transfer: TransferState;
  /** This call is a consultation for the call held on that line (attended transfer). */
  consultFor: LineId | null;
  /** Mixed with the other line in a local three-way conference. */
  conference: boolean;
  /** This call was placed because the far end on that call asked us to (REFER). */
  referred: boolean;
  /**
   * Hand-off text the previous agent sent with a transfer (User-to-User header; see
   * engine/handoff.ts): on the ringing line of a transferred call, before anything syncs. Null otherwise.
   */
  handoff: string | null;
  /** Inbound from a PBX call queue: its name and when the caller entered it (X-Queue, X-Queued-At). */
  queue: string | null;
  queuedAt: number | null;
  /** ICE restarts (re-INVITEs) sent to bring the call's media back after a network problem. */
  iceRestarts: number;
  /** Time spent on hold so far, ms (not counting a hold still running since `heldSince`). */
  holdMs: number;
  heldSince: number | null;
  startedAt: number | null;
  connectedAt: number | null;
  endedAt: number | null;
}

export function idleLine(id: LineId): LineSnapshot {
  return {
    id, callId: null, status: 'idle', direction: null, remoteNumber: null, remoteName: null, muted: false, holdCheck: 'none',
    endReason: null, dtmfReceived: '', dtmfSent: '', transferTarget: null, transfer: 'none', consultFor: null, conference: false, referred: false, handoff: null, queue: null, queuedAt: null, iceRestarts: 0,
    holdMs: 0, heldSince: null, startedAt: null, connectedAt: null, endedAt: null,
  };
}

export interface SoftphoneSnapshot {
  registration: RegistrationSnapshot;
  lines: readonly [LineSnapshot, LineSnapshot];
}

/** Inbound RTP counters for one line, read from `getStats`. */
export interface AudioStats {
  packetsReceived: number;
  packetsSent: number;
  bytesReceived: number;
  /** Sum of the received audio's energy (level² × seconds): grows only while sound, not silence, arrives. */
  totalAudioEnergy: number;
}

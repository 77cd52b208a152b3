/**
 * The softphone engine: sip.js UserAgent + Registerer + Inviter/Invitation on two lines.
 * It owns every sip.js and WebRTC object; the outside world sees immutable snapshots
 * (`subscribe`/`getSnapshot`) and calls intent methods (dial, answer, hold…).
 */
import {
  Inviter, Registerer, RegistererState, SessionState, SIPExtension, URI, UserAgent, Web,
  type Invitation, type Referral, type Session, type SessionDescriptionHandlerFactory, type UserAgentOptions,
} from 'sip.js';
import { backoffDelay, DEFAULT_BACKOFF, requestPendingRetryDelay, type BackoffPolicy } from './backoff';
import { parseDialTarget } from './dial-target';
import { queueInfo } from './queue-headers';
import { holdLeaking, trimHoldSamples, type HoldMediaSample } from './hold-media';
import { isBusy, isFree, nextLineStatus, type LineEvent } from './line-machine';
import type { StatsSample } from './call-quality';
import { ConferenceMix, type ConferenceLeg } from './conference-mix';
import { decodeHandoff, encodeHandoff, HANDOFF_MAX_BYTES, handoffFromReferTo, handoffUriHeaderValue, UUI_HEADER } from './handoff';
import { Ringtone } from './ringtone';
import { SelfTestCall, type RoundTripOutcome } from './self-test-call';
import { audioDirection, preferCodecs, remoteAcceptsHold, type MediaDirection } from './sdp';
import {
  idleLine, LINE_IDS, type AudioStats, type LineId, type LineSnapshot, type RegistrationSnapshot,
  type SoftphoneSettings, type SoftphoneSnapshot,
} from './types';

export class SoftphoneError extends Error {
  constructor(
    readonly code: 'not-registered' | 'no-free-line' | 'invalid-number' | 'line-not-active' | 'hold-rejected' | 'media' | 'transfer-failed' | 'no-consultation' | 'handoff-too-large',
    message: string,
  ) {
    super(message);
    this.name = 'SoftphoneError';
  }
}

interface LineSlot {
  snapshot: LineSnapshot;
  session: Session | null;
  remoteAudio: HTMLAudioElement | null;
  /** Stops watching the call's ICE state. */
  stopIceWatch: (() => void) | null;
  /** Stops watching the inbound RTP of a held call. */
  stopHoldWatch: (() => void) | null;
  /** Set by a local action so the end reason says who ended the call. */
  localEndReason: string | null;
  /** Settles a transfer still waiting for the target's answer when the call ends first. */
  abortTransfer: (() => void) | null;
}

export interface EngineOptions {
  backoff?: BackoffPolicy;
  /** Play the ringtone for incoming calls (off for headless simulators). */
  ringtone?: boolean;
  /** Reject new calls with 486 (agent not available). */
  acceptIncoming?: () => boolean;
  /**
   * Refuses (488) a remote offer for which this returns false: the customer-phone simulator uses
   * it to play a phone that cannot be put on hold.
   */
  acceptRemoteSdp?: (sdp: string) => boolean;
  /**
   * Rewrites SDP on its way in (before the browser sees the far end's description) and out (the
   * SIP body only, after the browser applied its own): the simulator uses it to play a phone
   * that claims to be held but keeps sending audio.
   */
  rewriteSdp?: { remote?: (sdp: string) => string; local?: (sdp: string) => string };
  /**
   * Called synchronously when an INVITE takes a line, before the line's snapshot changes (so
   * before anything renders the ringing line): a screen pop starts its lookup from here.
   * `startedAt` is the line's start time in the snapshot that follows. Errors are ignored.
   */
  onIncomingCall?: (call: IncomingCallSignal) => void;
}

/** An incoming call as it reaches the engine (see EngineOptions.onIncomingCall). */
export interface IncomingCallSignal {
  line: LineId;
  startedAt: number;
  remoteNumber: string | null;
  remoteName: string | null;
}

type Listener = (snapshot: SoftphoneSnapshot) => void;

/**
 * Options of a transfer. `handoff`: short text (the app sends JSON: notes, emotion, complaint)
 * delivered to the receiving agent's line as `LineSnapshot.handoff` when the call rings there,
 * carried over SIP (see handoff.ts). At most HANDOFF_MAX_BYTES of UTF-8, else the transfer is
 * refused with `handoff-too-large` before anything is sent; empty or null sends none.
 */
export interface TransferOptions {
  handoff?: string | null;
}

/** ICE may blip: wait this long before restarting it, and give up (hang up) after the last. */
const ICE_GRACE_MS = 2000;
const ICE_RESTART_INTERVAL_MS = 5000;
const ICE_GIVE_UP_MS = 30_000;
/** How often a held call's inbound RTP counters are read. */
const HOLD_MEDIA_POLL_MS = 1000;

/** A transfer target that neither answers nor refuses within this time is given up. */
const TRANSFER_TIMEOUT_MS = 60_000;
/** The final status line of a REFER progress NOTIFY body (message/sipfrag). */
const SIPFRAG_STATUS = /^SIP\/2\.0\s+(\d{3})/;

const DTMF_DIGIT = /^[0-9*#A-D]$/;
const SIP_INFO_SIGNAL = /Signal\s*=\s*([0-9*#A-D])/i;

export class SoftphoneEngine {
  private userAgent: UserAgent | null = null;
  private registerer: Registerer | null = null;
  /** A REGISTER of the current registerer awaits its final response. */
  private registerInFlight = false;
  private running = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempt = 0;
  /** Set while we close the WebSocket on purpose to open a fresh one. */
  private replacingTransport = false;
  private readonly slots: [LineSlot, LineSlot];
  private registration: RegistrationSnapshot = { status: 'stopped', error: null, attempt: 0 };
  private snapshot: SoftphoneSnapshot;
  private readonly listeners = new Set<Listener>();
  private readonly ringtone: Ringtone | null;
  private conference: ConferenceMix | null = null;
  /** The pre-shift round trip through the PBX: its calls never take a line (see self-test-call.ts). */
  private readonly selfTest = new SelfTestCall({
    userAgent: () => this.userAgent,
    ownUri: () => UserAgent.makeURI(this.settings.sipUri) ?? null,
    mediaConstraints: () => this.mediaConstraints(),
    preferredCodecs: () => this.settings.preferredCodecs ?? [],
  });

  constructor(private settings: SoftphoneSettings, private readonly options: EngineOptions = {}) {
    this.slots = [this.emptySlot(0), this.emptySlot(1)];
    this.snapshot = this.buildSnapshot();
    this.ringtone = options.ringtone === false ? null : new Ringtone(settings.ringerDeviceId);
  }

  // ── Observing ────────────────────────────────────────────────────────────

  /** The user part of our own SIP URI. */
  get extension(): string {
    return UserAgent.makeURI(this.settings.sipUri)?.user ?? '';
  }

  /** The WebSocket server the phone connects to. */
  get serverUrl(): string {
    return this.settings.serverUrl;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot(): SoftphoneSnapshot {
    return this.snapshot;
  }

  /** Whether the ringtone is sounding now (diagnostics and tests). */
  get ringtonePlaying(): boolean {
    return this.ringtone?.playing ?? false;
  }

  // ── Registration and transport ───────────────────────────────────────────

  async start(): Promise<void> {
    if (this.running) return;
    this.reconnectAttempt = 0;
    try {
      this.userAgent = this.createUserAgent();
    } catch (error) {
      // Bad settings (an unparsable SIP URI) are shown on the banner, not thrown at the caller.
      this.setRegistration({ status: 'failed', error: describe(error), attempt: 0 });
      return;
    }
    this.running = true;
    this.registerer = this.createRegisterer(this.userAgent);
    this.setRegistration({ status: 'connecting', error: null, attempt: 0 });
    try {
      await this.userAgent.start(); // onConnect registers
    } catch (error) {
      this.scheduleReconnect(describe(error));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearReconnect();
    await this.selfTest.abort();
    for (const id of LINE_IDS) {
      if (isBusy(this.slots[id].snapshot.status)) await this.hangup(id).catch(() => undefined);
    }
    this.ringtone?.dispose();
    const userAgent = this.userAgent;
    const registerer = this.registerer;
    this.userAgent = null;
    this.registerer = null;
    if (registerer && registerer.state === RegistererState.Registered && userAgent?.isConnected()) {
      await registerer.unregister().catch(() => undefined);
    }
    await userAgent?.stop().catch(() => undefined);
    this.setRegistration({ status: 'stopped', error: null, attempt: 0 });
  }

  /**
   * The network came back or the machine woke up: register again now instead of waiting for the
   * backoff or the registration refresh. With no call up, a possibly half-dead WebSocket is
   * replaced; during a call it is kept, since in-dialog requests are routed over it.
   */
  reRegisterNow(): void {
    const userAgent = this.userAgent;
    if (!this.running || !userAgent) return;
    const callUp = this.slots.some((slot) => isBusy(slot.snapshot.status));
    if (userAgent.isConnected() && callUp) {
      this.register();
      return;
    }
    this.clearReconnect();
    this.reconnectAttempt = 0;
    this.setRegistration({ status: 'reconnecting', error: null, attempt: 0 });
    void this.replaceTransport(userAgent).catch((error: unknown) => this.scheduleReconnect(describe(error)));
  }

  /** Closes the WebSocket (if open) and opens a new one; onConnect then registers. */
  private async replaceTransport(userAgent: UserAgent): Promise<void> {
    if (userAgent.isConnected()) {
      this.replacingTransport = true;
      try {
        await userAgent.transport.disconnect();
      } finally {
        this.replacingTransport = false;
      }
    }
    await userAgent.reconnect();
  }

  /**
   * Switches audio devices without touching the calls: the speaker and ringer at once
   * (`setSinkId`), the microphone by replacing the track each live call sends.
   */
  async setAudioDevices(devices: { microphone: string; speaker: string; ringer: string }): Promise<void> {
    const micChanged = (this.settings.microphoneDeviceId ?? '') !== devices.microphone;
    this.settings = {
      ...this.settings, microphoneDeviceId: devices.microphone || undefined, speakerDeviceId: devices.speaker || undefined, ringerDeviceId: devices.ringer || undefined,
    };
    this.ringtone?.setDevice(devices.ringer || undefined);
    for (const slot of this.slots) {
      if (slot.remoteAudio && 'setSinkId' in slot.remoteAudio) await slot.remoteAudio.setSinkId(devices.speaker).catch(() => undefined);
    }
    if (!micChanged) return;
    for (const id of LINE_IDS) {
      const peer = this.peerConnection(id);
      const sender = peer?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
      if (!sender || !isBusy(this.slots[id].snapshot.status)) continue;
      const stream = await navigator.mediaDevices.getUserMedia(this.mediaConstraints());
      const track = stream.getAudioTracks()[0];
      if (!track) continue;
      const old = sender.track;
      track.enabled = old?.enabled ?? true; // keep mute and hold as they were
      await sender.replaceTrack(track);
      old?.stop();
    }
  }

  /** Sign-in or any click: lets the ringtone sound on the first ring. */
  unlockAudio(): void {
    this.ringtone?.unlock();
  }

  private createUserAgent(): UserAgent {
    const uri = UserAgent.makeURI(this.settings.sipUri);
    if (!uri) throw new SoftphoneError('not-registered', `invalid SIP URI: ${this.settings.sipUri}`);
    const options: UserAgentOptions = {
      uri,
      displayName: this.settings.displayName,
      authorizationUsername: this.settings.authorizationUsername,
      authorizationPassword: this.settings.password,
      transportOptions: { server: this.settings.serverUrl, connectionTimeout: 5, keepAliveInterval: 15 },
      // The engine reconnects itself with backoff: sip.js's own reconnection is deprecated.
      reconnectionAttempts: 0,
      logLevel: 'error',
      noAnswerTimeout: 120,
      // Attended transfers arrive at the target as an INVITE with Replaces for the consultation call.
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactory: this.sessionDescriptionHandlerFactory(),
      sessionDescriptionHandlerFactoryOptions: {
        // Empty unless configured: sip.js would otherwise default to a public STUN server.
        peerConnectionConfiguration: { iceServers: this.settings.iceServers ?? [] },
        // Host candidates on a LAN arrive at once; never let the ring wait seconds for gathering.
        iceGatheringTimeout: this.settings.iceServers?.length ? 1000 : 300,
      },
      delegate: {
        onConnect: () => {
          this.reconnectAttempt = 0;
          this.clearReconnect();
          this.register();
        },
        onDisconnect: (error) => {
          if (!this.running || this.replacingTransport) return;
          this.scheduleReconnect(error ? describe(error) : 'transport closed');
        },
        onInvite: (invitation) => this.onIncoming(invitation),
      },
    };
    return new UserAgent(options);
  }

  private sessionDescriptionHandlerFactory(): SessionDescriptionHandlerFactory {
    const base = Web.defaultSessionDescriptionHandlerFactory();
    const accept = this.options.acceptRemoteSdp;
    const rewrite = this.options.rewriteSdp;
    if (!accept && !rewrite) return base;
    return (session, options) => {
      const handler = base(session, options);
      const setDescription = handler.setDescription.bind(handler);
      const getDescription = handler.getDescription.bind(handler);
      handler.setDescription = (sdp, ...rest) => {
        if (accept && !accept(sdp)) return Promise.reject(new Error('this phone does not accept that offer'));
        return setDescription(rewrite?.remote ? rewrite.remote(sdp) : sdp, ...rest);
      };
      const local = rewrite?.local;
      if (local) handler.getDescription = async (...args) => {
        const description = await getDescription(...args);
        return { ...description, body: local(description.body) };
      };
      return handler;
    };
  }

  private createRegisterer(userAgent: UserAgent): Registerer {
    const registerer = new Registerer(userAgent, { expires: this.settings.registerExpires ?? 300 });
    registerer.stateChange.addListener((state) => {
      if (registerer !== this.registerer || !this.running) return;
      if (state === RegistererState.Registered) {
        this.setRegistration({ status: 'registered', error: null, attempt: 0 });
      } else if (state === RegistererState.Unregistered && this.registration.status === 'registered') {
        this.setRegistration({ status: 'registering', error: null, attempt: 0 });
      }
    });
    return registerer;
  }

  private register(): void {
    const userAgent = this.userAgent;
    if (!this.running || !userAgent) return;
    // A REGISTER lost with a dead connection stays pending until its timeout: start afresh.
    if (!this.registerer || this.registerInFlight) this.registerer = this.createRegisterer(userAgent);
    const registerer = this.registerer;
    this.registerInFlight = true;
    const settled = (): boolean => {
      if (registerer !== this.registerer) return false;
      this.registerInFlight = false;
      return true;
    };
    this.setRegistration({ status: 'registering', error: null, attempt: this.registration.attempt });
    registerer
      .register({
        requestDelegate: {
          // Not only the Registerer's stateChange: it stays "Registered" across a transport loss.
          onAccept: () => {
            if (settled()) this.setRegistration({ status: 'registered', error: null, attempt: 0 });
          },
          onReject: (response) => {
            if (!settled()) return;
            const { statusCode, reasonPhrase } = response.message;
            this.setRegistration({ status: 'failed', error: `${statusCode} ${reasonPhrase}`, attempt: 0 });
          },
        },
      })
      .catch((error: unknown) => {
        if (settled()) this.setRegistration({ status: 'failed', error: describe(error), attempt: 0 });
      });
  }

  private scheduleReconnect(reason: string): void {
    if (!this.running) return;
    this.clearReconnect();
    this.reconnectAttempt += 1;
    const attempt = this.reconnectAttempt;
    this.setRegistration({ status: 'reconnecting', error: reason, attempt });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      const userAgent = this.userAgent;
      if (!this.running || !userAgent) return;
      userAgent.reconnect().catch((error: unknown) => this.scheduleReconnect(describe(error)));
    }, backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF));
  }

  private clearReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  // ── Calls ────────────────────────────────────────────────────────────────

  /** Dials on a free line (holding the connected one first). Returns the line used. */
  async dial(input: string, options: TransferOptions = {}): Promise<LineId> {
    const uui = handoffHeader(options.handoff);
    const { user, uri } = this.targetFor(input);
    const userAgent = this.userAgent;
    if (!userAgent || this.registration.status !== 'registered') {
      throw new SoftphoneError('not-registered', 'the phone is not registered');
    }
    const line = this.freeLine();
    if (line === null) throw new SoftphoneError('no-free-line', 'both lines are busy');
    await this.holdOthers(line);
    const inviter = new Inviter(userAgent, uri, {
      sessionDescriptionHandlerOptions: { constraints: this.mediaConstraints() },
      ...(uui ? { extraHeaders: [`${UUI_HEADER}: ${uui}`] } : {}),
    });
    this.bindSession(line, inviter, 'outbound', user, null);
    this.transition(line, 'dial', { startedAt: Date.now() });
    this.sendInvite(line, inviter);
    return line;
  }

  /** Attended transfer, first step: holds `line` and calls the transfer target on the other line. */
  async consult(line: LineId, input: string, options: TransferOptions = {}): Promise<LineId> {
    const status = this.slots[line].snapshot.status;
    if (status !== 'connected' && status !== 'held') throw new SoftphoneError('line-not-active', `line ${line + 1} has no call`);
    this.targetFor(input); // refuse a bad number before holding the customer
    handoffHeader(options.handoff); // and an oversized hand-off
    if (status === 'connected') await this.hold(line);
    const consultLine = await this.dial(input, options);
    this.update(consultLine, { consultFor: line });
    return consultLine;
  }

  /** Blind transfer: REFER the far end of `line` to `input`; the call ends here once the target answers. */
  async blindTransfer(line: LineId, input: string, options: TransferOptions = {}): Promise<void> {
    const { user, uri } = this.targetFor(input);
    await this.transfer(line, withHandoff(uri, handoffHeader(options.handoff)), user, null);
  }

  /**
   * Attended transfer, last step: REFER the held call on `line` to the consultation call's party
   * with Replaces, so the customer's phone takes over our consultation dialog with the target.
   */
  async completeTransfer(line: LineId, options: TransferOptions = {}): Promise<void> {
    const uui = handoffHeader(options.handoff);
    const other = LINE_IDS.find((id) => id !== line) as LineId;
    const consult = this.slots[other];
    const dialog = consult.session?.state === SessionState.Established ? consult.session.dialog : undefined;
    if (!consult.session || !dialog || (consult.snapshot.status !== 'connected' && consult.snapshot.status !== 'held')) {
      throw new SoftphoneError('no-consultation', `line ${other + 1} has no answered consultation call`);
    }
    // The target's address of record, not its Contact: the PBX routes a new INVITE by the registered user.
    const aor = consult.session.remoteIdentity.uri;
    const replaces = encodeURIComponent(`${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`);
    const headers: Record<string, string[]> = { Replaces: [replaces] };
    if (uui) headers[UUI_HEADER] = [handoffUriHeaderValue(uui)];
    const target = new BracketedUri(aor.scheme, aor.user ?? '', aor.host, aor.port, {}, headers);
    await this.transfer(line, target, consult.snapshot.remoteNumber, other);
  }

  private async transfer(line: LineId, referTo: URI, targetUser: string | null, consultLine: LineId | null): Promise<void> {
    const slot = this.slots[line];
    const session = slot.session;
    if (!session || session.state !== SessionState.Established || (slot.snapshot.status !== 'connected' && slot.snapshot.status !== 'held')) {
      throw new SoftphoneError('line-not-active', `line ${line + 1} has no call`);
    }
    if (slot.snapshot.transfer === 'pending') throw new SoftphoneError('transfer-failed', 'a transfer is already under way');
    this.update(line, { transfer: 'pending', transferTarget: targetUser });
    const consult = consultLine === null ? null : this.slots[consultLine];
    // The target ends our consultation call when the customer replaces it: that is the transfer, not a hang-up.
    if (consult) consult.localEndReason = 'transferred';
    try {
      await this.referAndWait(slot, session, referTo);
    } catch (error) {
      if (consult && consult.localEndReason === 'transferred') consult.localEndReason = null;
      if (slot.session === session && isBusy(slot.snapshot.status)) this.update(line, { transfer: 'failed' });
      throw error;
    }
    slot.localEndReason = 'transferred';
    if (slot.session === session && session.state === SessionState.Established) await session.bye().catch(() => undefined);
  }

  /** Sends the REFER and resolves when the far end's NOTIFY reports the new call answered (2xx). */
  private referAndWait(slot: LineSlot, session: Session, referTo: URI): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const settle = (error: SoftphoneError | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (slot.abortTransfer === abort) slot.abortTransfer = null;
        if (error) reject(error);
        else resolve();
      };
      const abort = (): void => settle(new SoftphoneError('transfer-failed', 'the call ended before the transfer completed'));
      const timer = setTimeout(() => settle(new SoftphoneError('transfer-failed', 'the transfer target did not answer')), TRANSFER_TIMEOUT_MS);
      slot.abortTransfer = abort;
      session
        .refer(referTo, {
          requestDelegate: {
            onReject: (response) => settle(new SoftphoneError('transfer-failed', `the transfer was refused (${response.message.statusCode})`)),
          },
          onNotify: (notification) => {
            void notification.accept().catch(() => undefined);
            const status = Number(SIPFRAG_STATUS.exec(notification.request.body ?? '')?.[1] ?? 0);
            if (status < 200) return;
            if (status < 300) settle(null);
            else settle(new SoftphoneError('transfer-failed', `the transfer target answered ${status}`));
          },
        })
        .catch((error: unknown) => settle(new SoftphoneError('transfer-failed', describe(error))));
    });
  }

  private targetFor(input: string): { user: string; uri: URI } {
    const target = parseDialTarget(input, this.settings.defaultCountry);
    if (!target.ok) throw new SoftphoneError('invalid-number', `cannot dial "${input}": ${target.reason}`);
    const domain = UserAgent.makeURI(this.settings.sipUri)?.host ?? '';
    const uri = UserAgent.makeURI(`sip:${target.user.replace(/#/g, '%23')}@${domain}`);
    if (!uri) throw new SoftphoneError('invalid-number', `cannot dial "${input}"`);
    return { user: target.user, uri };
  }

  private sendInvite(line: LineId, inviter: Inviter): void {
    inviter
      .invite({
        requestDelegate: {
          // sip.js ends the session before this runs: name the SIP status unless we ended it.
          onReject: (response) => {
            const slot = this.slots[line];
            if (slot.session !== inviter || slot.localEndReason !== null) return;
            slot.localEndReason = String(response.message.statusCode);
            if (slot.snapshot.status === 'ended') this.update(line, { endReason: slot.localEndReason });
          },
        },
      })
      .catch((error: unknown) => {
        this.slots[line].localEndReason ??= describe(error);
        this.endLine(line);
      });
  }

  /**
   * Pre-shift check: calls our own address of record through the PBX with a one-time token; the
   * call comes back to this phone and is answered without a line, a ring or a record, and the
   * returning audio is measured. Only with both lines free (it uses the second line's place).
   */
  async selfTestRoundTrip(): Promise<RoundTripOutcome> {
    if (!this.userAgent || this.registration.status !== 'registered') return { ok: false, failure: 'not-registered', detail: '' };
    if (this.slots.some((slot) => isBusy(slot.snapshot.status))) return { ok: false, failure: 'line-busy', detail: '' };
    return this.selfTest.run(this.extension);
  }

  async answer(line: LineId): Promise<void> {
    const slot = this.slots[line];
    if (slot.snapshot.status !== 'ringing' || slot.snapshot.direction !== 'inbound') {
      throw new SoftphoneError('line-not-active', `line ${line + 1} is not ringing`);
    }
    const invitation = slot.session as Invitation;
    this.ringtone?.stop();
    await this.holdOthers(line);
    await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: this.mediaConstraints() } });
  }

  /** Rejects a ringing call with 486 Busy Here. */
  async decline(line: LineId): Promise<void> {
    const slot = this.slots[line];
    if (slot.snapshot.status !== 'ringing' || slot.snapshot.direction !== 'inbound') {
      throw new SoftphoneError('line-not-active', `line ${line + 1} is not ringing`);
    }
    slot.localEndReason = 'declined';
    await (slot.session as Invitation).reject({ statusCode: 486, reasonPhrase: 'Busy Here' });
  }

  /** Ends whatever is on the line: cancel while dialing, reject while ringing, BYE when up. */
  async hangup(line: LineId): Promise<void> {
    const slot = this.slots[line];
    const session = slot.session;
    if (!session || !isBusy(slot.snapshot.status)) return;
    slot.localEndReason ??= 'hangup';
    if (session.state === SessionState.Established) {
      await session.bye();
    } else if (session instanceof Inviter) {
      await session.cancel();
    } else if (session.state === SessionState.Initial || session.state === SessionState.Establishing) {
      await (session as Invitation).reject({ statusCode: 486, reasonPhrase: 'Busy Here' });
    }
  }

  setMuted(line: LineId, muted: boolean): void {
    const slot = this.slots[line];
    if (!slot.session || (slot.snapshot.status !== 'connected' && slot.snapshot.status !== 'held')) {
      throw new SoftphoneError('line-not-active', `line ${line + 1} has no call`);
    }
    if (this.conference && slot.snapshot.conference) {
      // In a conference the microphone is muted, not the mix: the other two still hear each other.
      this.conference.setMuted(muted);
      for (const id of LINE_IDS) if (this.slots[id].snapshot.conference) this.update(id, { muted });
      return;
    }
    this.webHandler(slot.session)?.enableSenderTracks(!muted && slot.snapshot.status === 'connected');
    this.update(line, { muted });
  }

  /** Holds with a sendonly re-INVITE and checks the far end's answer really stops its audio. */
  async hold(line: LineId): Promise<void> {
    const slot = this.slots[line];
    if (slot.snapshot.status !== 'connected' || !slot.session) {
      throw new SoftphoneError('line-not-active', `line ${line + 1} is not connected`);
    }
    // Holding one party splits the conference: the other call stays live with the plain microphone.
    await this.endConference();
    this.update(line, { holdCheck: 'pending' });
    const answerSdp = await this.reInvite(line, true);
    if (this.slots[line].session !== slot.session) return; // ended meanwhile
    const confirmed = remoteAcceptsHold(audioDirection(answerSdp));
    this.transition(line, 'hold', { holdCheck: confirmed ? 'confirmed' : 'failed', heldSince: Date.now() });
    if (confirmed) this.watchHoldMedia(line, slot.session);
  }

  /**
   * A confirmed hold must also stop the far end's audio: its inbound RTP is read every second
   * and, if audio still arrives after a grace period (hold-media.ts), the line says so.
   */
  private watchHoldMedia(line: LineId, session: Session): void {
    const slot = this.slots[line];
    slot.stopHoldWatch?.();
    const confirmedAt = Date.now();
    let samples: HoldMediaSample[] = [];
    let reading = false;
    const timer = setInterval(() => {
      if (reading) return;
      if (slot.session !== session || slot.snapshot.status !== 'held' || slot.snapshot.holdCheck !== 'confirmed') {
        stop();
        return;
      }
      reading = true;
      void this.audioStats(line).then((stats) => {
        reading = false;
        if (!stats || slot.session !== session || slot.snapshot.holdCheck !== 'confirmed') return;
        const now = Date.now();
        samples = trimHoldSamples([...samples, { at: now, packetsReceived: stats.packetsReceived }], now);
        if (holdLeaking(confirmedAt, samples)) {
          stop();
          this.update(line, { holdCheck: 'leaking' });
        }
      }, () => {
        reading = false;
      });
    }, HOLD_MEDIA_POLL_MS);
    const stop = (): void => {
      clearInterval(timer);
      if (slot.stopHoldWatch === stop) slot.stopHoldWatch = null;
    };
    slot.stopHoldWatch = stop;
  }

  /**
   * Three-way conference: both answered calls go live and each is sent the agent's microphone
   * mixed with the other call's audio.
   */
  async startConference(): Promise<void> {
    if (this.conference) return;
    const lines = LINE_IDS.filter((id) => {
      const { snapshot, session } = this.slots[id];
      return (snapshot.status === 'connected' || snapshot.status === 'held') && session?.state === SessionState.Established;
    });
    if (lines.length !== 2) throw new SoftphoneError('no-consultation', 'a conference needs two answered calls');
    for (const id of lines) if (this.slots[id].snapshot.status === 'held') await this.resume(id, false);
    const legs = lines.map((id): ConferenceLeg | null => {
      const handler = this.slots[id].session && this.webHandler(this.slots[id].session);
      const sender = handler?.peerConnection?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
      return handler && sender ? { sender, remoteStream: handler.remoteMediaStream } : null;
    });
    if (!legs[0] || !legs[1]) throw new SoftphoneError('media', 'a call of the conference has no audio');
    const muted = lines.some((id) => this.slots[id].snapshot.muted);
    this.conference = await ConferenceMix.start([legs[0], legs[1]], this.mediaConstraints(), muted);
    for (const id of lines) this.update(id, { conference: true, muted, consultFor: null });
  }

  /** Ends the mix: each call gets the plain microphone again; both stay connected. */
  async endConference(): Promise<void> {
    const mix = this.conference;
    if (!mix) return;
    this.conference = null;
    await mix.stop();
    for (const id of LINE_IDS) {
      const slot = this.slots[id];
      if (!slot.snapshot.conference) continue;
      this.update(id, { conference: false });
      if (slot.session && slot.snapshot.status === 'connected') this.webHandler(slot.session)?.enableSenderTracks(!slot.snapshot.muted);
    }
  }

  async resume(line: LineId, holdOthersFirst = true): Promise<void> {
    const slot = this.slots[line];
    if (slot.snapshot.status !== 'held' || !slot.session) {
      throw new SoftphoneError('line-not-active', `line ${line + 1} is not on hold`);
    }
    if (holdOthersFirst) await this.holdOthers(line);
    // Audio comes back during the resume re-INVITE: the leak watch must not take it for a leak.
    slot.stopHoldWatch?.();
    try {
      await this.reInvite(line, false);
    } catch (error) {
      // Resume refused or timed out: the call is still held, so keep checking that it really is.
      const held = this.slots[line];
      if (held.session === slot.session && held.snapshot.status === 'held' && held.snapshot.holdCheck === 'confirmed') this.watchHoldMedia(line, slot.session);
      throw error;
    }
    if (this.slots[line].session !== slot.session) return;
    this.transition(line, 'resume', { holdCheck: 'none', ...closeHold(slot.snapshot) });
    // The re-INVITE re-enables the microphone: keep a muted call muted.
    this.webHandler(slot.session)?.enableSenderTracks(!slot.snapshot.muted);
  }

  /** Sends DTMF digits (RFC 4733 in the media by default, or SIP INFO). */
  async sendDtmf(line: LineId, digits: string): Promise<void> {
    const slot = this.slots[line];
    if (slot.snapshot.status !== 'connected' || !slot.session) {
      throw new SoftphoneError('line-not-active', `line ${line + 1} is not connected`);
    }
    const tones = digits.toUpperCase();
    if (![...tones].every((digit) => DTMF_DIGIT.test(digit))) {
      throw new SoftphoneError('invalid-number', `not DTMF digits: "${digits}"`);
    }
    if ((this.settings.dtmfMode ?? 'rfc4733') === 'sip-info') {
      for (const digit of tones) {
        await slot.session.info({
          requestOptions: {
            body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=160` },
          },
        });
      }
    } else if (!this.webHandler(slot.session)?.sendDtmf(tones, { duration: 100, interToneGap: 70 })) {
      throw new SoftphoneError('media', 'the call has no DTMF sender');
    }
    this.update(line, { dtmfSent: slot.snapshot.dtmfSent + tones });
  }

  /** RTP counters of the line's audio, from getStats (null without a call). */
  async audioStats(line: LineId): Promise<AudioStats | null> {
    const peer = this.peerConnection(line);
    if (!peer) return null;
    const stats: AudioStats = { packetsReceived: 0, packetsSent: 0, bytesReceived: 0, totalAudioEnergy: 0 };
    type Entry = { type: string; kind?: string; packetsReceived?: number; packetsSent?: number; bytesReceived?: number; totalAudioEnergy?: number };
    (await peer.getStats()).forEach((report: Entry) => {
      if (report.kind !== 'audio') return;
      if (report.type === 'inbound-rtp') {
        stats.packetsReceived += report.packetsReceived ?? 0;
        stats.bytesReceived += report.bytesReceived ?? 0;
        stats.totalAudioEnergy += report.totalAudioEnergy ?? 0;
      } else if (report.type === 'outbound-rtp') {
        stats.packetsSent += report.packetsSent ?? 0;
      }
    });
    return stats;
  }

  /** Counters for the call-quality estimate (see call-quality.ts); null without a call. */
  async statsSample(line: LineId): Promise<StatsSample | null> {
    const peer = this.peerConnection(line);
    if (!peer) return null;
    const sample: StatsSample = { at: Date.now(), packetsReceived: 0, packetsLost: 0, jitter: null, roundTripTime: null };
    let pairRtt: number | null = null;
    (await peer.getStats()).forEach((report: RtcStatsEntry) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') {
        sample.packetsReceived += report.packetsReceived ?? 0;
        sample.packetsLost += Math.max(0, report.packetsLost ?? 0);
        if (report.jitter !== undefined) sample.jitter = report.jitter;
      } else if (report.type === 'remote-inbound-rtp' && report.kind === 'audio' && report.roundTripTime !== undefined) {
        sample.roundTripTime = report.roundTripTime;
      } else if (report.type === 'candidate-pair' && report.nominated && report.currentRoundTripTime !== undefined) {
        pairRtt = report.currentRoundTripTime;
      }
    });
    // RTCP round trips come every few seconds; until then the ICE pair's STUN round trip stands in.
    sample.roundTripTime ??= pairRtt;
    return sample;
  }

  /** MIME type of the codec the line sends (e.g. `audio/opus`), from getStats; null before media flows. */
  async sendingCodec(line: LineId): Promise<string | null> {
    const peer = this.peerConnection(line);
    if (!peer) return null;
    const stats = await peer.getStats();
    let codecId: string | null = null;
    stats.forEach((report: { type: string; kind?: string; codecId?: string }) => {
      if (report.type === 'outbound-rtp' && report.kind === 'audio' && report.codecId) codecId = report.codecId;
    });
    if (codecId === null) return null;
    return (stats.get(codecId) as { mimeType?: string } | undefined)?.mimeType ?? null;
  }

  /** Audio direction in the current local and remote SDP of the line. */
  mediaDirections(line: LineId): { local: MediaDirection | null; remote: MediaDirection | null } | null {
    const peer = this.peerConnection(line);
    if (!peer) return null;
    return {
      local: audioDirection(peer.localDescription?.sdp ?? ''),
      remote: audioDirection(peer.remoteDescription?.sdp ?? ''),
    };
  }

  // ── Internals ────────────────────────────────────────────────────────────

  private onIncoming(invitation: Invitation): void {
    // Our own pre-shift test call (right token, from ourselves) is answered apart; anything else is a call.
    if (this.selfTest.claim(invitation)) return;
    const replaced = invitation.replacee;
    const replacedLine = replaced ? LINE_IDS.find((id) => this.slots[id].session === replaced) : undefined;
    if (replacedLine !== undefined) {
      this.takeOverLine(replacedLine, invitation);
      return;
    }
    const line = this.freeLine();
    const available = this.options.acceptIncoming?.() ?? true;
    if (line === null || !available) {
      void invitation.reject({ statusCode: 486, reasonPhrase: 'Busy Here' }).catch(() => undefined);
      return;
    }
    const remote = invitation.remoteIdentity;
    this.bindSession(line, invitation, 'inbound', remote.uri.user ?? null, remote.displayName || null);
    const now = Date.now();
    this.signalIncoming(line, now, remote.uri.user ?? null, remote.displayName || null);
    this.transition(line, 'incoming', { startedAt: now, handoff: incomingHandoff(invitation), ...incomingQueue(invitation, now) });
    this.updateRingtone();
  }

  private signalIncoming(line: LineId, startedAt: number, remoteNumber: string | null, remoteName: string | null): void {
    try {
      this.options.onIncomingCall?.({ line, startedAt, remoteNumber, remoteName });
    } catch {
      // A listener's failure must never cost the call.
    }
  }

  /**
   * An attended transfer reached us: the caller's INVITE replaces our consultation call on `line`.
   * It is answered at once on the same line (sip.js then ends the replaced call with a BYE).
   */
  private takeOverLine(line: LineId, invitation: Invitation): void {
    // The consultation call ends here (recorded as transferred); the customer's call takes the line.
    // Its hand-off: the customer's INVITE's own, else the one the consultation call brought.
    const handoff = incomingHandoff(invitation) ?? this.slots[line].snapshot.handoff;
    this.slots[line].localEndReason = 'transferred';
    this.endLine(line);
    const remote = invitation.remoteIdentity;
    this.bindSession(line, invitation, 'inbound', remote.uri.user ?? null, remote.displayName || null);
    const now = Date.now();
    this.signalIncoming(line, now, remote.uri.user ?? null, remote.displayName || null);
    this.transition(line, 'incoming', { startedAt: now, handoff, ...incomingQueue(invitation, now) });
    this.update(line, { referred: true });
    invitation
      .accept({ sessionDescriptionHandlerOptions: { constraints: this.mediaConstraints() } })
      .catch((error: unknown) => {
        this.slots[line].localEndReason ??= describe(error);
        this.endLine(line);
      });
  }

  /**
   * The far end asks us to call someone else (it transfers us). The new call goes on the free
   * line; the far end hangs up the old one once the new one is answered.
   */
  private onReferral(line: LineId, session: Session, referral: Referral): void {
    const free = this.freeLine();
    const userAgent = this.userAgent;
    if (free === null || !userAgent || !this.running) {
      void referral.reject({ statusCode: 486, reasonPhrase: 'Busy Here' }).catch(() => undefined);
      return;
    }
    void referral.accept().catch(() => undefined);
    const target = referral.referTo;
    // Headers in the Refer-To URI belong in the new INVITE (RFC 3261 §19.1.5); sip.js copies only
    // Replaces, so the transfer hand-off (User-to-User) is copied here.
    const uui = handoffFromReferTo(target.uri.getHeader(UUI_HEADER));
    const inviter = referral.makeInviter({
      sessionDescriptionHandlerOptions: { constraints: this.mediaConstraints() },
      ...(uui ? { extraHeaders: [`${UUI_HEADER}: ${uui}`] } : {}),
    });
    this.bindSession(free, inviter, 'outbound', target.uri.user ?? null, target.displayName || null);
    this.transition(free, 'dial', { startedAt: Date.now() });
    this.update(free, { referred: true });
    inviter.stateChange.addListener((state) => {
      const old = this.slots[line];
      if (state === SessionState.Established && old.session === session) old.localEndReason ??= 'transferred';
    });
    this.sendInvite(free, inviter);
  }

  private bindSession(line: LineId, session: Session, direction: 'inbound' | 'outbound', remoteNumber: string | null, remoteName: string | null): void {
    const slot = this.slots[line];
    this.releaseMedia(slot);
    slot.abortTransfer?.();
    slot.session = session;
    slot.localEndReason = null;
    const callId = (session as Inviter | Invitation).request.callId;
    slot.snapshot = { ...idleLine(line), callId, direction, remoteNumber, remoteName };
    const codecs = this.settings.preferredCodecs ?? [];
    if (codecs.length > 0) {
      const modifier = (description: RTCSessionDescriptionInit): Promise<RTCSessionDescriptionInit> =>
        Promise.resolve({ ...description, sdp: preferCodecs(description.sdp ?? '', codecs) });
      session.sessionDescriptionHandlerModifiers = [modifier];
      session.sessionDescriptionHandlerModifiersReInvite = [modifier];
    }
    session.delegate = {
      onRefer: (referral) => {
        if (slot.session === session) this.onReferral(line, session, referral);
        else void referral.reject().catch(() => undefined);
      },
      onInfo: (info) => {
        const signal = SIP_INFO_SIGNAL.exec(info.request.body ?? '')?.[1];
        void info.accept().catch(() => undefined);
        if (signal && slot.session === session) this.update(line, { dtmfReceived: slot.snapshot.dtmfReceived + signal.toUpperCase() });
      },
    };
    session.stateChange.addListener((state) => {
      if (slot.session !== session) return;
      if (state === SessionState.Established) {
        this.attachRemoteAudio(slot, session);
        this.watchIce(line, session);
        this.transition(line, 'answered', { connectedAt: Date.now() });
        this.updateRingtone();
      } else if (state === SessionState.Terminated) {
        this.endLine(line);
      }
    });
  }

  private endLine(line: LineId): void {
    const slot = this.slots[line];
    if (!isBusy(slot.snapshot.status)) return;
    const reason = slot.localEndReason ?? (slot.snapshot.connectedAt ? 'remote-hangup' : slot.snapshot.direction === 'inbound' ? 'missed' : 'failed');
    if (slot.snapshot.conference) void this.endConference();
    this.releaseMedia(slot);
    slot.abortTransfer?.();
    this.transition(line, 'end', { endedAt: Date.now(), endReason: reason, muted: false, ...closeHold(slot.snapshot) });
    this.updateRingtone();
  }

  private attachRemoteAudio(slot: LineSlot, session: Session): void {
    const handler = this.webHandler(session);
    if (!handler) return;
    const audio = slot.remoteAudio ?? new Audio();
    audio.autoplay = true;
    audio.srcObject = handler.remoteMediaStream;
    const sinkId = this.settings.speakerDeviceId;
    if (sinkId && 'setSinkId' in audio) void audio.setSinkId(sinkId).catch(() => undefined);
    slot.remoteAudio = audio;
    void audio.play().catch(() => undefined);
    slot.remoteAudio = audio;
  }

  /**
   * ICE disconnected or failed during a call (network change, Wi-Fi roam, a cut cable):
   * after a grace period, re-INVITE with an ICE restart, again every few seconds, and hang
   * up only when the media stayed dead for ICE_GIVE_UP_MS.
   */
  private watchIce(line: LineId, session: Session): void {
    const slot = this.slots[line];
    const peer = this.webHandler(session)?.peerConnection;
    if (!peer || slot.stopIceWatch) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lostSince: number | null = null;
    let restarting = false;
    const healthy = (): boolean => peer.iceConnectionState === 'connected' || peer.iceConnectionState === 'completed';
    const attempt = (): void => {
      timer = null;
      if (slot.session !== session || healthy() || lostSince === null) return;
      if (Date.now() - lostSince > ICE_GIVE_UP_MS) {
        slot.localEndReason ??= 'media-lost';
        void session.bye().catch(() => this.endLine(line));
        return;
      }
      // One offer at a time: while the network is down the last re-INVITE may still be on its way.
      if (!restarting) {
        restarting = true;
        this.update(line, { iceRestarts: slot.snapshot.iceRestarts + 1 });
        void this.reInvite(line, slot.snapshot.status === 'held', 1, true).catch(() => undefined).finally(() => {
          restarting = false;
        });
      }
      timer = setTimeout(attempt, ICE_RESTART_INTERVAL_MS);
    };
    const onChange = (): void => {
      if (healthy()) {
        lostSince = null;
        if (timer) clearTimeout(timer);
        timer = null;
      } else if ((peer.iceConnectionState === 'disconnected' || peer.iceConnectionState === 'failed') && lostSince === null) {
        lostSince = Date.now();
        timer = setTimeout(attempt, ICE_GRACE_MS);
      }
    };
    peer.addEventListener('iceconnectionstatechange', onChange);
    slot.stopIceWatch = () => {
      peer.removeEventListener('iceconnectionstatechange', onChange);
      if (timer) clearTimeout(timer);
    };
  }

  private releaseMedia(slot: LineSlot): void {
    slot.stopIceWatch?.();
    slot.stopIceWatch = null;
    slot.stopHoldWatch?.();
    if (slot.remoteAudio) {
      slot.remoteAudio.pause();
      slot.remoteAudio.srcObject = null;
    }
    slot.remoteAudio = null;
  }

  /** Sends a hold/resume re-INVITE; a 491 glare is retried after the RFC 3261 delay. Returns the answer SDP. */
  private async reInvite(line: LineId, hold: boolean, attempt = 1, iceRestart = false): Promise<string> {
    const session = this.slots[line].session;
    if (!session) throw new SoftphoneError('line-not-active', `line ${line + 1} has no call`);
    const handlerOptions: Web.SessionDescriptionHandlerOptions = {
      hold, constraints: this.mediaConstraints(), ...(iceRestart ? { offerOptions: { iceRestart: true } } : {}),
    };
    session.sessionDescriptionHandlerOptionsReInvite = handlerOptions;
    const outcome = await new Promise<{ ok: true; sdp: string } | { ok: false; status: number }>((resolve, reject) => {
      session
        .invite({
          requestDelegate: {
            onAccept: (response) => resolve({ ok: true, sdp: response.message.body }),
            onReject: (response) => resolve({ ok: false, status: response.message.statusCode ?? 0 }),
          },
        })
        .catch(reject);
    });
    if (outcome.ok) return outcome.sdp;
    if (outcome.status === 491 && attempt < 3) {
      const ownsCallId = session instanceof Inviter;
      await new Promise((resolve) => setTimeout(resolve, requestPendingRetryDelay(ownsCallId)));
      return this.reInvite(line, hold, attempt + 1, iceRestart);
    }
    if (iceRestart) throw new SoftphoneError('media', `ICE restart was refused (${outcome.status})`);
    if (hold) {
      // Still talking: the microphone the hold offer switched off comes back (unless muted).
      this.webHandler(session)?.enableSenderTracks(!this.slots[line].snapshot.muted);
      this.update(line, { holdCheck: 'failed' });
    }
    throw new SoftphoneError('hold-rejected', `${hold ? 'hold' : 'resume'} was refused (${outcome.status})`);
  }

  /** Before a line goes live, the other connected line is put on hold (call waiting). */
  private async holdOthers(line: LineId): Promise<void> {
    for (const other of LINE_IDS) {
      if (other !== line && this.slots[other].snapshot.status === 'connected') await this.hold(other);
    }
  }

  private updateRingtone(): void {
    const ringing = this.slots.some((slot) => slot.snapshot.status === 'ringing');
    const inCall = this.slots.some((slot) => slot.snapshot.status === 'connected');
    // While talking, a waiting call must not blast the ringtone into the agent's ear.
    if (ringing && !inCall) this.ringtone?.start();
    else this.ringtone?.stop();
  }

  private freeLine(): LineId | null {
    // A running self-test call holds the second line's place.
    const lines = this.selfTest.active ? LINE_IDS.slice(0, 1) : LINE_IDS;
    return lines.find((id) => isFree(this.slots[id].snapshot.status)) ?? null;
  }

  private mediaConstraints(): MediaStreamConstraints {
    const microphone = this.settings.microphoneDeviceId;
    return { audio: microphone ? { deviceId: { exact: microphone } } : true, video: false };
  }

  private webHandler(session: Session): Web.SessionDescriptionHandler | null {
    const handler = session.sessionDescriptionHandler;
    return handler instanceof Web.SessionDescriptionHandler ? handler : null;
  }

  private peerConnection(line: LineId): RTCPeerConnection | null {
    const session = this.slots[line].session;
    return (session && this.webHandler(session)?.peerConnection) ?? null;
  }

  private transition(line: LineId, event: LineEvent, patch: Partial<LineSnapshot> = {}): void {
    const status = nextLineStatus(this.slots[line].snapshot.status, event);
    this.update(line, { ...patch, status });
  }

  private update(line: LineId, patch: Partial<LineSnapshot>): void {
    const slot = this.slots[line];
    slot.snapshot = { ...slot.snapshot, ...patch };
    this.emit();
  }

  private setRegistration(registration: RegistrationSnapshot): void {
    const current = this.registration;
    if (current.status === registration.status && current.error === registration.error && current.attempt === registration.attempt) return;
    this.registration = registration;
    this.emit();
  }

  private emptySlot(id: LineId): LineSlot {
    return { snapshot: idleLine(id), session: null, remoteAudio: null, stopIceWatch: null, stopHoldWatch: null, localEndReason: null, abortTransfer: null };
  }

  private buildSnapshot(): SoftphoneSnapshot {
    return { registration: this.registration, lines: [this.slots[0].snapshot, this.slots[1].snapshot] };
  }

  private emit(): void {
    this.snapshot = this.buildSnapshot();
    for (const listener of this.listeners) listener(this.snapshot);
  }
}

/**
 * sip.js writes a URI Refer-To bare; one carrying `?Replaces=` must be a name-addr in angle
 * brackets (RFC 3261 §20.10), or the far end's parser refuses the REFER.
 */
class BracketedUri extends URI {
  override toString(): string {
    return `<${super.toString()}>`;
  }
}

/** The getStats fields the engine reads (every one optional: browsers differ). */
interface RtcStatsEntry {
  type: string;
  kind?: string;
  packetsReceived?: number;
  packetsLost?: number;
  jitter?: number;
  roundTripTime?: number;
  currentRoundTripTime?: number;
  nominated?: boolean;
}

/** The User-to-User value for a hand-off text (null for none); refuses an oversized one. */
function handoffHeader(text: string | null | undefined): string | null {
  if (!text) return null;
  const header = encodeHandoff(text);
  if (!header) throw new SoftphoneError('handoff-too-large', `the transfer hand-off is over ${HANDOFF_MAX_BYTES} bytes`);
  return header;
}

/** A Refer-To target carrying the hand-off in its URI headers (bracketed: it has a `?`). */
function withHandoff(uri: URI, header: string | null): URI {
  if (!header) return uri;
  return new BracketedUri(uri.scheme, uri.user ?? '', uri.host, uri.port, {}, { [UUI_HEADER]: [handoffUriHeaderValue(header)] });
}

function incomingHandoff(invitation: Invitation): string | null {
  return decodeHandoff(invitation.request.getHeader(UUI_HEADER));
}

function incomingQueue(invitation: Invitation, ringingAt: number): Pick<LineSnapshot, 'queue' | 'queuedAt'> {
  const request = invitation.request;
  return queueInfo({ queue: request.getHeader('X-Queue'), queuedAt: request.getHeader('X-Queued-At') }, ringingAt);
}

/** Adds a running hold to the line's hold total. */
function closeHold(line: LineSnapshot): Pick<LineSnapshot, 'holdMs' | 'heldSince'> {
  return { holdMs: line.holdMs + (line.heldSince === null ? 0 : Date.now() - line.heldSince), heldSince: null };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

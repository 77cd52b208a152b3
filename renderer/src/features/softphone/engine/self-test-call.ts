/**
 * The pre-shift round trip through the PBX: the phone calls its own address of record with a
 * one-time token in `X-Centralita-Self-Test`; the PBX routes the INVITE back to this phone's own
 * registration, where it is answered here (no line, no ringing, no call record, no agent-state
 * change). The calling leg sends a known tone, the answering leg sends back what it receives, and
 * the calling leg measures what comes back: RTP packets and round-trip time from getStats, the
 * level from the decoded audio. Then the call is hung up.
 *
 * The PBX (Kamailio) relays signalling only; the media goes between the two legs' peer
 * connections as it would between the agent and a caller on this network (no media server).
 */
import {
  Inviter, SessionState, Web, type Invitation, type InviterOptions, type Session, type SessionDescriptionHandlerModifier, type URI, type UserAgent,
} from 'sip.js';
import { preferCodecs } from './sdp';

export const SELF_TEST_HEADER = 'X-Centralita-Self-Test';

/** 128 random bits as 32 lowercase hex digits. */
const TOKEN_FORMAT = /^[0-9a-f]{32}$/;

/** The call must be answered (through the PBX, by ourselves) within this time. */
export const SELF_TEST_SETUP_TIMEOUT_MS = 10_000;
/** How long the returning audio is measured. */
export const SELF_TEST_MEASURE_MS = 2000;
const STATS_INTERVAL_MS = 100;
/** After the caller's BYE, how long the answering leg may take to see it before it hangs up itself. */
const HANGUP_WAIT_MS = 2000;
const SPENT_KEPT = 4;
/** The known tone the calling leg sends. */
const TONE_HZ = 1000;
const TONE_GAIN = 0.3;

export function newSelfTestToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface PendingSelfTest {
  token: string;
  /** Our own extension: only an INVITE from ourselves can be our self-test call. */
  extension: string;
}

/**
 * Whether an INVITE is this phone's own pending self-test call: a self-test is under way, the
 * INVITE is from our own extension and carries exactly its one-time token. Anything else (no
 * test running, another caller, a wrong or malformed token) is an ordinary call.
 */
export function isOwnSelfTestInvite(invite: { header: string | undefined; fromUser: string | null | undefined }, pending: PendingSelfTest | null): boolean {
  if (!pending || invite.header === undefined || !invite.fromUser) return false;
  const token = invite.header.trim().toLowerCase();
  return TOKEN_FORMAT.test(token) && invite.fromUser === pending.extension && sameText(token, pending.token);
}

/** Compares without an early exit, so the time taken says nothing about a guessed token. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/** Why a round trip could not be measured (i18n keys `selfTest.roundTripFailure.*`). */
export type RoundTripFailure = 'not-registered' | 'line-busy' | 'already-running' | 'rejected' | 'no-answer' | 'media';

/** What came back on the calling leg during the measurement. */
export interface RoundTripMeasurement {
  /** Inbound RTP packets received during the measurement. */
  packetsReceived: number;
  /** Peak RMS level (0–1) of the decoded returning audio. */
  level: number;
  /** Round-trip time from getStats (RTCP, else the ICE pair's STUN), ms; null when none was reported. */
  roundTripMs: number | null;
  /** INVITE sent → answered, ms. */
  setupMs: number;
}

export type RoundTripOutcome =
  | { ok: true; measurement: RoundTripMeasurement }
  | { ok: false; failure: RoundTripFailure; detail: string };

/** What the self-test call needs from the engine. */
export interface SelfTestHost {
  userAgent(): UserAgent | null;
  /** Our own address of record (where the PBX routes the call back to us). */
  ownUri(): URI | null;
  mediaConstraints(): MediaStreamConstraints;
  preferredCodecs(): readonly string[];
}

class SelfTestFailure extends Error {
  constructor(readonly failure: RoundTripFailure, detail: string) {
    super(detail);
  }
}

/** One self-test call at a time; `claim` is the engine's INVITE-path hook. */
export class SelfTestCall {
  private pending: PendingSelfTest | null = null;
  /** The current run's token (pending until its INVITE is claimed). */
  private ticket: PendingSelfTest | null = null;
  /** Tokens of the last runs, so a late copy of their INVITE never rings as a call. */
  private spent: PendingSelfTest[] = [];
  private answering: Invitation | null = null;
  private answered: ((invitation: Invitation) => void) | null = null;
  private cleanup: (() => Promise<void>) | null = null;

  constructor(private readonly host: SelfTestHost) {}

  /** A self-test call is being set up or measured. */
  get active(): boolean {
    return this.ticket !== null;
  }

  /**
   * Called first for every new INVITE: when it is our own self-test call it is answered here and
   * true is returned; otherwise false and the engine handles it as a normal call. The token is
   * single use: a second copy of our own test INVITE (a fork, or one arriving after its run ended)
   * is turned away with 480, never rung.
   */
  claim(invitation: Invitation): boolean {
    const request = invitation.request;
    const invite = { header: request.getHeader(SELF_TEST_HEADER), fromUser: request.from.uri.user };
    // Our own test call arriving after its run gave up: ours for sure, so turned away without ringing.
    const earlier = this.pending === null && this.ticket ? [...this.spent, this.ticket] : this.spent;
    if (earlier.some((ticket) => isOwnSelfTestInvite(invite, ticket))) {
      void invitation.reject({ statusCode: 480, reasonPhrase: 'Temporarily Unavailable' }).catch(() => undefined);
      return true;
    }
    if (!isOwnSelfTestInvite(invite, this.pending)) return false;
    this.pending = null;
    this.answering = invitation;
    const modifiers = this.modifiers();
    if (modifiers.length > 0) invitation.sessionDescriptionHandlerModifiers = modifiers;
    invitation.accept({ sessionDescriptionHandlerOptions: { constraints: this.host.mediaConstraints() } }).catch(() => undefined);
    this.answered?.(invitation);
    return true;
  }

  async run(extension: string): Promise<RoundTripOutcome> {
    const userAgent = this.host.userAgent();
    const target = this.host.ownUri();
    if (!userAgent || !target) return { ok: false, failure: 'not-registered', detail: '' };
    if (this.active) return { ok: false, failure: 'already-running', detail: '' };
    const token = newSelfTestToken();
    this.pending = { token, extension };
    this.ticket = this.pending;
    let inviter: Inviter;
    try {
      inviter = this.makeInviter(userAgent, target, token);
    } catch (error) {
      await this.abort();
      return { ok: false, failure: 'media', detail: error instanceof Error ? error.message : String(error) };
    }
    const media = new ReturnMedia();
    this.cleanup = async () => {
      media.close();
      await endSession(inviter);
      const answering = this.answering;
      if (answering) {
        await terminated(answering, HANGUP_WAIT_MS);
        await endSession(answering);
      }
    };
    try {
      const sentAt = performance.now();
      const invitation = await this.establish(inviter);
      const setupMs = performance.now() - sentAt;
      const caller = webHandler(inviter);
      const callee = webHandler(invitation);
      if (!caller?.peerConnection || !callee?.peerConnection) throw new SelfTestFailure('media', 'the call has no audio');
      await media.start(caller.peerConnection, caller.remoteMediaStream, callee.peerConnection, callee.remoteMediaStream);
      const measurement = await media.measure(caller.peerConnection);
      return { ok: true, measurement: { ...measurement, setupMs: Math.round(setupMs) } };
    } catch (error) {
      if (error instanceof SelfTestFailure) return { ok: false, failure: error.failure, detail: error.message };
      return { ok: false, failure: 'media', detail: error instanceof Error ? error.message : String(error) };
    } finally {
      await this.abort();
    }
  }

  /** Hangs up both legs (engine stop, or the end of a run). */
  async abort(): Promise<void> {
    const cleanup = this.cleanup;
    this.cleanup = null;
    if (this.ticket) this.spent = [...this.spent.slice(-(SPENT_KEPT - 1)), this.ticket];
    this.ticket = null;
    this.pending = null;
    this.answered = null;
    await cleanup?.().catch(() => undefined);
    this.answering = null;
  }

  /** Sends the INVITE; resolves with our own answering leg once both legs are established. */
  private establish(inviter: Inviter): Promise<Invitation> {
    return new Promise<Invitation>((resolve, reject) => {
      let answering: Invitation | null = null;
      let callerUp = false;
      let settled = false;
      const finish = (error: SelfTestFailure | null): void => {
        if (settled) return;
        if (!error && !(callerUp && answering?.state === SessionState.Established)) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(answering!);
      };
      const timer = setTimeout(
        () => finish(new SelfTestFailure('no-answer', `no answer through the phone server in ${SELF_TEST_SETUP_TIMEOUT_MS / 1000} s`)),
        SELF_TEST_SETUP_TIMEOUT_MS,
      );
      this.answered = (invitation) => {
        answering = invitation;
        invitation.stateChange.addListener((state) => {
          if (state === SessionState.Established) finish(null);
          else if (state === SessionState.Terminated) finish(new SelfTestFailure('media', 'the answering side could not take the call'));
        });
      };
      inviter.stateChange.addListener((state) => {
        if (state === SessionState.Established) {
          callerUp = true;
          finish(null);
        } else if (state === SessionState.Terminated) {
          finish(new SelfTestFailure('rejected', 'the call ended before it was answered'));
        }
      });
      inviter
        .invite({
          requestDelegate: {
            onReject: (response) => finish(new SelfTestFailure('rejected', `${response.message.statusCode} ${response.message.reasonPhrase}`)),
          },
        })
        .catch((error: unknown) => finish(new SelfTestFailure('rejected', error instanceof Error ? error.message : String(error))));
    });
  }

  private makeInviter(userAgent: UserAgent, target: URI, token: string): Inviter {
    return new Inviter(userAgent, target, {
      // sip.js turns away (482) any new request whose Call-ID starts with its own instance id, to
      // stop loops; this call is meant to come back to us, so it gets a Call-ID of its own.
      // (sip.js honours `params.callId` but leaves it out of its typings.)
      params: { callId: `self-test-${newSelfTestToken()}` } as InviterOptions['params'],
      extraHeaders: [`${SELF_TEST_HEADER}: ${token}`],
      sessionDescriptionHandlerOptions: { constraints: this.host.mediaConstraints() },
      sessionDescriptionHandlerModifiers: this.modifiers(),
    });
  }

  private modifiers(): SessionDescriptionHandlerModifier[] {
    const codecs = this.host.preferredCodecs();
    if (codecs.length === 0) return [];
    return [(description) => Promise.resolve({ ...description, sdp: preferCodecs(description.sdp ?? '', codecs) })];
  }
}

/**
 * The audio of the round trip: a tone into the calling leg, the answering leg's received track
 * sent straight back, and the level of what returns to the calling leg.
 */
class ReturnMedia {
  private context: AudioContext | null = null;
  private readonly sinks: HTMLAudioElement[] = [];
  private returning: MediaStream | null = null;

  async start(caller: RTCPeerConnection, callerReceives: MediaStream, callee: RTCPeerConnection, calleeReceives: MediaStream): Promise<void> {
    const context = new AudioContext();
    this.context = context;
    await context.resume();
    const oscillator = context.createOscillator();
    oscillator.frequency.value = TONE_HZ;
    const gain = context.createGain();
    gain.gain.value = TONE_GAIN;
    const toneOut = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(toneOut);
    oscillator.start();
    const tone = toneOut.stream.getAudioTracks()[0];
    const echo = calleeReceives.getAudioTracks()[0];
    const callerSender = audioSender(caller);
    const calleeSender = audioSender(callee);
    if (!tone || !echo || !callerSender || !calleeSender) throw new SelfTestFailure('media', 'the call has no audio track');
    // Chromium decodes a remote track only while something plays it: muted elements keep both flowing.
    this.play(calleeReceives);
    this.play(callerReceives);
    await callerSender.replaceTrack(tone);
    await calleeSender.replaceTrack(echo);
    this.returning = callerReceives;
  }

  /** Reads getStats and the returning audio for SELF_TEST_MEASURE_MS. */
  async measure(caller: RTCPeerConnection): Promise<Omit<RoundTripMeasurement, 'setupMs'>> {
    const context = this.context;
    if (!context || !this.returning) throw new SelfTestFailure('media', 'the round trip did not start');
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(this.returning).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const first = await readStats(caller);
    let last = first;
    let level = 0;
    const until = performance.now() + SELF_TEST_MEASURE_MS;
    while (performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, STATS_INTERVAL_MS));
      analyser.getFloatTimeDomainData(samples);
      level = Math.max(level, rms(samples));
      last = await readStats(caller);
    }
    const roundTrip = last.roundTripTime ?? first.roundTripTime;
    return {
      packetsReceived: Math.max(0, last.packetsReceived - first.packetsReceived),
      level: Math.min(1, level),
      roundTripMs: roundTrip === null ? null : Math.round(roundTrip * 1000),
    };
  }

  close(): void {
    for (const sink of this.sinks) {
      sink.pause();
      sink.srcObject = null;
    }
    this.sinks.length = 0;
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private play(stream: MediaStream): void {
    const sink = new Audio();
    sink.muted = true;
    sink.srcObject = stream;
    void sink.play().catch(() => undefined);
    this.sinks.push(sink);
  }
}

interface StatsReading {
  packetsReceived: number;
  /** Seconds. */
  roundTripTime: number | null;
}

async function readStats(peer: RTCPeerConnection): Promise<StatsReading> {
  let packetsReceived = 0;
  let rtcpRtt: number | null = null;
  let pairRtt: number | null = null;
  type Entry = { type: string; kind?: string; packetsReceived?: number; roundTripTime?: number; currentRoundTripTime?: number; nominated?: boolean };
  (await peer.getStats()).forEach((report: Entry) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') packetsReceived += report.packetsReceived ?? 0;
    else if (report.type === 'remote-inbound-rtp' && report.kind === 'audio' && report.roundTripTime !== undefined) rtcpRtt = report.roundTripTime;
    else if (report.type === 'candidate-pair' && report.nominated && report.currentRoundTripTime !== undefined) pairRtt = report.currentRoundTripTime;
  });
  return { packetsReceived, roundTripTime: rtcpRtt ?? pairRtt };
}

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

function audioSender(peer: RTCPeerConnection): RTCRtpSender | undefined {
  return peer.getSenders().find((sender) => sender.track?.kind === 'audio');
}

function webHandler(session: Session): Web.SessionDescriptionHandler | null {
  const handler = session.sessionDescriptionHandler;
  return handler instanceof Web.SessionDescriptionHandler ? handler : null;
}

/** BYE when up, CANCEL while the caller is still calling, 480 while the answering leg has not answered. */
async function endSession(session: Session): Promise<void> {
  try {
    if (session.state === SessionState.Established) await session.bye();
    else if (session.state !== SessionState.Initial && session.state !== SessionState.Establishing) return;
    else if (session instanceof Inviter) await session.cancel();
    else await (session as Invitation).reject({ statusCode: 480, reasonPhrase: 'Temporarily Unavailable' });
  } catch {
    // Already ending: nothing left to hang up.
  }
}

/** Resolves when `session` has ended, or after `ms`. */
function terminated(session: Session, ms: number): Promise<void> {
  if (session.state === SessionState.Terminated) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const listener = (state: SessionState): void => {
      if (state === SessionState.Terminated) done();
    };
    session.stateChange.addListener(listener);
    function done(): void {
      clearTimeout(timer);
      session.stateChange.removeListener(listener);
      resolve();
    }
  });
}

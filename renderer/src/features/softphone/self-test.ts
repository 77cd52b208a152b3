/**
 * The pre-shift self-test: is the microphone picking up sound, does the speaker play, is the
 * phone server reachable over its WebSocket, is the phone registered, and does audio make the
 * round trip of a call through the phone server. Each check says what it found, so the agent (or
 * IT on the phone with them) knows what to fix before the first call.
 */
import { SELF_TEST_SETUP_TIMEOUT_MS, type RoundTripOutcome } from './engine/self-test-call';

export type CheckId = 'microphone' | 'speaker' | 'roundTrip' | 'server' | 'registration';
export type CheckStatus = 'pending' | 'running' | 'pass' | 'fail';

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** Peak microphone level 0–1, or the reason of a failure. */
  detail: string;
}

/** The round trip comes last: it needs the server and the registration the checks before it look at. */
export const CHECK_IDS: readonly CheckId[] = ['microphone', 'speaker', 'server', 'registration', 'roundTrip'];

/** Below this RMS level (0–1) the tone did not come back through the audio path. */
export const ROUND_TRIP_LEVEL = 0.02;
/**
 * Fewer returning RTP packets than this in the measurement (2 s; about 100 at 20 ms a packet)
 * means the audio did not really flow back.
 */
export const ROUND_TRIP_MIN_PACKETS = 20;

/**
 * The round-trip check's result: `key` is an i18n key under `selfTest.` with `values` for it.
 * Passes when enough packets came back carrying the tone at a real level.
 */
export interface RoundTripVerdict {
  status: 'pass' | 'fail';
  key: string;
  values: Record<string, string | number>;
}

export function roundTripVerdict(outcome: RoundTripOutcome): RoundTripVerdict {
  if (!outcome.ok) {
    return { status: 'fail', key: `roundTripFailure.${outcome.failure}`, values: { detail: outcome.detail, seconds: SELF_TEST_SETUP_TIMEOUT_MS / 1000 } };
  }
  const { packetsReceived, level, roundTripMs } = outcome.measurement;
  const values = { percent: Math.round(level * 100), packets: packetsReceived, rtt: roundTripMs ?? '—' };
  if (packetsReceived < ROUND_TRIP_MIN_PACKETS) return { status: 'fail', key: 'roundTripFailure.no-audio', values };
  if (level < ROUND_TRIP_LEVEL) return { status: 'fail', key: 'roundTripFailure.silent', values };
  return { status: 'pass', key: 'roundTripPassed', values };
}

/** The agent's answer to "did you hear the tone?" is the speaker check's result. */
export function speakerVerdict(heard: boolean): CheckStatus {
  return heard ? 'pass' : 'fail';
}

/** Below this peak level (0–1) the microphone is taken as silent (muted, unplugged, wrong device). */
export const SILENT_LEVEL = 0.01;

export function micVerdict(peak: number): CheckStatus {
  return peak >= SILENT_LEVEL ? 'pass' : 'fail';
}

interface SinkContext extends AudioContext {
  setSinkId?(sinkId: string): Promise<void>;
}

/** Listens for `ms` and returns the peak level (0–1) heard on the microphone. */
export async function measureMicrophone(deviceId: string, ms = 1500): Promise<number> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false });
  const context = new AudioContext();
  try {
    await context.resume();
    return await listen(context, stream, ms, (samples) => samples.reduce((peak, sample) => Math.max(peak, Math.abs(sample)), 0));
  } finally {
    stream.getTracks().forEach((track) => track.stop());
    void context.close();
  }
}

/** Plays a one-second 440 Hz tone on the speaker device. */
export async function playTestTone(deviceId: string): Promise<void> {
  const context = new AudioContext() as SinkContext;
  try {
    if (deviceId) await context.setSinkId?.(deviceId);
    await context.resume();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    gain.gain.value = 0.2;
    oscillator.frequency.value = 440;
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    oscillator.stop();
  } finally {
    void context.close();
  }
}

/** Opens a SIP WebSocket to the server and closes it again; resolves when it opened. */
export function probeWebSocket(url: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, 'sip');
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer in ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.onopen = () => {
      clearTimeout(timer);
      socket.close();
      resolve();
    };
    socket.onerror = () => {
      clearTimeout(timer);
      reject(new Error('the connection was refused'));
    };
  });
}

/** Reads `stream` for `ms`, every 50 ms (about each analyser block), and returns the highest `level` of a block (capped at 1). */
async function listen(context: AudioContext, stream: MediaStream, ms: number, level: (samples: Float32Array) => number): Promise<number> {
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let best = 0;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    analyser.getFloatTimeDomainData(samples);
    best = Math.max(best, level(samples));
  }
  return Math.min(1, best);
}

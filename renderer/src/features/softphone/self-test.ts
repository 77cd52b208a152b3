/**
 * The pre-shift self-test: is the microphone picking up sound, does the speaker play, is the
 * phone server reachable over its WebSocket, is the phone registered. Each check says what it
 * found, so the agent (or IT on the phone with them) knows what to fix before the first call.
 */
export type CheckId = 'microphone' | 'speaker' | 'roundTrip' | 'server' | 'registration';
export type CheckStatus = 'pending' | 'running' | 'pass' | 'fail';

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** Peak microphone level 0–1, or the reason of a failure. */
  detail: string;
}

export const CHECK_IDS: readonly CheckId[] = ['microphone', 'speaker', 'roundTrip', 'server', 'registration'];

/** Below this RMS level (0–1) the tone did not come back through the audio path. */
export const ROUND_TRIP_LEVEL = 0.02;

export function roundTripVerdict(rms: number): CheckStatus {
  return rms >= ROUND_TRIP_LEVEL ? 'pass' : 'fail';
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

/**
 * Round-trip audio: a 1 kHz tone is sent through a loopback pair of peer connections (encoded,
 * packetised, sent over the local network stack, decoded, as in a call) and its level measured
 * where it comes out. Returns the RMS level (0–1) received.
 */
export async function measureRoundTrip(ms = 1500): Promise<number> {
  const context = new AudioContext();
  const sender = new RTCPeerConnection({ iceServers: [] });
  const receiver = new RTCPeerConnection({ iceServers: [] });
  try {
    await context.resume();
    const oscillator = context.createOscillator();
    oscillator.frequency.value = 1000;
    const gain = context.createGain();
    gain.gain.value = 0.3;
    const destination = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    sender.onicecandidate = (event) => void (event.candidate && receiver.addIceCandidate(event.candidate).catch(() => undefined));
    receiver.onicecandidate = (event) => void (event.candidate && sender.addIceCandidate(event.candidate).catch(() => undefined));
    const arrived = new Promise<MediaStream>((resolve) => {
      receiver.ontrack = (event) => resolve(event.streams[0] ?? new MediaStream([event.track]));
    });
    for (const track of destination.stream.getAudioTracks()) sender.addTrack(track, destination.stream);
    await sender.setLocalDescription(await sender.createOffer());
    await receiver.setRemoteDescription(sender.localDescription!);
    await receiver.setLocalDescription(await receiver.createAnswer());
    await sender.setRemoteDescription(receiver.localDescription!);
    const stream = await withTimeout(arrived, 5000, 'no audio came back');
    // Chromium plays a remote stream into Web Audio only while it is also attached to an element.
    const sink = new Audio();
    sink.muted = true;
    sink.srcObject = stream;
    void sink.play().catch(() => undefined);
    const rms = await listen(context, stream, ms, (samples) => Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length));
    sink.srcObject = null;
    return rms;
  } finally {
    sender.close();
    receiver.close();
    void context.close();
  }
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

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(message)), ms))]);
}

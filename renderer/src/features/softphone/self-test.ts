/**
 * The pre-shift self-test: is the microphone picking up sound, does the speaker play, is the
 * phone server reachable over its WebSocket, is the phone registered. Each check says what it
 * found, so the agent (or IT on the phone with them) knows what to fix before the first call.
 */
export type CheckId = 'microphone' | 'speaker' | 'server' | 'registration';
export type CheckStatus = 'pending' | 'running' | 'pass' | 'fail';

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** Peak microphone level 0–1, or the reason of a failure. */
  detail: string;
}

export const CHECK_IDS: readonly CheckId[] = ['microphone', 'speaker', 'server', 'registration'];

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
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      analyser.getFloatTimeDomainData(samples);
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
    }
    return Math.min(1, peak);
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

/**
 * Ringtone generated with Web Audio (no media file, nothing to fetch), played on the ringer
 * device. Two-tone 400+450 Hz cadence, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off (UK-style).
 */
interface SinkSelectableContext extends AudioContext {
  setSinkId?(sinkId: string): Promise<void>;
}

const CADENCE_S = 3;
const BURSTS: ReadonlyArray<[start: number, end: number]> = [[0, 0.4], [0.6, 1.0]];

export class Ringtone {
  private context: SinkSelectableContext | null = null;
  private stopCurrent: (() => void) | null = null;

  constructor(private ringerDeviceId?: string) {}

  setDevice(deviceId: string | undefined): void {
    this.ringerDeviceId = deviceId;
    if (this.context) void this.context.setSinkId?.(deviceId ?? '').catch(() => undefined);
  }

  /** Called from a user gesture (sign-in, first click) so the first ring is never autoplay-blocked. */
  unlock(): void {
    void this.ensureContext().resume().catch(() => undefined);
  }

  get playing(): boolean {
    return this.stopCurrent !== null;
  }

  start(): void {
    if (this.stopCurrent) return;
    const context = this.ensureContext();
    void context.resume().catch(() => undefined);
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    const oscillators = [400, 450].map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    let cycleStart = context.currentTime + 0.05;
    const schedule = (): void => {
      // Keep about two cycles scheduled ahead; the timer only tops the schedule up.
      while (cycleStart < context.currentTime + 2 * CADENCE_S) {
        for (const [from, to] of BURSTS) {
          gain.gain.setValueAtTime(0.2, cycleStart + from);
          gain.gain.setValueAtTime(0, cycleStart + to);
        }
        cycleStart += CADENCE_S;
      }
    };
    schedule();
    const timer = setInterval(schedule, 1000);
    this.stopCurrent = () => {
      clearInterval(timer);
      gain.gain.cancelScheduledValues(0);
      gain.gain.value = 0;
      for (const oscillator of oscillators) oscillator.stop();
      gain.disconnect();
    };
  }

  stop(): void {
    this.stopCurrent?.();
    this.stopCurrent = null;
  }

  dispose(): void {
    this.stop();
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private ensureContext(): SinkSelectableContext {
    if (!this.context) {
      this.context = new AudioContext() as SinkSelectableContext;
      if (this.ringerDeviceId) void this.context.setSinkId?.(this.ringerDeviceId).catch(() => undefined);
    }
    return this.context;
  }
}

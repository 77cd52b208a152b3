import { describe, expect, it } from 'vitest';
import { DEFAULT_CHOICE, devicesFor, parseChoice, reconcileChoice, type AudioDevice } from './audio-devices';

const headsetMic: AudioDevice = { deviceId: 'h-in', kind: 'audioinput', label: 'USB Headset' };
const headsetOut: AudioDevice = { deviceId: 'h-out', kind: 'audiooutput', label: 'USB Headset' };
const laptopOut: AudioDevice = { deviceId: 'l-out', kind: 'audiooutput', label: 'Speakers' };
const chosen = {
  microphone: { deviceId: 'h-in', label: 'USB Headset' },
  speaker: { deviceId: 'h-out', label: 'USB Headset' },
  ringer: { deviceId: 'l-out', label: 'Speakers' },
};

describe('audio device choice', () => {
  it('lists the devices of each role without the browser aliases', () => {
    const all = [headsetMic, headsetOut, laptopOut, { deviceId: 'default', kind: 'audiooutput', label: 'Default' } as AudioDevice];
    expect(devicesFor('microphone', all)).toEqual([headsetMic]);
    expect(devicesFor('ringer', all)).toEqual([headsetOut, laptopOut]);
  });

  it('keeps a choice whose devices are present', () => {
    expect(reconcileChoice(chosen, [headsetMic, headsetOut, laptopOut])).toEqual({ choice: chosen, lost: [] });
  });

  it('falls back to the default for an unplugged device and names it', () => {
    const { choice, lost } = reconcileChoice(chosen, [laptopOut]);
    expect(choice).toEqual({ ...DEFAULT_CHOICE, ringer: chosen.ringer });
    expect(lost).toEqual([{ role: 'microphone', label: 'USB Headset' }, { role: 'speaker', label: 'USB Headset' }]);
  });

  it('an input with the id of an output is not the chosen microphone', () => {
    expect(reconcileChoice({ ...DEFAULT_CHOICE, microphone: { deviceId: 'h-out', label: 'x' } }, [headsetOut]).lost).toHaveLength(1);
  });

  it('reads a stored choice defensively', () => {
    expect(parseChoice(null)).toEqual(DEFAULT_CHOICE);
    expect(parseChoice('{not json')).toEqual(DEFAULT_CHOICE);
    expect(parseChoice(JSON.stringify({ speaker: { deviceId: 'h-out', label: 'USB Headset' }, ringer: { deviceId: 42 } })))
      .toEqual({ ...DEFAULT_CHOICE, speaker: { deviceId: 'h-out', label: 'USB Headset' } });
  });
});

import { describe, expect, it } from 'vitest';
import { CHECK_IDS, micVerdict, ROUND_TRIP_LEVEL, roundTripVerdict, SILENT_LEVEL, speakerVerdict } from './self-test';

describe('pre-shift check verdicts', () => {
  it('runs the round-trip audio check after the speaker, before the network checks', () => {
    expect(CHECK_IDS).toEqual(['microphone', 'speaker', 'roundTrip', 'server', 'registration']);
  });

  it('passes the round trip only when the tone came back at a real level', () => {
    expect(roundTripVerdict(0)).toBe('fail');
    expect(roundTripVerdict(ROUND_TRIP_LEVEL / 2)).toBe('fail');
    expect(roundTripVerdict(ROUND_TRIP_LEVEL)).toBe('pass');
    expect(roundTripVerdict(0.2)).toBe('pass');
  });

  it('takes the agent’s word on the speaker, and a silent microphone as a problem', () => {
    expect(speakerVerdict(true)).toBe('pass');
    expect(speakerVerdict(false)).toBe('fail');
    expect(micVerdict(SILENT_LEVEL / 2)).toBe('fail');
    expect(micVerdict(SILENT_LEVEL)).toBe('pass');
  });
});

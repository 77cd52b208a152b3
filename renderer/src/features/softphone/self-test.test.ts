import { describe, expect, it } from 'vitest';
import type { RoundTripOutcome } from './engine/self-test-call';
import { CHECK_IDS, micVerdict, ROUND_TRIP_LEVEL, ROUND_TRIP_MIN_PACKETS, roundTripVerdict, SILENT_LEVEL, speakerVerdict } from './self-test';

const measured = (packetsReceived: number, level: number, roundTripMs: number | null = 3): RoundTripOutcome => ({
  ok: true, measurement: { packetsReceived, level, roundTripMs, setupMs: 120 },
});

describe('pre-shift check verdicts', () => {
  it('runs the round trip through the phone server last, after the server and registration checks', () => {
    expect(CHECK_IDS).toEqual(['microphone', 'speaker', 'server', 'registration', 'roundTrip']);
  });

  it('passes the round trip only when enough packets came back carrying the tone at a real level', () => {
    expect(roundTripVerdict(measured(100, 0.2))).toEqual({ status: 'pass', key: 'roundTripPassed', values: { percent: 20, packets: 100, rtt: 3 } });
    expect(roundTripVerdict(measured(ROUND_TRIP_MIN_PACKETS, ROUND_TRIP_LEVEL)).status).toBe('pass');
    // Packets without sound: the echo path is broken or muted somewhere.
    expect(roundTripVerdict(measured(100, ROUND_TRIP_LEVEL / 2))).toMatchObject({ status: 'fail', key: 'roundTripFailure.silent' });
    // Loud but barely any packets: the audio did not really flow back.
    expect(roundTripVerdict(measured(ROUND_TRIP_MIN_PACKETS - 1, 0.3))).toMatchObject({ status: 'fail', key: 'roundTripFailure.no-audio', values: { packets: ROUND_TRIP_MIN_PACKETS - 1 } });
    expect(roundTripVerdict(measured(0, 0)).status).toBe('fail');
  });

  it('shows a dash when getStats reported no round-trip time', () => {
    expect(roundTripVerdict(measured(100, 0.2, null)).values.rtt).toBe('—');
  });

  it('names why the round trip could not be measured, with the timeout in seconds', () => {
    expect(roundTripVerdict({ ok: false, failure: 'no-answer', detail: 'no answer' })).toEqual({
      status: 'fail', key: 'roundTripFailure.no-answer', values: { detail: 'no answer', seconds: 10 },
    });
    expect(roundTripVerdict({ ok: false, failure: 'rejected', detail: '480 Temporarily Unavailable' })).toMatchObject({
      key: 'roundTripFailure.rejected', values: { detail: '480 Temporarily Unavailable' },
    });
  });

  it('takes the agent’s word on the speaker, and a silent microphone as a problem', () => {
    expect(speakerVerdict(true)).toBe('pass');
    expect(speakerVerdict(false)).toBe('fail');
    expect(micVerdict(SILENT_LEVEL / 2)).toBe('fail');
    expect(micVerdict(SILENT_LEVEL)).toBe('pass');
  });
});

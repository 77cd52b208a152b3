import { describe, expect, it } from 'vitest';
import { audioDirection, remoteAcceptsHold } from './sdp';

const sdp = (...lines: string[]): string => ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', ...lines].join('\r\n') + '\r\n';

describe('audio direction in SDP', () => {
  it('reads the audio section’s own attribute', () => {
    expect(audioDirection(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=sendonly'))).toBe('sendonly');
    expect(audioDirection(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=recvonly'))).toBe('recvonly');
  });

  it('falls back to the session-level attribute, then to sendrecv', () => {
    expect(audioDirection(sdp('a=inactive', 'm=audio 9 RTP/AVP 0'))).toBe('inactive');
    expect(audioDirection(sdp('m=audio 9 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000'))).toBe('sendrecv');
  });

  it('ignores the attributes of a later video section', () => {
    expect(audioDirection(sdp('m=audio 9 RTP/AVP 0', 'm=video 9 RTP/AVP 96', 'a=inactive'))).toBe('sendrecv');
  });

  it('returns null without an audio section', () => {
    expect(audioDirection(sdp('m=video 9 RTP/AVP 96'))).toBeNull();
    expect(audioDirection('')).toBeNull();
  });

  it('accepts hold only when the far end stops sending', () => {
    expect(remoteAcceptsHold('recvonly')).toBe(true);
    expect(remoteAcceptsHold('inactive')).toBe(true);
    expect(remoteAcceptsHold('sendrecv')).toBe(false);
    expect(remoteAcceptsHold(null)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { audioDirection, preferCodecs, remoteAcceptsHold } from './sdp';

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

describe('codec preference', () => {
  const offer = sdp(
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
    'a=rtpmap:111 opus/48000/2', 'a=rtpmap:63 red/48000/2', 'a=rtpmap:9 G722/8000', 'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000', 'a=rtpmap:13 CN/8000', 'a=rtpmap:110 telephone-event/48000', 'a=rtpmap:126 telephone-event/8000',
    'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=rtpmap:96 VP8/90000',
  );

  it('moves the preferred codecs to the front in the given order, the rest keeping theirs', () => {
    const reordered = preferCodecs(offer, ['PCMA', 'g722']);
    expect(reordered).toContain('m=audio 9 UDP/TLS/RTP/SAVPF 8 9 111 63 0 13 110 126\r\n');
    expect(reordered).toContain('m=video 9 UDP/TLS/RTP/SAVPF 96\r\n');
  });

  it('ignores unknown codecs and leaves SDP without preferences or audio alone', () => {
    expect(preferCodecs(offer, ['AMR-WB'])).toBe(offer);
    expect(preferCodecs(offer, [])).toBe(offer);
    const videoOnly = sdp('m=video 9 UDP/TLS/RTP/SAVPF 96');
    expect(preferCodecs(videoOnly, ['PCMU'])).toBe(videoOnly);
  });
});

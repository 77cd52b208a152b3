import { describe, expect, it } from 'vitest';
import { interpretLoginReply, retryAfterSeconds } from './login-reply';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const session = {
  accessToken: 'a.b.c',
  refreshToken: 'r1',
  expiresIn: 900,
  user: { id: 'u1', username: 'agent1', displayName: 'Ana García', role: 'agent', teamId: 't1', sipExtension: '1001' },
};
const apiError = (code: string) => ({ error: { code, message: code } });

describe('interpretLoginReply', () => {
  it('accepts a reply that matches the contract', () => {
    expect(interpretLoginReply(200, session, null, NOW)).toEqual({ ok: true, session });
  });

  it('treats a 200 whose body breaks the contract as a bad reply', () => {
    expect(interpretLoginReply(200, { ...session, user: { ...session.user, role: 'superuser' } }, null, NOW)).toEqual({ ok: false, failure: { kind: 'bad_reply' } });
    expect(interpretLoginReply(200, '<html>login</html>', null, NOW)).toEqual({ ok: false, failure: { kind: 'bad_reply' } });
  });

  it('recognises a wrong password by its error code or status', () => {
    expect(interpretLoginReply(401, apiError('invalid_credentials'), null, NOW)).toEqual({ ok: false, failure: { kind: 'invalid_credentials' } });
    expect(interpretLoginReply(401, null, null, NOW)).toEqual({ ok: false, failure: { kind: 'invalid_credentials' } });
  });

  it('reports rate limiting with the wait from Retry-After', () => {
    expect(interpretLoginReply(429, apiError('rate_limited'), '30', NOW)).toEqual({ ok: false, failure: { kind: 'rate_limited', retryAfterSeconds: 30 } });
    expect(interpretLoginReply(429, null, null, NOW)).toEqual({ ok: false, failure: { kind: 'rate_limited', retryAfterSeconds: null } });
    const withDetails = { error: { code: 'rate_limited', message: 'slow down', details: { retryAfterSeconds: 840 } } };
    expect(interpretLoginReply(429, withDetails, null, NOW)).toEqual({ ok: false, failure: { kind: 'rate_limited', retryAfterSeconds: 840 } });
  });

  it('tells apart disabled accounts, bad input, an unreachable backend and other server errors', () => {
    expect(interpretLoginReply(403, apiError('account_disabled'), null, NOW)).toEqual({ ok: false, failure: { kind: 'account_disabled' } });
    expect(interpretLoginReply(400, apiError('validation_failed'), null, NOW)).toEqual({ ok: false, failure: { kind: 'invalid_input' } });
    expect(interpretLoginReply(502, 'Bad Gateway', null, NOW)).toEqual({ ok: false, failure: { kind: 'unreachable' } });
    expect(interpretLoginReply(500, apiError('internal'), null, NOW)).toEqual({ ok: false, failure: { kind: 'server_error', status: 500 } });
  });
});

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterSeconds('12', NOW)).toBe(12);
    expect(retryAfterSeconds(new Date(NOW + 45_000).toUTCString(), NOW)).toBe(45);
  });

  it('ignores missing, past or unparsable values and caps absurd ones', () => {
    expect(retryAfterSeconds(null, NOW)).toBeNull();
    expect(retryAfterSeconds('soon', NOW)).toBeNull();
    expect(retryAfterSeconds(new Date(NOW - 5_000).toUTCString(), NOW)).toBeNull();
    expect(retryAfterSeconds('999999', NOW)).toBe(3600);
  });
});

import { apiErrorSchema, loginResponseSchema, type LoginResponse } from '@contract';

/** Why a sign-in did not succeed, in terms the sign-in screen can explain. */
export type SignInFailure =
  | { kind: 'invalid_credentials' }
  | { kind: 'account_disabled' }
  | { kind: 'rate_limited'; retryAfterSeconds: number | null }
  | { kind: 'invalid_input' }
  | { kind: 'unreachable' }
  | { kind: 'server_error'; status: number }
  | { kind: 'bad_reply' };

export type SignInOutcome = { ok: true; session: LoginResponse } | { ok: false; failure: SignInFailure };

/** Retry-After as delta-seconds or an HTTP date, capped to something a person would wait. */
export function retryAfterSeconds(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : Math.ceil((Date.parse(trimmed) - now) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  return Math.min(seconds, 3600);
}

/** The backend also puts the wait in the error body: `details.retryAfterSeconds`. */
function retryAfterFromDetails(details: unknown): number | null {
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details)) return null;
  const value = details.retryAfterSeconds;
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/**
 * Interprets the backend's reply to `POST /api/auth/login`. Success bodies are validated with
 * the contract's schema: a reply that does not match is a `bad_reply`, never a half session.
 */
export function interpretLoginReply(status: number, body: unknown, retryAfter: string | null, now: number): SignInOutcome {
  if (status >= 200 && status < 300) {
    const parsed = loginResponseSchema.safeParse(body);
    return parsed.success ? { ok: true, session: parsed.data } : { ok: false, failure: { kind: 'bad_reply' } };
  }
  const error = apiErrorSchema.safeParse(body).data?.error;
  const code = error?.code;
  if (status === 429 || code === 'rate_limited') {
    const wait = retryAfterSeconds(retryAfter, now) ?? retryAfterSeconds(String(retryAfterFromDetails(error?.details) ?? ''), now);
    return { ok: false, failure: { kind: 'rate_limited', retryAfterSeconds: wait } };
  }
  if (code === 'invalid_credentials' || status === 401) return { ok: false, failure: { kind: 'invalid_credentials' } };
  if (code === 'account_disabled' || status === 403) return { ok: false, failure: { kind: 'account_disabled' } };
  if (status === 400 || status === 422) return { ok: false, failure: { kind: 'invalid_input' } };
  // A proxy in front of a dead backend answers 502/503/504: for the agent that is "unreachable".
  if (status === 502 || status === 503 || status === 504) return { ok: false, failure: { kind: 'unreachable' } };
  return { ok: false, failure: { kind: 'server_error', status } };
}

import { loginRequestSchema, type LoginRequest, type LoginResponse } from '@contract';
import { interpretLoginReply, type SignInOutcome } from './login-reply';

async function postJson(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
    ...(signal ? { signal } : {}),
  });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function exchange(url: string, body: unknown): Promise<SignInOutcome> {
  let response: Response;
  try {
    response = await postJson(url, body);
  } catch {
    return { ok: false, failure: { kind: 'unreachable' } };
  }
  return interpretLoginReply(response.status, await readJson(response), response.headers.get('retry-after'), Date.now());
}

/** `POST /api/auth/login`; the request is validated before it leaves. */
export async function requestLogin(backendUrl: string, input: LoginRequest): Promise<SignInOutcome> {
  const request = loginRequestSchema.safeParse(input);
  if (!request.success) return { ok: false, failure: { kind: 'invalid_input' } };
  return exchange(new URL('/api/auth/login', backendUrl).href, request.data);
}

/** `POST /api/auth/refresh`: trades a refresh token for a new session (the token rotates). */
export function requestRefresh(backendUrl: string, refreshToken: string): Promise<SignInOutcome> {
  return exchange(new URL('/api/auth/refresh', backendUrl).href, { refreshToken });
}

/** `POST /api/auth/logout`: best effort; signing out locally never waits on the server. */
export async function requestLogout(backendUrl: string, session: Pick<LoginResponse, 'accessToken' | 'refreshToken'>): Promise<void> {
  try {
    await fetch(new URL('/api/auth/logout', backendUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
      signal: AbortSignal.timeout(3000),
    });
  } catch {
    // The refresh token expires on its own; the local session is gone either way.
  }
}

/**
 * Sign-in, sign-out, session restore and access-token renewal. The access token stays in
 * memory (the zustand store); the refresh token goes to DesktopApi.secrets (OS keychain in
 * Electron, tab memory in the browser edition), never to localStorage.
 */
import type { LoginRequest, LoginResponse } from '@contract';
import { desktop } from '@platform/desktop';
import { requestLogin, requestLogout, requestRefresh } from './auth-api';
import type { SignInOutcome } from './login-reply';
import { SIGNED_OUT, sessionStore } from './session-store';

const REFRESH_TOKEN_KEY = 'auth.refresh_token';
/** Renew this long before the access token expires, so requests never carry a stale one. */
const RENEW_MARGIN_MS = 60_000;
const RETRY_RENEW_MS = 15_000;

let renewTimer: ReturnType<typeof setTimeout> | null = null;
let refreshToken: string | null = null;

async function backendUrl(): Promise<string> {
  return (await desktop.getConfig()).backendUrl;
}

function scheduleRenewal(delayMs: number): void {
  if (renewTimer !== null) clearTimeout(renewTimer);
  renewTimer = setTimeout(() => void renew(), Math.max(delayMs, 1_000));
}

async function adopt(session: LoginResponse): Promise<void> {
  refreshToken = session.refreshToken;
  await desktop.secrets.set(REFRESH_TOKEN_KEY, session.refreshToken);
  const expiresAt = Date.now() + session.expiresIn * 1000;
  sessionStore.setState({ status: 'signed_in', user: session.user, accessToken: session.accessToken, accessTokenExpiresAt: expiresAt });
  scheduleRenewal(expiresAt - Date.now() - RENEW_MARGIN_MS);
}

async function forget(): Promise<void> {
  if (renewTimer !== null) clearTimeout(renewTimer);
  renewTimer = null;
  refreshToken = null;
  sessionStore.setState(SIGNED_OUT);
  await desktop.secrets.delete(REFRESH_TOKEN_KEY);
}

async function renew(): Promise<void> {
  if (refreshToken === null) return;
  const outcome = await requestRefresh(await backendUrl(), refreshToken);
  if (outcome.ok) return adopt(outcome.session);
  // Offline or a server hiccup: keep working and try again; a refused token ends the session.
  if (outcome.failure.kind === 'unreachable' || outcome.failure.kind === 'server_error' || outcome.failure.kind === 'rate_limited') {
    scheduleRenewal(RETRY_RENEW_MS);
    return;
  }
  await forget();
}

export async function signIn(request: LoginRequest): Promise<SignInOutcome> {
  let url: string;
  try {
    url = await backendUrl();
  } catch {
    return { ok: false, failure: { kind: 'unreachable' } };
  }
  const outcome = await requestLogin(url, request);
  if (outcome.ok) await adopt(outcome.session);
  return outcome;
}

export async function signOut(): Promise<void> {
  const { accessToken } = sessionStore.getState();
  const token = refreshToken;
  await forget();
  if (accessToken !== null && token !== null) await requestLogout(await backendUrl(), { accessToken, refreshToken: token });
}

/** At start-up: resume the previous session if the host still holds a refresh token. */
export async function restoreSession(): Promise<void> {
  try {
    const saved = await desktop.secrets.get(REFRESH_TOKEN_KEY);
    if (saved === null) return sessionStore.setState(SIGNED_OUT);
    refreshToken = saved;
    const outcome = await requestRefresh(await backendUrl(), saved);
    if (outcome.ok) return await adopt(outcome.session);
    await forget();
  } catch {
    sessionStore.setState(SIGNED_OUT);
  }
}

/** For non-React code (sync engine, API clients): the current access token, if signed in. */
export function currentAccessToken(): string | null {
  return sessionStore.getState().accessToken;
}

/** Small authenticated requests to the backend for the phone's wiring (presence, reference lists). */
import { desktop } from '@platform/desktop';
import { currentAccessToken } from '../session';

let backendUrl: Promise<string> | null = null;

export async function backendRequest(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  backendUrl ??= desktop.getConfig().then((config) => config.backendUrl || window.location.origin);
  const token = currentAccessToken();
  if (token === null) throw new Error('not signed in');
  const response = await fetch(new URL(path, await backendUrl).href, {
    method,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
  return response.status === 204 ? null : response.json();
}

/**
 * Authenticated requests for the lead's server-only reads (team calls, review, KPIs, board,
 * exclusions) and the admin's center settings, which are online-only by nature (a policy change
 * must be refused or accepted by the server there and then). The shell passes `ServerAccess` in;
 * this feature never reaches into the session.
 */
export interface ServerAccess {
  backendUrl: string;
  getAccessToken: () => string | null | Promise<string | null>;
}

export class ServerReadError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ServerReadError';
  }
}

async function request(
  access: ServerAccess, path: string, params: Record<string, string | undefined>, accept: string, send?: { method: 'PUT'; body: unknown },
): Promise<Response> {
  const url = new URL(path, access.backendUrl);
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(key, value);
  const token = await access.getAccessToken();
  const headers: Record<string, string> = { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  let response: Response;
  try {
    response = await fetch(url.href, send
      ? { method: send.method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(send.body), cache: 'no-store' }
      : { headers, cache: 'no-store' });
  } catch (error) {
    throw new ServerReadError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ServerReadError(response.status, body?.error?.code ?? 'http_error', body?.error?.message ?? `HTTP ${response.status}`);
  }
  return response;
}

export async function getJson<T>(access: ServerAccess, path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  return (await (await request(access, path, params, 'application/json')).json()) as T;
}

export async function getText(access: ServerAccess, path: string, params: Record<string, string | undefined> = {}): Promise<string> {
  return (await request(access, path, params, 'text/csv')).text();
}

export async function putJson<T>(access: ServerAccess, path: string, body: unknown): Promise<T> {
  return (await (await request(access, path, {}, 'application/json', { method: 'PUT', body })).json()) as T;
}

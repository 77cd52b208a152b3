/**
 * Authenticated GETs for the lead's server-only reads (team calls, review, KPIs, board,
 * exclusions). The shell passes `ServerAccess` in; this feature never reaches into the session.
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

async function request(access: ServerAccess, path: string, params: Record<string, string | undefined>, accept: string): Promise<Response> {
  const url = new URL(path, access.backendUrl);
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(key, value);
  const token = await access.getAccessToken();
  let response: Response;
  try {
    response = await fetch(url.href, { headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) }, cache: 'no-store' });
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

/**
 * Authenticated GETs to the backend for server-only reads (here: the queue's priority scores).
 * The shell passes `ServerAccess` in, so the feature never reaches into the app's session.
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

export async function getJson<T>(access: ServerAccess, path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const url = new URL(path, access.backendUrl);
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(key, value);
  const token = await access.getAccessToken();
  let response: Response;
  try {
    response = await fetch(url.href, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, cache: 'no-store' });
  } catch (error) {
    throw new ServerReadError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ServerReadError(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status}`);
  }
  return body as T;
}

/**
 * HTTP side of the sync protocol. Every reply is validated with the contract's zod schemas;
 * errors are typed so the engine can tell "retry later" from "this entry is bad".
 */
import { apiErrorSchema, changeSchema, mutationResultSchema, syncEventSchema, type Change, type MutationResult, type PushRequest } from '@contract';
import { z } from 'zod';
import { parseSnapshotReply, type SnapshotBatch } from './snapshot-reply';
import { historyPageSchema, type HistoryPage } from '@contract';

export type SyncErrorKind = 'network' | 'server' | 'unauthorized' | 'cursor_expired' | 'bad_request' | 'invalid_reply';

export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  constructor(
    readonly kind: SyncErrorKind, message: string, readonly status: number | null = null, readonly code: string | null = null, readonly details: unknown = null,
  ) {
    super(message);
  }
  /** Network failures and 5xx are worth retrying with backoff; the rest are not. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server';
  }
}

/** One result per mutation; a result that fails validation is reported, not thrown. */
export type PushOutcome = { ok: true; result: MutationResult } | { ok: false; id: string | null; message: string; raw: unknown };

export interface PullPage {
  changes: Array<{ ok: true; change: Change } | { ok: false; seq: string | null; message: string; raw: unknown }>;
  cursor: string;
  hasMore: boolean;
}

export interface SyncTransport {
  push(request: PushRequest): Promise<PushOutcome[]>;
  pull(cursor: string, limit: number): Promise<PullPage>;
  /** One keyset page of the bulk snapshot (first download, refetch after 409). */
  snapshot(after: string | null, limit: number): Promise<SnapshotBatch>;
  /**
   * The customer(s) with this E.164 phone as one snapshot page (the screen pop during a download).
   * Its cursor is never a resume point. `signal` gives up on it (the pop has a deadline).
   */
  callerPage(e164: string, signal?: AbortSignal): Promise<SnapshotBatch>;
  /** A customer's interactions older than `before` (the oldest held), newest first. */
  history(customerId: string, before: { before: string; beforeId: string } | null, limit: number): Promise<HistoryPage>;
  /**
   * Opens the change stream; resolves when it ends. Calls `onChanges` for each `changes` event with
   * the announced cursor, or null when the event could not be read (something changed, but what).
   */
  events(onChanges: (cursor: string | null) => void, signal: AbortSignal): Promise<void>;
}

export interface HttpTransportOptions {
  backendUrl: string;
  getAccessToken: () => string | null | Promise<string | null>;
  fetchImpl?: typeof fetch;
}

const pushEnvelope = z.object({ results: z.array(z.unknown()) });
const CURSOR_PATTERN = /^\d{1,19}$/;
const pullEnvelope = z.object({ changes: z.array(z.unknown()), cursor: z.string().regex(CURSOR_PATTERN), hasMore: z.boolean() });

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || '(reply)'}: ${issue.message}` : 'invalid';
}

function idOf(raw: unknown, key: string): string | null {
  if (raw && typeof raw === 'object' && key in raw) {
    const value = (raw as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : null;
  }
  return null;
}

export function parsePushReply(body: unknown): PushOutcome[] {
  const envelope = pushEnvelope.safeParse(body);
  if (!envelope.success) throw new SyncHttpError('invalid_reply', `Push reply failed validation: ${firstIssue(envelope.error)}`);
  return envelope.data.results.map((raw) => {
    const parsed = mutationResultSchema.safeParse(raw);
    return parsed.success
      ? { ok: true as const, result: parsed.data }
      : { ok: false as const, id: idOf(raw, 'id'), message: `Push result failed validation: ${firstIssue(parsed.error)}`, raw };
  });
}

export function parsePullReply(body: unknown): PullPage {
  const envelope = pullEnvelope.safeParse(body);
  if (!envelope.success) throw new SyncHttpError('invalid_reply', `Pull reply failed validation: ${firstIssue(envelope.error)}`);
  return {
    cursor: envelope.data.cursor,
    hasMore: envelope.data.hasMore,
    changes: envelope.data.changes.map((raw) => {
      const parsed = changeSchema.safeParse(raw);
      return parsed.success
        ? { ok: true as const, change: parsed.data }
        : { ok: false as const, seq: idOf(raw, 'seq'), message: `Change failed validation: ${firstIssue(parsed.error)}`, raw };
    }),
  };
}

async function errorFrom(response: Response): Promise<SyncHttpError> {
  let code: string | null = null;
  let details: unknown = null;
  let message = `HTTP ${response.status}`;
  try {
    const body = apiErrorSchema.safeParse(await response.json());
    if (body.success) {
      code = body.data.error.code;
      details = body.data.error.details ?? null;
      message = `${body.data.error.code}: ${body.data.error.message}`;
    }
  } catch {
    // Not JSON (a proxy's error page, say): the status says enough.
  }
  if (response.status === 401) return new SyncHttpError('unauthorized', message, 401, code);
  if (response.status === 409 && code !== 'invalid_request') return new SyncHttpError('cursor_expired', message, 409, code ?? 'cursor_expired');
  if (response.status >= 500 || response.status === 429 || response.status === 408) return new SyncHttpError('server', message, response.status, code);
  return new SyncHttpError('bad_request', message, response.status, code, details);
}

export function createHttpTransport({ backendUrl, getAccessToken, fetchImpl = (...args) => fetch(...args) }: HttpTransportOptions): SyncTransport {
  const base = backendUrl.replace(/\/+$/, '');

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const token = await getAccessToken();
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, { ...init, headers, cache: 'no-store' });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new SyncHttpError('network', `Backend unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async function json(response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch (error) {
      // A body cut off mid-stream (backend killed) is a network failure, not a bad reply.
      throw new SyncHttpError('network', `Reply cut off: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    async push(body) {
      let response: Response;
      try {
        response = await request('/api/sync/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      } catch (error) {
        // 403 when every mutation was forbidden: the per-mutation results ride in the error details.
        if (error instanceof SyncHttpError && error.status === 403 && error.details) {
          const results = pushEnvelope.safeParse(error.details);
          if (results.success) return parsePushReply(results.data);
        }
        throw error;
      }
      return parsePushReply(await json(response));
    },
    async pull(cursor, limit) {
      const response = await request(`/api/sync/pull?cursor=${encodeURIComponent(cursor)}&limit=${limit}`);
      return parsePullReply(await json(response));
    },
    async snapshot(after, limit) {
      const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
      const started = performance.now();
      const response = await request(`/api/sync/snapshot?${query}`);
      const received = performance.now();
      const body = await json(response);
      const parsed = performance.now();
      const batch = parseSnapshotReply(body);
      const bytes = Number(response.headers.get('content-length') ?? 0);
      return { ...batch, timing: { fetchMs: received - started, parseMs: parsed - received, bytes } };
    },
    async callerPage(e164, signal) {
      const response = await request(`/api/sync/snapshot/caller?${new URLSearchParams({ phone: e164 })}`, signal ? { signal } : {});
      return parseSnapshotReply(await json(response));
    },
    async history(customerId, before, limit) {
      const query = new URLSearchParams({ customerId, limit: String(limit), ...(before ?? {}) });
      const response = await request(`/api/sync/history?${query}`);
      const parsed = historyPageSchema.safeParse(await json(response));
      if (!parsed.success) throw new SyncHttpError('invalid_reply', `History reply failed validation: ${firstIssue(parsed.error)}`);
      return parsed.data;
    },
    async events(onChanges, signal) {
      const response = await request('/api/sync/events', { headers: { accept: 'text/event-stream' }, signal });
      if (!response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = createSseParser((event, data) => {
        if (event === 'changes') onChanges(announcedCursor(data));
      });
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          parser(value);
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

/** The cursor of a `changes` event's data, or null when it cannot be read. */
export function announcedCursor(data: string): string | null {
  try {
    const parsed = syncEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data.cursor : null;
  } catch {
    return null;
  }
}

/**
 * Change-log cursors are decimal integers (a PostgreSQL bigint), compared as integers: as strings
 * '9' > '10'. Null when `text` is not one.
 */
export function parseCursor(text: string | null): bigint | null {
  return text !== null && CURSOR_PATTERN.test(text) ? BigInt(text) : null;
}

/** Incremental server-sent-events parser: feed it text chunks, it calls back per event. */
export function createSseParser(onEvent: (event: string, data: string) => void): (chunk: string) => void {
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
      if (line === '') {
        if (data.length > 0) onEvent(event, data.join('\n'));
        event = 'message';
        data = [];
      } else if (line.startsWith(':')) {
        continue;
      } else {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  };
}

import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { createTestApp, mutation, TEST_SECRET, uuidv7, type TestApp } from './harness';
import { describeEachEngine } from './engines';

/** A minimal EventSource over node:http that collects `changes` events. */
class EventStream {
  readonly cursors: string[] = [];
  private waiters: Array<{ atLeast: number; resolve: (cursor: string) => void }> = [];
  private response: IncomingMessage | null = null;

  static open(baseUrl: string, token: string): Promise<EventStream> {
    const stream = new EventStream();
    return new Promise((resolve, reject) => {
      const req = request(`${baseUrl}/api/sync/events?access_token=${encodeURIComponent(token)}`, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`SSE status ${response.statusCode}`));
        stream.response = response;
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            stream.onEvent(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        });
        resolve(stream);
      });
      req.on('error', reject);
      req.end();
    });
  }

  private onEvent(block: string): void {
    const lines = block.split('\n');
    if (!lines.includes('event: changes')) return;
    const data = lines.find((line) => line.startsWith('data: '));
    const cursor = (JSON.parse(data!.slice(6)) as { cursor: string }).cursor;
    this.cursors.push(cursor);
    this.waiters = this.waiters.filter((waiter) => {
      if (Number(cursor) < waiter.atLeast) return true;
      waiter.resolve(cursor);
      return false;
    });
  }

  /** Resolves with the first event whose cursor is ≥ atLeast (already received or future). */
  next(atLeast: number): Promise<string> {
    const seen = this.cursors.find((cursor) => Number(cursor) >= atLeast);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ atLeast, resolve }));
  }

  close(): void {
    this.response?.destroy();
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

describeEachEngine('sync events (SSE)', (engine) => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp(engine.db());
    baseUrl = await listen(t.app);
  });
  afterAll(async () => { await t?.close(); });

  it('refuses a stream without a valid token', async () => {
    await expect(EventStream.open(baseUrl, 'forged.token')).rejects.toThrow('SSE status 401');
  });

  it('announces the head on connect and a new cursor after a push', async () => {
    const stream = await EventStream.open(baseUrl, t.sessions.agent3.token);
    try {
      const head = Number(await stream.next(0));
      const { body } = await t.push(t.sessions.agent1, [mutation('customer', 'insert', uuidv7(), { displayName: 'SSE customer' })]);
      expect(body.results[0]!.status).toBe('applied');
      const announced = Number(await stream.next(head + 1));
      expect(announced).toBe(head + 1);
      const pulled = await t.pull(t.sessions.agent3, String(head));
      expect(pulled.body.cursor).toBe(String(announced));
    } finally {
      stream.close();
    }
  });

  if (engine.engine === 'postgres') {
    it('notifies clients of another server process sharing the database (LISTEN/NOTIFY)', async () => {
      const otherDb = await engine.openAnother();
      const other = await buildApp({ db: otherDb, authSecret: TEST_SECRET });
      try {
        const otherUrl = await listen(other);
        const stream = await EventStream.open(otherUrl, t.sessions.agent1.token);
        try {
          const head = Number(await stream.next(0));
          await t.push(t.sessions.agent2, [mutation('customer', 'insert', uuidv7(), { displayName: 'Across processes' })]);
          expect(Number(await stream.next(head + 1))).toBe(head + 1);
        } finally {
          stream.close();
        }
      } finally {
        await other.close();
      }
    });
  }
});

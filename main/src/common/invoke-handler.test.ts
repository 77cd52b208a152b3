import { describe, expect, it } from 'vitest';
import { registerInvokeHandler, senderInfo, type FrameLike, type InvokeEventLike, type IpcMainLike } from './invoke-handler';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

/** ipcMain needs Electron's main process; this one stores handlers so the test can call them. */
class FakeIpcMain implements IpcMainLike<InvokeEventLike> {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  call(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(listener(event, ...args));
  }
}

function frame(url: string, parent: FrameLike | null = null, destroyed = false): FrameLike {
  return { url, parent, isDestroyed: () => destroyed };
}
function eventFrom(senderFrame: FrameLike | null, mainFrame: FrameLike = senderFrame ?? frame('app://centralita/index.html')): InvokeEventLike {
  return { senderFrame, sender: { mainFrame } };
}

describe('senderInfo', () => {
  it('reports the main frame of the app', () => {
    const main = frame('app://centralita/index.html');
    expect(senderInfo(eventFrom(main))).toEqual({ url: 'app://centralita/index.html', isMainFrame: true });
  });

  it('reports a subframe as not main, even with an app URL', () => {
    const main = frame('app://centralita/index.html');
    expect(senderInfo(eventFrom(frame('app://centralita/x.html', main), main))).toEqual({ url: 'app://centralita/x.html', isMainFrame: false });
  });

  it('reports a destroyed or missing frame as gone', () => {
    expect(senderInfo(eventFrom(frame('app://centralita/', null, true)))).toEqual({ url: null, isMainFrame: false });
    expect(senderInfo(eventFrom(null))).toEqual({ url: null, isMainFrame: false });
  });
});

describe('registerInvokeHandler', () => {
  function setUp() {
    const ipc = new FakeIpcMain();
    const calls: unknown[][] = [];
    const refusals: string[] = [];
    registerInvokeHandler(ipc, 'secrets:set', (key, value) => {
      calls.push([key, value]);
    }, (channel, reason) => refusals.push(`${channel}: ${reason}`));
    registerInvokeHandler(ipc, 'external:open', async (url) => url.startsWith('https:'), () => undefined);
    return { ipc, calls, refusals };
  }

  it('runs the handler with the validated arguments for the app main frame', async () => {
    const { ipc, calls, refusals } = setUp();
    await expect(ipc.call('secrets:set', eventFrom(frame('app://centralita/index.html')), 'sip.password', 'pw')).resolves.toBeUndefined();
    await expect(ipc.call('external:open', eventFrom(frame('app://centralita/index.html')), 'https://example.com')).resolves.toBe(true);
    expect(calls).toEqual([['sip.password', 'pw']]);
    expect(refusals).toEqual([]);
  });

  it('rejects a foreign sender before looking at the payload, and runs nothing', async () => {
    const { ipc, calls, refusals } = setUp();
    await expect(ipc.call('secrets:set', eventFrom(frame('https://evil.example/')), 'sip.password', 'pw')).rejects.toThrow('sender https://evil.example/ is not the app');
    expect(calls).toEqual([]);
    expect(refusals).toEqual(['secrets:set: sender https://evil.example/ is not the app']);
  });

  it('rejects a subframe of the app', async () => {
    const { ipc, calls } = setUp();
    const main = frame('app://centralita/index.html');
    await expect(ipc.call('secrets:set', eventFrom(frame('app://centralita/index.html', main), main), 'k', 'v')).rejects.toThrow('not the main frame');
    expect(calls).toEqual([]);
  });

  it('rejects a bad payload from the app, and runs nothing', async () => {
    const { ipc, calls, refusals } = setUp();
    await expect(ipc.call('secrets:set', eventFrom(frame('app://centralita/index.html')), 'Bad Key!', 'pw')).rejects.toThrow('invalid payload for secrets:set');
    await expect(ipc.call('secrets:set', eventFrom(frame('app://centralita/index.html')), 'key')).rejects.toThrow('invalid payload');
    expect(calls).toEqual([]);
    expect(refusals).toHaveLength(2);
  });
});

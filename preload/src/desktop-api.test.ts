import { describe, expect, it } from 'vitest';
import { eventChannels, invokeChannels, type HostCapabilities } from '@contract';
import { createDesktopApi, type IpcRendererLike } from './desktop-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** ipcRenderer needs Electron's renderer process; this records calls and lets main "send". */
class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  responses = new Map<string, unknown>();

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve(this.responses.get(channel));
  }

  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
    return this;
  }

  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  /** What main's webContents.send does. */
  emit(channel: string, payload: unknown): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener({ sender: 'ipcRenderer-must-not-leak' }, payload);
  }

  count(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

const capabilities: HostCapabilities = { secureSecretStorage: true, globalShortcuts: true, protocolLinks: true, tray: true, powerEvents: true, notifications: true };
const flushMicrotasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createDesktopApi (Electron edition)', () => {
  it('is the electron kind with frozen capabilities and no ipcRenderer in reach', () => {
    const ipc = new FakeIpcRenderer();
    const api = createDesktopApi(ipc, capabilities);
    expect(api.kind).toBe('electron');
    expect(api.capabilities).toEqual(capabilities);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.capabilities)).toBe(true);
    const reachable = [...Object.values(api), ...Object.values(api.secrets)];
    expect(reachable).not.toContain(ipc);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send/i);
  });

  it('maps every method onto its invoke channel with its arguments', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.responses.set('config:get', { backendUrl: 'http://127.0.0.1:8787', sipWssUrl: null, sipDomain: null, locale: 'es' });
    ipc.responses.set('secrets:get', 'pw');
    ipc.responses.set('external:open', true);
    const api = createDesktopApi(ipc, capabilities);

    expect(await api.getConfig()).toMatchObject({ backendUrl: 'http://127.0.0.1:8787' });
    await api.secrets.storageKind();
    expect(await api.secrets.get('sip.password')).toBe('pw');
    await api.secrets.set('sip.password', 'new');
    await api.secrets.delete('sip.password');
    await api.showNotification({ title: 'Llamada', body: '+34 600' });
    await api.setAgentPresence('on_call');
    expect(await api.openExternal('https://example.com')).toBe(true);

    expect(ipc.invoked).toEqual([
      { channel: 'config:get', args: [] },
      { channel: 'secrets:kind', args: [] },
      { channel: 'secrets:get', args: ['sip.password'] },
      { channel: 'secrets:set', args: ['sip.password', 'new'] },
      { channel: 'secrets:delete', args: ['sip.password'] },
      { channel: 'notification:show', args: [{ title: 'Llamada', body: '+34 600' }] },
      { channel: 'presence:set', args: ['on_call'] },
      { channel: 'external:open', args: ['https://example.com'] },
    ]);
    // Every channel of the contract is reachable from the API, and only those.
    expect(new Set(ipc.invoked.map((call) => call.channel))).toEqual(new Set(Object.keys(invokeChannels)));
  });

  it('delivers events with the payload only, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const api = createDesktopApi(ipc, capabilities);
    const received: unknown[][] = [];
    const unsubscribers = [
      api.onCallShortcut((...args) => received.push(['shortcut', ...args])),
      api.onSystemResume((...args) => received.push(['resume', ...args])),
      api.onScreenLock((...args) => received.push(['lock', ...args])),
    ];
    ipc.emit('shortcut:call', 'answer');
    ipc.emit('system:resume', null);
    ipc.emit('system:screen-lock', true);
    expect(received).toEqual([['shortcut', 'answer'], ['resume'], ['lock', true]]);

    for (const unsubscribe of unsubscribers) {
      unsubscribe();
      unsubscribe(); // twice is harmless
    }
    ipc.emit('shortcut:call', 'hangup');
    expect(received).toHaveLength(3);
    expect(ipc.count('shortcut:call') + ipc.count('system:resume') + ipc.count('system:screen-lock')).toBe(0);
  });

  it('replays a dial link that arrived before the page subscribed, once', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createDesktopApi(ipc, capabilities);
    ipc.emit('dial:request', { number: '+34911222333', source: 'tel' });
    ipc.emit('dial:refused', { source: 'tel', reason: 'too_long', link: 'tel:1111' });

    const requests: unknown[] = [];
    const refusals: unknown[] = [];
    const stop = api.onDialRequest((request) => requests.push(request));
    api.onDialRefused?.((refusal) => refusals.push(refusal));
    await flushMicrotasks();
    expect(requests).toEqual([{ number: '+34911222333', source: 'tel' }]);
    expect(refusals).toEqual([{ source: 'tel', reason: 'too_long', link: 'tel:1111' }]);

    // Live events go straight through and are not buffered again.
    ipc.emit('dial:request', { number: '600', source: 'callto' });
    expect(requests).toHaveLength(2);
    stop();
    const late: unknown[] = [];
    api.onDialRequest((request) => late.push(request));
    await flushMicrotasks();
    expect(late).toEqual([]);
  });

  it('listens only on channels the contract declares', () => {
    const ipc = new FakeIpcRenderer();
    const api = createDesktopApi(ipc, capabilities);
    api.onDialRequest(() => undefined);
    api.onDialRefused?.(() => undefined);
    api.onCallShortcut(() => undefined);
    api.onSystemResume(() => undefined);
    api.onScreenLock(() => undefined);
    expect(new Set(ipc.listeners.keys())).toEqual(new Set(Object.keys(eventChannels)));
  });
});

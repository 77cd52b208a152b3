/**
 * The Electron edition of DesktopApi, built over a minimal ipcRenderer. It never hands the
 * renderer ipcRenderer itself, every listener returns its unsubscribe function, and link
 * events that arrive before the page subscribes are kept and replayed once.
 */
import type { DesktopApi, EventChannel, EventPayload, HostCapabilities, InvokeArgs, InvokeChannel, InvokeResult, Unsubscribe } from '@contract';

/** The slice of Electron's ipcRenderer the API uses (and tests fake). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Events worth replaying to a late subscriber: a link clicked while the app was starting. */
const BUFFERED_EVENTS = ['dial:request', 'dial:refused'] as const satisfies readonly EventChannel[];
type BufferedEvent = (typeof BUFFERED_EVENTS)[number];

export function createDesktopApi(ipc: IpcRendererLike, capabilities: HostCapabilities): DesktopApi {
  const invoke = <C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResult<C>> =>
    ipc.invoke(channel, ...args) as Promise<InvokeResult<C>>;

  const undelivered = new Map<BufferedEvent, unknown>();
  const subscribers = new Map<EventChannel, number>();
  for (const channel of BUFFERED_EVENTS) {
    ipc.on(channel, (_event, payload) => {
      if ((subscribers.get(channel) ?? 0) === 0) undelivered.set(channel, payload);
    });
  }

  function subscribe<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): Unsubscribe {
    // Only the payload crosses the bridge: the IpcRendererEvent (with `sender`) never does.
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload as EventPayload<C>);
    ipc.on(channel, wrapped);
    subscribers.set(channel, (subscribers.get(channel) ?? 0) + 1);
    const buffered = channel as EventChannel as BufferedEvent;
    if (undelivered.has(buffered)) {
      const payload = undelivered.get(buffered);
      undelivered.delete(buffered);
      queueMicrotask(() => listener(payload as EventPayload<C>));
    }
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      ipc.removeListener(channel, wrapped);
      subscribers.set(channel, (subscribers.get(channel) ?? 1) - 1);
    };
  }

  const api: DesktopApi = {
    kind: 'electron',
    capabilities: Object.freeze({ ...capabilities }),
    getConfig: () => invoke('config:get'),
    secrets: Object.freeze({
      storageKind: () => invoke('secrets:kind'),
      get: (key: string) => invoke('secrets:get', key),
      set: (key: string, value: string) => invoke('secrets:set', key, value),
      delete: (key: string) => invoke('secrets:delete', key),
    }),
    onDialRequest: (listener) => subscribe('dial:request', listener),
    onDialRefused: (listener) => subscribe('dial:refused', listener),
    onCallShortcut: (listener) => subscribe('shortcut:call', listener),
    onSystemResume: (listener) => subscribe('system:resume', () => listener()),
    onScreenLock: (listener) => subscribe('system:screen-lock', listener),
    showNotification: (notification) => invoke('notification:show', notification),
    setAgentPresence: (presence) => invoke('presence:set', presence),
    openExternal: (url) => invoke('external:open', url),
  };
  return Object.freeze(api);
}

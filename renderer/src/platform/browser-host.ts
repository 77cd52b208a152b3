/**
 * The browser edition of DesktopApi: a supported host for agents who run Centralita in a
 * plain Chromium tab, built only on web APIs. What a browser cannot do (OS-wide shortcuts,
 * tel: links, tray, screen-lock events, an OS keychain) is reported in `capabilities` so the
 * UI can say so instead of pretending.
 *
 * Call shortcuts while the tab is focused: Ctrl+Alt+A answer, Ctrl+Alt+H hang up,
 * Ctrl+Alt+M mute, Ctrl+Alt+P hold (the same keys as the Electron edition's global ones).
 */
import type { AgentPresence, CallShortcut, DesktopApi, DialRequest, HostCapabilities, HostConfig, Unsubscribe } from '@contract';
import { nativeNotificationSchema } from '@contract';
import { callShortcutForKey } from './call-shortcut-keys';
import { createEmitter } from './emitter';
import { safeExternalUrl } from './external-url';
import { hostConfigFromServer, HostConfigError } from './host-config';
import { createMemorySecrets } from './memory-secrets';
import { createWakeDetector } from './wake-detector';

/** How often the sleep detector's timer ticks. */
export const WAKE_CHECK_PERIOD_MS = 5_000;

/** The Notification constructor, where the browser has one (not in insecure contexts, for one). */
function notificationApi(win: Window): typeof Notification | null {
  return (win as Window & { Notification?: typeof Notification }).Notification ?? null;
}

export function browserCapabilities(win: Window): HostCapabilities {
  return {
    secureSecretStorage: false,
    globalShortcuts: false,
    protocolLinks: false,
    tray: false,
    powerEvents: false,
    notifications: (notificationApi(win)?.permission ?? 'denied') !== 'denied',
  };
}

export function createBrowserHost(win: Window): DesktopApi {
  const resume = createEmitter<void>();
  const shortcuts = createEmitter<CallShortcut>();
  const dialRequests = createEmitter<DialRequest>();
  let config: Promise<HostConfig> | null = null;

  // Resume signals: the network came back, or the timer noticed the machine slept.
  win.addEventListener('online', () => resume.emit());
  const wake = createWakeDetector(WAKE_CHECK_PERIOD_MS, Date.now(), () => resume.emit());
  win.setInterval(() => wake.tick(Date.now()), WAKE_CHECK_PERIOD_MS);

  win.addEventListener('keydown', (event) => {
    const shortcut = callShortcutForKey(event);
    if (shortcut === null || shortcuts.size === 0) return;
    event.preventDefault();
    shortcuts.emit(shortcut);
  });

  async function loadConfig(): Promise<HostConfig> {
    const origin = win.location.origin;
    let reply: Response;
    try {
      reply = await win.fetch(`${origin}/api/config`, { headers: { accept: 'application/json' }, cache: 'no-store' });
    } catch (cause) {
      throw new HostConfigError(`Could not reach the Centralita server at ${origin}`, { cause });
    }
    if (!reply.ok) throw new HostConfigError(`The Centralita server answered ${reply.status} to /api/config`);
    return hostConfigFromServer(await reply.json(), origin, win.navigator.language);
  }

  async function showNotification(input: Parameters<DesktopApi['showNotification']>[0]): Promise<void> {
    const notification = nativeNotificationSchema.parse(input);
    const Api = notificationApi(win);
    if (Api === null) return;
    let permission = Api.permission;
    if (permission === 'default') permission = await Api.requestPermission();
    if (permission !== 'granted') return;
    new Api(notification.title, { body: notification.body, ...(notification.tag ? { tag: notification.tag } : {}) });
  }

  const host = {
    kind: 'browser',
    capabilities: browserCapabilities(win),
    getConfig() {
      // A failed load is not cached: the next call tries again.
      config ??= loadConfig().catch((error: unknown) => {
        config = null;
        throw error;
      });
      return config;
    },
    secrets: createMemorySecrets(),
    // A browser tab cannot become the tel:/sip:/callto: handler; nothing is ever emitted.
    onDialRequest: (listener: (request: DialRequest) => void): Unsubscribe => dialRequests.subscribe(listener),
    onCallShortcut: (listener: (shortcut: CallShortcut) => void): Unsubscribe => shortcuts.subscribe(listener),
    onSystemResume: (listener: () => void): Unsubscribe => resume.subscribe(listener),
    // Browsers expose no screen-lock event; `capabilities.powerEvents` is false.
    onScreenLock: (_listener: (locked: boolean) => void): Unsubscribe => () => undefined,
    showNotification,
    // No tray in a tab (`capabilities.tray` is false); the workspace header shows the presence.
    setAgentPresence: (_presence: AgentPresence) => Promise.resolve(),
    openExternal(url: string) {
      const safe = safeExternalUrl(url);
      if (safe === null) return Promise.resolve(false);
      // With noopener, window.open returns null even on success, so there is nothing to check.
      win.open(safe, '_blank', 'noopener,noreferrer');
      return Promise.resolve(true);
    },
  } satisfies DesktopApi;
  return host;
}

/**
 * The one door from the renderer to native features. The preload implements it
 * over IPC (Electron edition); renderer/src/platform/browser-host.ts implements it
 * with web APIs (browser edition). The renderer never imports Electron or Node.
 */
import type { AgentPresence, CallShortcut, DialRefusal, DialRequest, HostConfig, NativeNotification, SecretStorageKind } from './ipc';

export type Unsubscribe = () => void;

/** Which native features this host really provides; the UI says what is missing. */
export interface HostCapabilities {
  secureSecretStorage: boolean;
  globalShortcuts: boolean;
  protocolLinks: boolean;
  tray: boolean;
  powerEvents: boolean;
  notifications: boolean;
}

export interface DesktopApi {
  readonly kind: 'electron' | 'browser';
  readonly capabilities: HostCapabilities;
  /** Backend and SIP endpoints the renderer should use. */
  getConfig(): Promise<HostConfig>;
  secrets: {
    /** Where secrets live: OS keychain, Linux `basic_text` (weak: warn), or memory for the session. */
    storageKind(): Promise<SecretStorageKind>;
    get(key: string): Promise<string | null>;
    set(key: string, value: string): Promise<void>;
    delete(key: string): Promise<void>;
  };
  /** tel:/sip:/callto: links, already parsed strictly. They prefill the dialer and never dial. */
  onDialRequest(listener: (request: DialRequest) => void): Unsubscribe;
  /** Links that failed strict parsing (junk, over-long): show why; nothing is dialled. Optional: only hosts that receive links. */
  onDialRefused?(listener: (refusal: DialRefusal) => void): Unsubscribe;
  /** Call actions from OS-wide shortcuts (Electron) or in-page keys (browser). */
  onCallShortcut(listener: (shortcut: CallShortcut) => void): Unsubscribe;
  /** System resume / network change: the softphone re-registers at once. */
  onSystemResume(listener: () => void): Unsubscribe;
  onScreenLock(listener: (locked: boolean) => void): Unsubscribe;
  showNotification(notification: NativeNotification): Promise<void>;
  setAgentPresence(presence: AgentPresence): Promise<void>;
  /** Opens http(s)/mailto links in the system browser after validation. */
  openExternal(url: string): Promise<boolean>;
}

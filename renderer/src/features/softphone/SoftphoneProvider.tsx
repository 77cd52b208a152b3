/**
 * Runs one softphone engine for the given settings and shares it with the dock and hooks.
 * New settings (another agent, another PBX) replace the engine; unmounting stops it.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopApi } from '@contract';
import { afterCallWorkOnEnd, offersCalls } from './agent-state';
import { idsOf, loadStoredChoice, manageAudioDevices } from './audio-device-manager';
import { SoftphoneEngine, type EngineOptions, type IncomingCallSignal } from './engine/softphone-engine';
import type { SoftphoneSettings } from './engine/types';
import { SoftphoneContext, type SoftphoneRuntime } from './context';
import { bindEngine, createSoftphoneStore, INITIAL_STATE } from './store';

/** The parts of DesktopApi the phone uses: resume signals, call shortcuts, notifications. */
export type SoftphoneHost = Partial<Pick<DesktopApi, 'onSystemResume' | 'onCallShortcut' | 'showNotification'>>;

export interface SoftphoneProviderProps {
  /** Null until the agent signed in and the password came from DesktopApi secrets. */
  settings: SoftphoneSettings | null;
  host?: SoftphoneHost;
  engineOptions?: EngineOptions;
  /** Agents: after-call work starts by itself when the last answered call ends. */
  afterCallWork?: boolean;
  /** Test harnesses only: puts the engine on `window.centralitaSoftphone` to read RTP stats. */
  exposeEngine?: boolean;
  children: ReactNode;
}

declare global {
  interface Window {
    centralitaSoftphone?: SoftphoneEngine;
  }
}

export function SoftphoneProvider({ settings, host, engineOptions, afterCallWork = false, exposeEngine = false, children }: SoftphoneProviderProps) {
  const { t } = useTranslation('softphone');
  const [store] = useState(() => {
    const created = createSoftphoneStore();
    created.setState({ audio: { ...created.getState().audio, choice: loadStoredChoice() } });
    return created;
  });
  const engineRef = useRef<SoftphoneEngine | null>(null);
  const [incomingListeners] = useState(() => new Set<(call: IncomingCallSignal) => void>());
  const runtime = useMemo<SoftphoneRuntime>(() => ({
    store,
    engine: () => engineRef.current,
    subscribeIncoming: (listener) => {
      incomingListeners.add(listener);
      return () => incomingListeners.delete(listener);
    },
  }), [store, incomingListeners]);
  const settingsKey = settings ? JSON.stringify(settings) : null;
  const hostRef = useRef(host);
  hostRef.current = host;
  const optionsRef = useRef(engineOptions);
  optionsRef.current = engineOptions;
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    if (settingsKey === null) return undefined;
    const engine = new SoftphoneEngine(JSON.parse(settingsKey) as SoftphoneSettings, {
      ...optionsRef.current,
      // Not available (paused, after-call work) → new calls get 486 Busy Here.
      acceptIncoming: () => offersCalls(store.getState().agent) && (optionsRef.current?.acceptIncoming?.() ?? true),
      onIncomingCall: (call) => {
        for (const listener of incomingListeners) listener(call);
        optionsRef.current?.onIncomingCall?.(call);
      },
    });
    engineRef.current = engine;
    void engine.setAudioDevices(idsOf(store.getState().audio.choice));
    if (exposeEngine) window.centralitaSoftphone = engine;
    const unbind = bindEngine(store, engine);
    const currentHost = hostRef.current;
    const onResume = (): void => engine.reRegisterNow();
    // Without a DesktopApi (a bare page), the browser's own signal still works.
    const offResume = currentHost?.onSystemResume?.(onResume) ?? listenOnline(onResume);
    const offRinging = notifyRinging(store, (name) => {
      // Not in the INVITE's own task: that task ends with the screen pop's render, and the
      // notification (about a millisecond) can wait for the frame. The ringtone is not deferred.
      afterNextFrame(() => {
        void currentHost?.showNotification?.({ title: tRef.current('notification.incomingTitle'), body: name, tag: 'softphone-incoming' }).catch(() => undefined);
      });
    });
    const unlock = (): void => engine.unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    void engine.start();
    return () => {
      offRinging();
      offResume();
      unbind();
      window.removeEventListener('pointerdown', unlock);
      engineRef.current = null;
      if (window.centralitaSoftphone === engine) delete window.centralitaSoftphone;
      void engine.stop();
      const { agent, callRecords, audio, handoffSource } = store.getState();
      store.setState({ ...INITIAL_STATE, agent, callRecords, audio, handoffSource });
    };
  }, [settingsKey, store, exposeEngine, incomingListeners]);

  useEffect(() => manageAudioDevices(store, () => engineRef.current), [store]);

  useEffect(() => {
    if (!afterCallWork) return undefined;
    return store.subscribe((state, previous) => {
      const next = afterCallWorkOnEnd(previous.lines, state.lines, state.agent, Date.now());
      if (next) store.setState({ agent: next });
    });
  }, [afterCallWork, store]);

  return <SoftphoneContext.Provider value={runtime}>{children}</SoftphoneContext.Provider>;
}

function listenOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
}

/**
 * Runs `run` once the next frame is painted; at once in a hidden window (no frame to wait for,
 * and that is when the notification matters most), and after 100 ms at the latest.
 */
function afterNextFrame(run: () => void): void {
  if (typeof document === 'undefined' || document.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function') {
    run();
    return;
  }
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

/** Calls `notify` once per call that starts ringing (by the line's start time). */
function notifyRinging(store: SoftphoneRuntime['store'], notify: (remote: string) => void): () => void {
  const seen = new Set<number>();
  return store.subscribe((state) => {
    for (const line of state.lines) {
      if (line.status !== 'ringing' || line.startedAt === null || seen.has(line.startedAt)) continue;
      seen.add(line.startedAt);
      notify(line.remoteName ?? line.remoteNumber ?? '');
    }
  });
}

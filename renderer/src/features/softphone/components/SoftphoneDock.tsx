import { memo, useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SoftphoneContext } from '../context';
import { actionForShortcut, type DockShortcut } from '../engine/call-actions';
import { LINE_IDS, type SoftphoneSettings } from '../engine/types';
import { useActionError, useSoftphoneActions, type SoftphoneActions } from '../hooks';
import { SoftphoneProvider, type SoftphoneHost } from '../SoftphoneProvider';
import type { PauseReason } from '../agent-state';
import { AgentStateControl } from './AgentStateControl';
import { AudioDevicesPanel } from './AudioDevicesPanel';
import { SelfTestPanel } from './SelfTestPanel';
import { Dialer } from './Dialer';
import { LineAnnouncer } from './LineAnnouncer';
import { LineCard } from './LineCard';
import { useLinesReader } from './line-selectors';
import { RegistrationBanner } from './RegistrationBanner';
import './softphone.css';

export interface SoftphoneDockProps {
  /** Needed only when the dock is not already inside a <SoftphoneProvider>. */
  settings?: SoftphoneSettings | null;
  host?: SoftphoneHost;
  /** Prefills the dialer (tel: links); never dials by itself. */
  initialNumber?: string;
  /** Agents: shows the availability control with these pause reasons (from the backend's list). */
  pauseReasons?: readonly PauseReason[];
}

/**
 * The agent's phone: registration banner, dialer, two lines with their call controls. The dock
 * itself follows no line: each part reads what it shows, so a ring re-renders the ringing line.
 */
export const SoftphoneDock = memo(function SoftphoneDock({ settings = null, host, initialNumber, pauseReasons }: SoftphoneDockProps) {
  const inProvider = useContext(SoftphoneContext) !== null;
  const body = <DockBody host={host} initialNumber={initialNumber} pauseReasons={pauseReasons} />;
  if (inProvider) return body;
  return (
    <SoftphoneProvider settings={settings} host={host}>
      {body}
    </SoftphoneProvider>
  );
});

function DockBody({ host, initialNumber, pauseReasons }: Pick<SoftphoneDockProps, 'host' | 'initialNumber' | 'pauseReasons'>) {
  const { t } = useTranslation('softphone');
  const dialerRef = useRef<HTMLInputElement | null>(null);
  const actions = useSoftphoneActions();
  const error = useActionError();
  useCallShortcuts(host, actions, () => dialerRef.current?.focus());

  return (
    <div className="softphone-dock" role="region" aria-label={t('dock.label')}>
      <RegistrationBanner />
      {pauseReasons && <AgentStateControl reasons={pauseReasons} />}
      <Dialer inputRef={dialerRef} initialNumber={initialNumber} />
      {error && (
        <p className="softphone-error" role="alert">
          {t(error.key, { defaultValue: t('error.generic') })}
        </p>
      )}
      <div className="softphone-lines">
        {LINE_IDS.map((line) => (
          <LineCard key={line} line={line} />
        ))}
      </div>
      <AudioDevicesPanel />
      <SelfTestPanel />
      <LineAnnouncer />
      <p className="softphone-hint">{t('shortcuts')}</p>
    </div>
  );
}

/**
 * Call shortcuts from the host (OS-wide in Electron, in-page in the browser edition) plus the
 * dock's own: Ctrl+Alt+D declines, Ctrl+Alt+T opens the transfer form, Ctrl+Alt+J completes an
 * attended transfer, Ctrl+Alt+C joins or splits a conference, Ctrl+Alt+N focuses the dialer, Ctrl+Alt+R makes the agent available again.
 */
function useCallShortcuts(host: SoftphoneHost | undefined, actions: SoftphoneActions, focusDialer: () => void): void {
  // The lines are read when a shortcut comes, not subscribed to: a ring must not re-render the dock.
  const readLines = useLinesReader();
  const latest = useRef({ readLines, actions, focusDialer });
  latest.current = { readLines, actions, focusDialer };

  useEffect(() => {
    const perform = (shortcut: DockShortcut): void => {
      const { readLines, actions: act } = latest.current;
      const action = actionForShortcut(shortcut, readLines());
      if (!action) return;
      if (!('line' in action)) void act[action.kind]();
      else if (action.kind === 'mute') void act.setMuted(action.line, action.muted);
      else if (action.kind === 'openTransfer') act.openTransfer(action.line);
      else void act[action.kind](action.line);
    };
    const offHost = host?.onCallShortcut?.(perform);
    const onKey = (event: KeyboardEvent): void => {
      if (!event.ctrlKey || !event.altKey || event.shiftKey || event.metaKey || event.repeat) return;
      const own: Partial<Record<string, DockShortcut>> = { KeyD: 'decline', KeyT: 'transfer', KeyJ: 'completeTransfer', KeyC: 'conference' };
      const shortcut = own[event.code];
      if (shortcut) {
        event.preventDefault();
        perform(shortcut);
      } else if (event.code === 'KeyN') {
        event.preventDefault();
        latest.current.focusDialer();
      } else if (event.code === 'KeyR') {
        event.preventDefault();
        latest.current.actions.setAgentMode({ mode: 'available' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      offHost?.();
      window.removeEventListener('keydown', onKey);
    };
  }, [host]);
}



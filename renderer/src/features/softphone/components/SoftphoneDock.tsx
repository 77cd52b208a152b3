import { useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallShortcut } from '@contract';
import { SoftphoneContext } from '../context';
import { actionForShortcut } from '../engine/call-actions';
import { LINE_IDS, type SoftphoneSettings } from '../engine/types';
import { useActionError, useLines, useSoftphoneActions, type SoftphoneActions } from '../hooks';
import { SoftphoneProvider, type SoftphoneHost } from '../SoftphoneProvider';
import { Dialer } from './Dialer';
import { LineAnnouncer } from './LineAnnouncer';
import { LineCard } from './LineCard';
import { RegistrationBanner } from './RegistrationBanner';
import './softphone.css';

export interface SoftphoneDockProps {
  /** Needed only when the dock is not already inside a <SoftphoneProvider>. */
  settings?: SoftphoneSettings | null;
  host?: SoftphoneHost;
  /** Prefills the dialer (tel: links); never dials by itself. */
  initialNumber?: string;
}

/** The agent's phone: registration banner, dialer, two lines with their call controls. */
export function SoftphoneDock({ settings = null, host, initialNumber }: SoftphoneDockProps) {
  const inProvider = useContext(SoftphoneContext) !== null;
  const body = <DockBody host={host} initialNumber={initialNumber} />;
  if (inProvider) return body;
  return (
    <SoftphoneProvider settings={settings} host={host}>
      {body}
    </SoftphoneProvider>
  );
}

function DockBody({ host, initialNumber }: { host?: SoftphoneHost; initialNumber?: string }) {
  const { t } = useTranslation('softphone');
  const dialerRef = useRef<HTMLInputElement | null>(null);
  const actions = useSoftphoneActions();
  const error = useActionError();
  useCallShortcuts(host, actions, () => dialerRef.current?.focus());

  return (
    <div className="softphone-dock" role="region" aria-label={t('dock.label')}>
      <RegistrationBanner />
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
      <LineAnnouncer />
      <p className="softphone-hint">{t('shortcuts')}</p>
    </div>
  );
}

/**
 * Call shortcuts from the host (OS-wide in Electron, in-page in the browser edition) plus the
 * dock's own: Ctrl+Alt+D declines, Ctrl+Alt+N focuses the dialer.
 */
function useCallShortcuts(host: SoftphoneHost | undefined, actions: SoftphoneActions, focusDialer: () => void): void {
  const lines = useLines();
  const latest = useRef({ lines, actions, focusDialer });
  latest.current = { lines, actions, focusDialer };

  useEffect(() => {
    const perform = (shortcut: CallShortcut | 'decline'): void => {
      const { lines: current, actions: act } = latest.current;
      const action = actionForShortcut(shortcut, current);
      if (!action) return;
      if (action.kind === 'mute') void act.setMuted(action.line, action.muted);
      else void act[action.kind](action.line);
    };
    const offHost = host?.onCallShortcut?.(perform);
    const onKey = (event: KeyboardEvent): void => {
      if (!event.ctrlKey || !event.altKey || event.shiftKey || event.metaKey || event.repeat) return;
      if (event.code === 'KeyD') {
        event.preventDefault();
        perform('decline');
      } else if (event.code === 'KeyN') {
        event.preventDefault();
        latest.current.focusDialer();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      offHost?.();
      window.removeEventListener('keydown', onKey);
    };
  }, [host]);
}



import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentPresence } from '@contract';
import { Button } from '@components/Button';
import { Dialog } from '@components/Dialog';
import { Logo } from '@components/Logo';
import { desktop } from '@platform/desktop';
import { useAgentPresence } from '../phone/presence';
import { useSessionUser } from '../session';
import { useSignOut } from './useSignOut';
import { PresenceBadge } from './PresenceBadge';
import type { SyncLifecycle } from '../sync/useSyncLifecycle';
import { SyncStatusSlot } from './SyncStatusSlot';
import { LEAD_HASH, mayLead } from '../lead/route';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** Presence follows the phone and the agent state (app/phone/presence.ts). */
function usePresence(): AgentPresence {
  return useAgentPresence();
}

/**
 * The header. Only its small parts follow the phone (presence, sign-out's "on a call" check), so
 * a ringing line re-renders those alone, not the header and its sync status.
 */
export const TopBar = memo(function TopBar({ onOpenSettings, syncLifecycle }: { onOpenSettings: () => void; syncLifecycle: SyncLifecycle }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  if (!user) return null;

  return (
    <header className="topbar">
      <div className="topbar__brand">
        <Logo size={32} />
        <span className="topbar__name">{t('app.name')}</span>
      </div>
      <SyncStatusSlot lifecycle={syncLifecycle} />
      <div className="topbar__end">
        <PresenceSlot />
        <div className="agent" title={t('workspace.signedInAs', { name: user.displayName })}>
          <span className="agent__avatar" aria-hidden="true">
            {initials(user.displayName)}
          </span>
          <span className="agent__text">
            <span className="agent__name">{user.displayName}</span>
            <span className="agent__role">{t(`workspace.roles.${user.role}`)}</span>
          </span>
        </div>
        {mayLead(user.role) && (
          <a className="button button--ghost" href={LEAD_HASH}>
            {t('nav.toLead', { ns: 'outcomes' })}
          </a>
        )}
        <Button variant="ghost" onClick={onOpenSettings} aria-haspopup="dialog">
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
            <circle cx="10" cy="10" r="2.6" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M10 2.5v2.2M10 15.3v2.2M2.5 10h2.2M15.3 10h2.2M4.7 4.7l1.6 1.6M13.7 13.7l1.6 1.6M4.7 15.3l1.6-1.6M13.7 6.3l1.6-1.6" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          {t('workspace.settings')}
        </Button>
        <SignOutControl />
      </div>
    </header>
  );
});

function PresenceSlot() {
  const presence = usePresence();
  useEffect(() => {
    void desktop.setAgentPresence(presence);
  }, [presence]);
  return <PresenceBadge presence={presence} />;
}

/** Sign-out, with the confirmation asked when a call is up. */
function SignOutControl() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <>
      <Button variant="secondary" busy={signOut.busy} onClick={signOut.request}>
        {t('workspace.signOut')}
      </Button>
      <Dialog open={signOut.confirming} title={t('workspace.signOutOnCall.title')} closeLabel={t('settings.close')} onClose={signOut.cancel}>
        <p>{t('workspace.signOutOnCall.body')}</p>
        <div className="dialog__actions">
          <Button variant="secondary" onClick={signOut.cancel}>
            {t('workspace.signOutOnCall.stay')}
          </Button>
          <Button variant="primary" onClick={signOut.confirm}>
            {t('workspace.signOutOnCall.confirm')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

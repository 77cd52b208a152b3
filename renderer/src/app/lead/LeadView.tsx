import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Logo } from '@components/Logo';
import { LeadWorkspace, type ServerAccess } from '@features/outcomes';
import { desktop } from '@platform/desktop';
import { currentAccessToken, useSessionUser } from '../session';
import { AGENT_HASH, mayLead } from './route';

function useBackendUrl(): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void desktop.getConfig().then((config) => live && setUrl(config.backendUrl));
    return () => {
      live = false;
    };
  }, []);
  return url;
}

/** Nothing for agents: a short notice and the way back, and no request for lead data at all. */
function NotForThisRole() {
  const { t } = useTranslation('outcomes');
  return (
    <main className="lead-denied" id="lead-main">
      <h1>{t('denied.title')}</h1>
      <p>{t('denied.body')}</p>
      <a href={AGENT_HASH}>{t('denied.back')}</a>
    </main>
  );
}

/** The team-lead workspace view (`#/lead`). The agent workspace stays mounted behind it. */
export function LeadView() {
  const { t } = useTranslation('outcomes');
  const user = useSessionUser();
  const backendUrl = useBackendUrl();
  const access = useMemo<ServerAccess | null>(() => (backendUrl ? { backendUrl, getAccessToken: currentAccessToken } : null), [backendUrl]);
  if (!user) return null;
  if (!mayLead(user.role)) return <NotForThisRole />;
  return (
    <div className="lead-view">
      <header className="topbar">
        <div className="topbar__brand">
          <Logo size={32} />
          <span className="topbar__name">{t('title')}</span>
        </div>
        <div className="topbar__end">
          <span className="lead-view__user">{t('nav.signedInAs', { name: user.displayName })}</span>
          <a className="button button--secondary" href={AGENT_HASH}>
            {t('nav.toAgent')}
          </a>
        </div>
      </header>
      <main className="lead-view__main" id="lead-main">
        <h1 className="visually-hidden">{t('title')}</h1>
        {access && <LeadWorkspace access={access} isAdmin={user.role === 'admin'} />}
      </main>
    </div>
  );
}

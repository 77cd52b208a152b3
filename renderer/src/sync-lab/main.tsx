/** Sync lab: a bare page with the SyncStatus control and `window.__centralitaSync` for e2e tests. */
import i18next from 'i18next';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { useSyncExternalStore } from 'react';
import { SyncStatus, syncResources, SYNC_NAMESPACE, useCustomerRecord, useCustomerTimeline, useSyncSession } from '@features/sync';
import { createLabApi, type LabApi } from './lab-api';
import { getWatchedCustomer, subscribeWatchedCustomer } from './watch';

declare global {
  interface Window {
    __centralitaSync?: LabApi;
  }
}

/** What an open card would show for the watched id: the live customer read and its timeline. */
function WatchedCustomer() {
  const watched = useSyncExternalStore(subscribeWatchedCustomer, getWatchedCustomer);
  const customer = useCustomerRecord(watched);
  const timeline = useCustomerTimeline(watched);
  if (!watched) return null;
  return (
    <section aria-label="Watched customer">
      <p data-testid="watched-customer" data-customer-id={customer?.id ?? ''}>{customer ? customer.displayName : 'not cached'}</p>
      <p data-testid="watched-timeline" data-count={timeline?.length ?? 0}>{timeline?.length ?? 0} interactions</p>
    </section>
  );
}

function Lab() {
  const session = useSyncSession();
  return (
    <>
      <h1>Sync lab</h1>
      <p data-testid="lab-user">{session ? session.store.userId : 'signed out'}</p>
      <SyncStatus />
      <WatchedCustomer />
    </>
  );
}

async function boot(): Promise<void> {
  const language = new URLSearchParams(window.location.search).get('lang') === 'es' ? 'es' : 'en';
  document.documentElement.lang = language;
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: { en: { [SYNC_NAMESPACE]: syncResources.en }, es: { [SYNC_NAMESPACE]: syncResources.es } },
    lng: language,
    fallbackLng: 'en',
    ns: [SYNC_NAMESPACE],
    defaultNS: SYNC_NAMESPACE,
    interpolation: { escapeValue: false },
  });
  createRoot(document.getElementById('root')!).render(
    <I18nextProvider i18n={i18n}>
      <Lab />
    </I18nextProvider>,
  );
  window.__centralitaSync = createLabApi(() => undefined);
  document.body.dataset.labReady = 'true';
}

void boot();

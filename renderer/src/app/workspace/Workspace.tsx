import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@components/EmptyState';
import { CustomerCardArea, useCurrentCallContext, type CustomerCardAreaProps } from '@features/customer-card';
import { WorkQueuePanel } from '@features/queues';
import { ScriptPanel, currentScriptWrapup, finishScriptRun, focusScriptStep, useScriptWrapup } from '@features/scripts';
import { SoftphoneProvider } from '@features/softphone';
import { desktop } from '@platform/desktop';
import { usePhoneSetup } from '../phone/usePhoneSetup';
import { currentAccessToken, useSessionUser } from '../session';
import { useSyncLifecycle } from '../sync/useSyncLifecycle';
import { SettingsDialog } from '../settings/SettingsDialog';
import { PhonePanel } from './PhonePanel';
import { TopBar } from './TopBar';

const CUSTOMER_AREA_ID = 'customer-card';

/** The wrap-up reads the call's script (required answers block saving; answers are saved with it). */
const wrapupScript: NonNullable<CustomerCardAreaProps['wrapupScript']> = {
  useForCall: useScriptWrapup,
  read: currentScriptWrapup,
  focusStep: focusScriptStep,
  finish: finishScriptRun,
};

/** The agent's workspace frame: phone dock, customer card, work queue, with the header above. */
export function Workspace() {
  const { t } = useTranslation();
  const setup = usePhoneSetup();
  const syncLifecycle = useSyncLifecycle(useSessionUser()?.id ?? null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const openSettings = useCallback(() => setSettingsOpen(true), []);

  return (
    <SoftphoneProvider settings={setup?.ready ? setup.settings : null} host={desktop} afterCallWork>
      <div className="workspace">
        <a className="skip-link" href={`#${CUSTOMER_AREA_ID}`}>
          {t('workspace.skipToContent')}
        </a>
        <TopBar onOpenSettings={openSettings} syncLifecycle={syncLifecycle} />
        <div className="workspace__grid">
          <PhonePanel setup={setup} onOpenSettings={openSettings} />
          <main id={CUSTOMER_AREA_ID} className="workspace__customer panel" tabIndex={-1} aria-labelledby={`${CUSTOMER_AREA_ID}-title`}>
            <div className="panel__header">
              <h1 id={`${CUSTOMER_AREA_ID}-title`} className="panel__title">
                {t('workspace.customer.title')}
              </h1>
            </div>
            <div className="panel__body">
              <CustomerCardArea
                getAccessToken={currentAccessToken}
                wrapupScript={wrapupScript}
                idle={
                  <EmptyState
                    title={t('workspace.customer.emptyTitle')}
                    icon={
                      <svg viewBox="0 0 24 24" width="32" height="32" focusable="false">
                        <rect x="3" y="4.5" width="18" height="15" rx="2.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
                        <circle cx="9" cy="11" r="2.3" fill="none" stroke="currentColor" strokeWidth="1.5" />
                        <path d="M5.8 16.5c.6-1.7 1.8-2.6 3.2-2.6s2.6.9 3.2 2.6M14 10h4M14 13.5h3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
                      </svg>
                    }
                  >
                    {t('workspace.customer.emptyBody')}
                  </EmptyState>
                }
              />
            </div>
            <ScriptPanel getAccessToken={currentAccessToken} useCallContext={useCurrentCallContext} />
          </main>
          <WorkQueuePanel className="workspace__queue" getAccessToken={currentAccessToken} />
        </div>
        <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      </div>
    </SoftphoneProvider>
  );
}

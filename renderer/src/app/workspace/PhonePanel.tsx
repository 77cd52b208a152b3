import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@components/Alert';
import { Button } from '@components/Button';
import { Panel } from '@components/Panel';
import { SoftphoneDock } from '@features/softphone';
import { desktop } from '@platform/desktop';
import { usePauseReasons } from '../phone/pause-reasons';
import { usePresencePublisher } from '../phone/presence';
import type { PhoneSetup } from '../phone/softphone-settings';
import { useInteractionRecorder } from '../phone/useInteractionRecorder';

interface PhonePanelProps {
  setup: PhoneSetup | null;
  onOpenSettings: () => void;
}

/**
 * The softphone dock, with a plain explanation above it while the phone cannot start. It also
 * wires the phone to the rest of the app: call records, presence, pause reasons.
 */
export const PhonePanel = memo(function PhonePanel({ setup, onOpenSettings }: PhonePanelProps) {
  const { t } = useTranslation();
  const pauseReasons = usePauseReasons();
  return (
    <Panel as="aside" title={t('workspace.phone.title')} className="workspace__phone">
      <PhoneWiring />
      {setup !== null && !setup.ready && (
        <div className="phone-setup">
          <Alert tone="info">{t(`workspace.phone.gaps.${setup.gap}`)}</Alert>
          {setup.gap === 'no_password' && (
            <Button variant="secondary" onClick={onOpenSettings} aria-haspopup="dialog">
              {t('workspace.phone.openSettings')}
            </Button>
          )}
        </div>
      )}
      <SoftphoneDock host={desktop} pauseReasons={pauseReasons} />
    </Panel>
  );
});

/**
 * Call records and presence follow every line change: they live in this empty component so a
 * ringing line re-renders it alone, not the panel and the whole dock with it (the screen pop
 * paints in the same frames).
 */
function PhoneWiring(): null {
  useInteractionRecorder();
  usePresencePublisher();
  return null;
}

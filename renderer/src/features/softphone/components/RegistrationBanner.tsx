import { useTranslation } from 'react-i18next';
import { useOwnExtension, useRegistrationState, useSoftphoneActions } from '../hooks';

/** Always visible: the agent sees a lost connection, not a dead phone. */
export function RegistrationBanner() {
  const { t } = useTranslation('softphone');
  const extension = useOwnExtension();
  const registration = useRegistrationState();
  const { reRegister } = useSoftphoneActions();
  const tone = registration.status === 'registered' ? 'ok' : registration.status === 'failed' || registration.status === 'reconnecting' ? 'alert' : 'info';
  return (
    <div className={`softphone-banner softphone-banner--${tone}`} role="status" data-registration={registration.status}>
      <span>
        {t(`registration.${registration.status}`, { extension, attempt: registration.attempt, error: registration.error ?? '' })}
      </span>
      {(registration.status === 'failed' || registration.status === 'reconnecting') && (
        <button type="button" className="softphone-button softphone-button--small" onClick={reRegister}>
          {t('registration.retry')}
        </button>
      )}
    </div>
  );
}

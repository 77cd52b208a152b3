import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIO_ROLES, devicesFor, type AudioRole } from '../engine/audio-devices';
import { useAudioDeviceActions, useAudioDevices } from '../hooks';

/**
 * Microphone, speaker and ringer, chosen separately. New devices appear as soon as they are
 * plugged in; a chosen device that disappears is replaced by the default, and this says so.
 */
export function AudioDevicesPanel() {
  const { t } = useTranslation('softphone');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const { lost } = useAudioDevices();
  const { revealLabels, dismissLost } = useAudioDeviceActions();

  return (
    <div className="softphone-devices">
      {lost.length > 0 && (
        <div className="softphone-line__warning" role="alert">
          {lost.map((device) => (
            <p key={device.role} className="softphone-devices__lost">
              {t('devices.lost', { device: device.label || t('devices.unnamed'), role: t(`devices.role.${device.role}`) })}
            </p>
          ))}
          <button type="button" className="softphone-button softphone-button--small" onClick={dismissLost}>
            {t('devices.dismiss')}
          </button>
        </div>
      )}
      <button
        type="button"
        className="softphone-button softphone-button--small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          if (!open) void revealLabels();
          setOpen(!open);
        }}
      >
        {t('devices.title')}
      </button>
      <div id={panelId} hidden={!open} className="softphone-devices__panel">
        {AUDIO_ROLES.map((role) => (
          <DeviceSelect key={role} role={role} />
        ))}
      </div>
    </div>
  );
}

function DeviceSelect({ role }: { role: AudioRole }) {
  const { t } = useTranslation('softphone');
  const id = useId();
  const { devices, choice } = useAudioDevices();
  const { choose } = useAudioDeviceActions();
  const options = devicesFor(role, devices);
  return (
    <div className="softphone-devices__field">
      <label htmlFor={id}>{t(`devices.role.${role}`)}</label>
      <select id={id} value={choice[role].deviceId} onChange={(event) => choose(role, event.target.value)}>
        <option value="">{t('devices.systemDefault')}</option>
        {options.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t('devices.numbered', { number: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}

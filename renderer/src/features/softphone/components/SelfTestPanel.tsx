import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAudioDevices, useRegistrationState, useServerUrl } from '../hooks';
import { CHECK_IDS, measureMicrophone, micVerdict, playTestTone, probeWebSocket, type CheckId, type CheckResult } from '../self-test';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The pre-shift check: runs the checks one after the other and shows each result as it comes. */
export function SelfTestPanel() {
  const { t } = useTranslation('softphone');
  const { choice } = useAudioDevices();
  const registration = useRegistrationState();
  const serverUrl = useServerUrl();
  const [results, setResults] = useState<CheckResult[] | null>(null);
  const [running, setRunning] = useState(false);

  const run = async (): Promise<void> => {
    setRunning(true);
    const current: CheckResult[] = CHECK_IDS.map((id) => ({ id, status: 'pending', detail: '' }));
    const set = (id: CheckId, patch: Partial<CheckResult>): void => {
      const index = current.findIndex((result) => result.id === id);
      current[index] = { ...current[index]!, ...patch };
      setResults([...current]);
    };
    setResults([...current]);
    set('microphone', { status: 'running' });
    try {
      const peak = await measureMicrophone(choice.microphone.deviceId);
      set('microphone', { status: micVerdict(peak), detail: t('selfTest.level', { percent: Math.round(peak * 100) }) });
    } catch (error) {
      set('microphone', { status: 'fail', detail: describe(error) });
    }
    set('speaker', { status: 'running' });
    try {
      await playTestTone(choice.speaker.deviceId);
      set('speaker', { status: 'pass', detail: t('selfTest.tonePlayed') });
    } catch (error) {
      set('speaker', { status: 'fail', detail: describe(error) });
    }
    set('server', { status: 'running' });
    if (serverUrl === null) {
      set('server', { status: 'fail', detail: t('selfTest.noServer') });
    } else {
      try {
        await probeWebSocket(serverUrl);
        set('server', { status: 'pass', detail: serverUrl });
      } catch (error) {
        set('server', { status: 'fail', detail: `${serverUrl}: ${describe(error)}` });
      }
    }
    set('registration', registration.status === 'registered'
      ? { status: 'pass', detail: '' }
      : { status: 'fail', detail: t(`registration.${registration.status}`, { extension: '', attempt: registration.attempt, error: registration.error ?? '' }) });
    setRunning(false);
  };

  return (
    <section className="softphone-selftest" aria-label={t('selfTest.title')}>
      <button type="button" className="softphone-button softphone-button--small" disabled={running} onClick={() => void run()}>
        {running ? t('selfTest.running') : t('selfTest.run')}
      </button>
      {results && (
        <div role="status" aria-live="polite">
          <ul className="softphone-selftest__results">
            {results.map((result) => (
              <li key={result.id} data-check={result.id} data-result={result.status}>
                <strong>{t(`selfTest.check.${result.id}`)}</strong>: {t(`selfTest.status.${result.status}`)}
                {result.detail ? ` (${result.detail})` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

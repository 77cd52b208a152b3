import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAudioDevices, useRegistrationState, useServerUrl } from '../hooks';
import {
  CHECK_IDS, measureMicrophone, micVerdict, playTestTone, probeWebSocket, roundTripVerdict, speakerVerdict, type CheckId, type CheckResult,
} from '../self-test';
import { useSelfTestRoundTrip } from '../self-test-round-trip';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The pre-shift check: runs the checks one after the other and shows each result as it comes. */
export function SelfTestPanel() {
  const { t } = useTranslation('softphone');
  const { choice } = useAudioDevices();
  const registration = useRegistrationState();
  const serverUrl = useServerUrl();
  const roundTrip = useSelfTestRoundTrip();
  const [results, setResults] = useState<CheckResult[] | null>(null);
  const [running, setRunning] = useState(false);
  /** Set while the check waits for the agent to say whether the tone was heard. */
  const askId = useId();
  const [askHeard, setAskHeard] = useState<((heard: boolean) => void) | null>(null);

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
      // Only the agent knows whether the tone came out of the speaker: ask.
      const heard = await new Promise<boolean>((resolve) => setAskHeard(() => resolve));
      setAskHeard(null);
      set('speaker', { status: speakerVerdict(heard), detail: t(heard ? 'selfTest.toneHeard' : 'selfTest.toneNotHeard') });
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
    // A real call to ourselves through the phone server: never a line, a ring or a call record.
    set('roundTrip', { status: 'running' });
    try {
      const verdict = roundTripVerdict(await roundTrip());
      set('roundTrip', { status: verdict.status, detail: t(`selfTest.${verdict.key}`, verdict.values) });
    } catch (error) {
      set('roundTrip', { status: 'fail', detail: describe(error) });
    }
    setRunning(false);
  };

  return (
    <section className="softphone-selftest" aria-label={t('selfTest.title')}>
      <button type="button" className="softphone-button softphone-button--small" disabled={running} onClick={() => void run()}>
        {running ? t('selfTest.running') : t('selfTest.run')}
      </button>
      {askHeard && (
        <div className="softphone-selftest__ask" role="group" aria-labelledby={askId}>
          <p id={askId}>{t('selfTest.heardQuestion')}</p>
          <button type="button" className="softphone-button softphone-button--small" autoFocus onClick={() => askHeard(true)}>
            {t('selfTest.heardYes')}
          </button>
          <button type="button" className="softphone-button softphone-button--small" onClick={() => askHeard(false)}>
            {t('selfTest.heardNo')}
          </button>
        </div>
      )}
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

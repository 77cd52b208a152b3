import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SoftphoneDock, SoftphoneProvider, type EngineOptions, type SoftphoneHost, type SoftphoneSettings } from '@features/softphone';
import { CallerHandoff } from './CallerHandoff';
import { ignoringHold, isHoldOffer, settingsFromForm, type CallerForm, type SettingsResult } from './caller-params';

const REFUSING_HOLD: EngineOptions = { acceptRemoteSdp: (sdp: string) => !isHoldOffer(sdp) };

function simulatedFarEnd(form: CallerForm): EngineOptions | undefined {
  if (form.refuseHold) return REFUSING_HOLD;
  if (form.ignoreHold) return { rewriteSdp: ignoringHold() };
  return undefined;
}

/** The customer-phone simulator: a settings form, then the same phone the agents use. */
export function CallerPhone({ initial, host }: { initial: CallerForm; host: SoftphoneHost }) {
  const { t } = useTranslation('caller');
  const [form, setForm] = useState(initial);
  const [engineOptions] = useState(() => simulatedFarEnd(initial));
  const initialResult = initial.autostart ? settingsFromForm(initial) : null;
  const [settings, setSettings] = useState<SoftphoneSettings | null>(initialResult?.ok ? initialResult.settings : null);
  const [problem, setProblem] = useState<Extract<SettingsResult, { ok: false }>['problem'] | null>(
    initialResult && !initialResult.ok ? initialResult.problem : null,
  );
  const ids = { server: useId(), domain: useId(), user: useId(), password: useId(), name: useId(), dtmf: useId() };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (settings) {
      setSettings(null);
      return;
    }
    const result = settingsFromForm(form);
    setProblem(result.ok ? null : result.problem);
    setSettings(result.ok ? result.settings : null);
  };
  const field = (key: 'server' | 'domain' | 'user' | 'password' | 'displayName') => ({
    value: form[key],
    disabled: settings !== null,
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }),
  });

  return (
    <main className="caller">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form className="caller__form" onSubmit={submit}>
        <label htmlFor={ids.server}>{t('server')}</label>
        <input id={ids.server} type="url" {...field('server')} />
        <label htmlFor={ids.domain}>{t('domain')}</label>
        <input id={ids.domain} {...field('domain')} />
        <label htmlFor={ids.user}>{t('user')}</label>
        <input id={ids.user} {...field('user')} />
        <label htmlFor={ids.password}>{t('password')}</label>
        <input id={ids.password} type="password" autoComplete="off" {...field('password')} />
        <label htmlFor={ids.name}>{t('displayName')}</label>
        <input id={ids.name} {...field('displayName')} />
        <label htmlFor={ids.dtmf}>{t('dtmfMode')}</label>
        <select
          id={ids.dtmf}
          value={form.dtmfMode}
          disabled={settings !== null}
          onChange={(event) => setForm({ ...form, dtmfMode: event.target.value === 'sip-info' ? 'sip-info' : 'rfc4733' })}
        >
          <option value="rfc4733">RFC 4733</option>
          <option value="sip-info">SIP INFO</option>
        </select>
        <button type="submit" className="softphone-button">{settings ? t('stop') : t('start')}</button>
        {problem && <p role="alert" className="caller__problem">{t(`problem.${problem}`)}</p>}
      </form>
      {/* The simulator exposes its engine (window.centralitaSoftphone) so tests can read RTP stats. */}
      <SoftphoneProvider settings={settings} host={host} engineOptions={engineOptions} exposeEngine>
        <SoftphoneDock settings={settings} host={host} initialNumber={initial.dial} />
        <CallerHandoff outgoing={initial.handoff} />
      </SoftphoneProvider>
    </main>
  );
}

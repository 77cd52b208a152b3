import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallShortcut, HostCapabilities, SecretStorageKind } from '@contract';
import { Alert, LiveRegion } from '@components/Alert';
import { Button } from '@components/Button';
import { Dialog } from '@components/Dialog';
import { TextField } from '@components/TextField';
import { CALL_SHORTCUT_KEYS } from '@platform/call-shortcut-keys';
import { desktop } from '@platform/desktop';
import { chooseLanguage } from '../i18n';
import { KNOWN_CODECS, parsePreferredCodecs, savePreferredCodecs, usePreferredCodecs, type CodecParse } from '../phone/codec-preference';
import { saveSipPassword, useSipPassword } from '../phone/phone-credentials';
import { SUPPORTED_LANGUAGES } from '../language';

const CAPABILITY_ORDER: readonly (keyof HostCapabilities)[] = ['notifications', 'globalShortcuts', 'protocolLinks', 'tray', 'powerEvents', 'secureSecretStorage'];

function LanguageChoice() {
  const { t, i18n } = useTranslation();
  const hintId = useId();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <fieldset className="choice-group" aria-describedby={hintId}>
      <legend className="settings__heading">{t('language.label')}</legend>
      <p id={hintId} className="settings__hint">
        {t('settings.languageHint')}
      </p>
      <div className="choice-group__options">
        {SUPPORTED_LANGUAGES.map((language) => (
          <label key={language} className="choice" lang={language}>
            <input type="radio" name="language" value={language} checked={current === language} onChange={() => void chooseLanguage(language)} />
            {t(`language.${language}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function PhonePassword() {
  const { t } = useTranslation();
  const stored = useSipPassword();
  const [draft, setDraft] = useState('');
  const [notice, setNotice] = useState<'saved' | 'forgotten' | null>(null);

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft === '') return;
    void saveSipPassword(draft).then(() => {
      setDraft('');
      setNotice('saved');
    });
  }

  return (
    <section className="settings__section" aria-labelledby="settings-phone">
      <h3 id="settings-phone" className="settings__heading">
        {t('settings.phone.title')}
      </h3>
      <form className="settings__phone" onSubmit={save}>
        <TextField
          label={t('settings.phone.password')}
          type="password"
          name="sip-password"
          autoComplete="off"
          maxLength={256}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <div className="settings__actions">
          <Button type="submit" variant="primary" disabled={draft === ''}>
            {t('settings.phone.save')}
          </Button>
          {stored !== null && (
            <Button variant="ghost" onClick={() => void saveSipPassword('').then(() => setNotice('forgotten'))}>
              {t('settings.phone.forget')}
            </Button>
          )}
        </div>
      </form>
      <LiveRegion>{notice && <p className="settings__hint">{t(`settings.phone.${notice}`)}</p>}</LiveRegion>
    </section>
  );
}

/** Preferred codecs (texts in the softphone namespace); refused input is named, never fixed silently. */
function CodecPreference() {
  const { t } = useTranslation('softphone');
  const saved = usePreferredCodecs();
  const [draft, setDraft] = useState(() => saved.join(', '));
  const [result, setResult] = useState<CodecParse | null>(null);
  const hintId = useId();
  const errorId = useId();
  const problem = result && !result.ok ? result : null;

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parsePreferredCodecs(draft);
    setResult(parsed);
    if (!parsed.ok) return;
    savePreferredCodecs(parsed.codecs);
    setDraft(parsed.codecs.join(', '));
  }

  return (
    <section className="settings__section" aria-labelledby="settings-codecs">
      <h3 id="settings-codecs" className="settings__heading">
        {t('codecSettings.title')}
      </h3>
      <form className="settings__phone" onSubmit={save} noValidate>
        <TextField
          label={t('codecSettings.label')}
          name="preferred-codecs"
          autoComplete="off"
          maxLength={80}
          value={draft}
          invalid={problem !== null}
          errorId={errorId}
          onChange={(event) => {
            setDraft(event.target.value);
            setResult(null);
          }}
        />
        <p id={hintId} className="settings__hint">{t('codecSettings.hint', { known: KNOWN_CODECS.join(', ') })}</p>
        {problem && <Alert id={errorId}>{t(`codecSettings.${problem.problem}`, { name: problem.name })}</Alert>}
        <div className="settings__actions">
          <Button type="submit" variant="secondary">
            {t('codecSettings.save')}
          </Button>
        </div>
      </form>
      <LiveRegion>{result?.ok && <p className="settings__hint">{t('codecSettings.saved')}</p>}</LiveRegion>
    </section>
  );
}

function DeviceFacts() {
  const { t } = useTranslation();
  const [secretKind, setSecretKind] = useState<SecretStorageKind | null>(null);
  useEffect(() => {
    let live = true;
    void desktop.secrets.storageKind().then((kind) => live && setSecretKind(kind));
    return () => {
      live = false;
    };
  }, []);

  return (
    <section className="settings__section" aria-labelledby="settings-device">
      <h3 id="settings-device" className="settings__heading">
        {t('settings.device.title')}
      </h3>
      <dl className="facts">
        <dt>{t('settings.device.edition')}</dt>
        <dd>{t(desktop.kind === 'electron' ? 'signIn.edition.electron' : 'signIn.edition.browser')}</dd>
        <dt>{t('settings.device.secretStorage')}</dt>
        <dd>{secretKind ? t(`settings.device.secretKinds.${secretKind}`) : '…'}</dd>
      </dl>
      <ul className="capabilities">
        {CAPABILITY_ORDER.map((capability) => {
          const available = desktop.capabilities[capability];
          return (
            <li key={capability} className={`capability capability--${available ? 'on' : 'off'}`}>
              <span className="capability__name">{t(`settings.device.capabilities.${capability}`)}</span>
              <span className="capability__state">{available ? t('settings.device.available') : t('settings.device.unavailable')}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ShortcutList() {
  const { t } = useTranslation();
  return (
    <section className="settings__section" aria-labelledby="settings-shortcuts">
      <h3 id="settings-shortcuts" className="settings__heading">
        {t('settings.device.shortcutsTitle')}
      </h3>
      <ul className="shortcuts">
        {(Object.entries(CALL_SHORTCUT_KEYS) as [CallShortcut, string][]).map(([shortcut, code]) => (
          <li key={shortcut} className="shortcut">
            <span>{t(`settings.device.shortcuts.${shortcut}`)}</span>
            <span className="shortcut__keys">
              <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>{code.replace('Key', '')}</kbd>
            </span>
          </li>
        ))}
      </ul>
      {desktop.kind === 'browser' && <p className="settings__hint">{t('settings.device.shortcutsBrowserNote')}</p>}
    </section>
  );
}

export function SettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('settings.title')} closeLabel={t('settings.close')} onClose={onClose}>
      <LanguageChoice />
      <PhonePassword />
      <CodecPreference />
      <DeviceFacts />
      <ShortcutList />
    </Dialog>
  );
}

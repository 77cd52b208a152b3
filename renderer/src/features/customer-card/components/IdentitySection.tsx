/**
 * Identity details. Agents may correct the name, preferred channel and language and add an
 * identity; each correction goes through the outbox (field-level last-writer-wins on the server).
 * The interaction history is never editable here.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { channelSchema, identityKindSchema, type Channel, type IdentityKind } from '@contract';
import { Alert } from '@components/Alert';
import { addIdentity, updateCustomer, useSyncSession, type CustomerRow, type IdentityRow } from '@features/sync';
import { Section } from './CardSections';

const LANGUAGES = ['es', 'en', 'ca', 'eu', 'gl', 'fr', 'de', 'pt', 'it'] as const;

/**
 * `identities` is undefined until the identity rows are read: the customer row's phones, emails and
 * numbers (the same values, indexed for the lookup) are shown meanwhile, so the pop waits for nothing.
 */
export function IdentitySection({ customer, identities: rows }: { customer: CustomerRow; identities: readonly IdentityRow[] | undefined }) {
  const { t } = useTranslation('customerCard');
  const [editing, setEditing] = useState(false);
  const identities = rows && rows.length > 0
    ? rows.map((row) => ({ id: row.id, kind: row.kind, value: row.value }))
    : [
      ...customer.phones.map((value) => ({ id: `phone:${value}`, kind: 'phone', value })),
      ...customer.emails.map((value) => ({ id: `email:${value}`, kind: 'email', value })),
      ...customer.customerNumbers.map((value) => ({ id: `number:${value}`, kind: 'customer_number', value })),
    ];
  return (
    <Section title={t('card.identities')}>
      <ul className="cc-list">
        {identities.map((identity) => (
          <li key={identity.id} data-identity-kind={identity.kind}>
            <span className="cc-muted">{t(`identityKind.${identity.kind}`, { defaultValue: identity.kind })}: </span>
            <span className="cc-value">{identity.value}</span>
          </li>
        ))}
      </ul>
      <dl className="cc-facts">
        <dt>{t('card.preferredChannel')}</dt>
        <dd>{typeof customer.preferredChannel === 'string' ? t(`channel.${customer.preferredChannel}`) : t('card.notSet')}</dd>
        <dt>{t('card.language')}</dt>
        <dd>{typeof customer.language === 'string' ? customer.language : t('card.notSet')}</dd>
      </dl>
      {editing ? <IdentityEditor customer={customer} onDone={() => setEditing(false)} /> : (
        <button type="button" className="button button--ghost cc-small" onClick={() => setEditing(true)}>{t('card.edit')}</button>
      )}
    </Section>
  );
}

function IdentityEditor({ customer, onDone }: { customer: CustomerRow; onDone(): void }) {
  const { t } = useTranslation('customerCard');
  const session = useSyncSession();
  const [name, setName] = useState(customer.displayName);
  const [channel, setChannel] = useState<string>(typeof customer.preferredChannel === 'string' ? customer.preferredChannel : '');
  const [language, setLanguage] = useState<string>(typeof customer.language === 'string' ? customer.language : '');
  const [kind, setKind] = useState<IdentityKind>('email');
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const ids = { name: useId(), channel: useId(), language: useId(), kind: useId(), value: useId() };

  const fail = (error: unknown) => setMessage({ tone: 'error', text: t('identify.failed', { detail: error instanceof Error ? error.message : String(error) }) });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!session) return;
    if (name.trim() === '') {
      setMessage({ tone: 'error', text: t('identify.nameRequired') });
      return;
    }
    try {
      await updateCustomer(session.store, customer.id, {
        displayName: name.trim(),
        preferredChannel: channel === '' ? null : (channel as Channel),
        language: language === '' ? null : language,
      });
      onDone();
    } catch (error) {
      fail(error);
    }
  };

  const add = async () => {
    if (!session) return;
    if (value.trim() === '') {
      setMessage({ tone: 'error', text: t('card.valueRequired') });
      return;
    }
    try {
      await addIdentity(session.store, customer.id, kind, value);
      setValue('');
      setMessage({ tone: 'info', text: t('card.saved') });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <form className="cc-editor" onSubmit={(event) => void save(event)} noValidate>
      <label className="field__label" htmlFor={ids.name}>{t('identify.name')}</label>
      <input id={ids.name} className="field__input cc-input" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
      <label className="field__label" htmlFor={ids.channel}>{t('card.preferredChannel')}</label>
      <select id={ids.channel} className="cc-input" value={channel} onChange={(event) => setChannel(event.target.value)}>
        <option value="">{t('card.notSet')}</option>
        {channelSchema.options.map((option) => <option key={option} value={option}>{t(`channel.${option}`)}</option>)}
      </select>
      <label className="field__label" htmlFor={ids.language}>{t('card.language')}</label>
      <select id={ids.language} className="cc-input" value={language} onChange={(event) => setLanguage(event.target.value)}>
        <option value="">{t('card.notSet')}</option>
        {[...new Set([...LANGUAGES, ...(language ? [language] : [])])].map((code) => <option key={code} value={code}>{code}</option>)}
      </select>
      <div className="cc-row">
        <button type="submit" className="button button--primary cc-small">{t('card.save')}</button>
        <button type="button" className="button button--ghost cc-small" onClick={onDone}>{t('card.cancel')}</button>
      </div>
      <fieldset className="cc-fieldset">
        <legend>{t('card.addIdentity')}</legend>
        <label className="field__label" htmlFor={ids.kind}>{t('card.identityKind')}</label>
        <select id={ids.kind} className="cc-input" value={kind} onChange={(event) => setKind(event.target.value as IdentityKind)}>
          {identityKindSchema.options.map((option) => <option key={option} value={option}>{t(`identityKind.${option}`)}</option>)}
        </select>
        <label className="field__label" htmlFor={ids.value}>{t('card.identityValue')}</label>
        <input id={ids.value} className="field__input cc-input" value={value} maxLength={320} onChange={(event) => setValue(event.target.value)} />
        <button type="button" className="button button--secondary cc-small" onClick={() => void add()}>{t('card.add')}</button>
      </fieldset>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </form>
  );
}

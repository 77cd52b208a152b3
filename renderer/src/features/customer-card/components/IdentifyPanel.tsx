/**
 * Unknown caller (or no call): typeahead over the local cache by name prefix, phone, email or
 * customer number; each match shows what tells it apart. During a call the number can be linked
 * to a match (the golden record gains an identity) or a new customer created with it. While the
 * first download has not reached the caller, the server is asked for them and the panel says so
 * (a polite live region); once they are stored the card replaces the panel.
 */
import { useDeferredValue, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@components/Alert';
import { addIdentity, createCustomer, useCustomerSearch, useSyncSession, type CustomerRow } from '@features/sync';
import type { ServerLookupState } from '../model/caller-prefetch';

const SERVER_LOOKUP_TEXT = {
  asking: 'identify.askingServer',
  not_found: 'identify.notOnServer',
  unreachable: 'identify.serverUnreachable',
} as const satisfies Record<NonNullable<ServerLookupState>, string>;

interface IdentifyPanelProps {
  /** The caller's E.164 number; null when withheld or when browsing without a call. */
  number: string | null;
  /** Browsing without a call: matches open the card, nothing is linked. */
  browse?: boolean;
  /** After a cache miss during the first download: how asking the server for the caller goes. */
  serverLookup?: ServerLookupState;
  onChosen(customerId: string): void;
}

export function IdentifyPanel({ number, browse = false, serverLookup = null, onChosen }: IdentifyPanelProps) {
  const { t } = useTranslation('customerCard');
  const session = useSyncSession();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const matches = useCustomerSearch(deferred, 10);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const searchId = useId();
  const nameId = useId();
  const titleId = useId();

  const run = async (work: () => Promise<string>) => {
    if (!session) return;
    setBusy(true);
    setProblem(null);
    try {
      onChosen(await work());
    } catch (error) {
      setProblem(t('identify.failed', { detail: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  const link = (customer: CustomerRow) => run(async () => {
    if (number && session && !customer.phones.includes(number)) await addIdentity(session.store, customer.id, 'phone', number);
    return customer.id;
  });

  const create = (event: FormEvent) => {
    event.preventDefault();
    const displayName = name.trim();
    if (displayName.length === 0) {
      setProblem(t('identify.nameRequired'));
      return;
    }
    void run(() => createCustomer(session!.store, { displayName, identities: number ? [{ kind: 'phone', value: number }] : [] }));
  };

  return (
    <section className="cc-identify" aria-labelledby={titleId}>
      <h2 id={titleId} className="cc-section__title">{browse ? t('area.search') : t('identify.title')}</h2>
      {!browse && <p>{number ? t('identify.intro', { number }) : t('identify.noNumber')}</p>}
      {/* Present from the first paint, so screen readers announce the text when it appears. */}
      {!browse && (
        <p className="cc-muted" role="status" aria-live="polite" data-testid="caller-server-lookup">
          {serverLookup ? t(SERVER_LOOKUP_TEXT[serverLookup]) : null}
        </p>
      )}
      <div className="field">
        <label className="field__label" htmlFor={searchId}>{t('identify.search')}</label>
        <div className="field__control">
          <input
            id={searchId} className="field__input" type="search" value={query} autoComplete="off" autoFocus={!browse}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
      </div>
      {query.trim() === '' ? (
        <p className="cc-muted">{t('identify.typeMore')}</p>
      ) : matches && matches.length === 0 ? (
        <p className="cc-muted" role="status">{t('identify.noResults', { query })}</p>
      ) : (
        <ul className="cc-matches" aria-label={t('identify.results')}>
          {(matches ?? []).map((customer) => (
            <li key={customer.id} className="cc-match">
              <div className="cc-match__who">
                <strong>{customer.displayName}</strong>
                <MatchDetail label={t('identify.phones')} values={customer.phones} />
                <MatchDetail label={t('identify.emails')} values={customer.emails} />
                <MatchDetail label={t('identify.numbers')} values={customer.customerNumbers} />
              </div>
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void link(customer)}>
                {browse || !number ? t('identify.open', { name: customer.displayName }) : t('identify.link', { name: customer.displayName })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!browse && (
        <form className="cc-create" onSubmit={create} noValidate>
          <h3 className="cc-subtitle">{t('identify.createTitle')}</h3>
          <div className="field">
            <label className="field__label" htmlFor={nameId}>{t('identify.name')}</label>
            <div className="field__control">
              <input id={nameId} className="field__input" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
            </div>
          </div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {number ? t('identify.create') : t('identify.createNoNumber')}
          </button>
        </form>
      )}
      {problem && <Alert>{problem}</Alert>}
    </section>
  );
}

function MatchDetail({ label, values }: { label: string; values: readonly string[] }) {
  if (values.length === 0) return null;
  return (
    <span className="cc-match__detail">
      {label}: {values.slice(0, 3).join(', ')}
    </span>
  );
}

/**
 * The customer area of the workspace. Follows the softphone: when a call rings (or is dialled)
 * the caller's number is looked up in the local cache and the card is painted at once — offline
 * too; an unknown number gets the identify panel. After the call the wrap-up stays until saved.
 * Without a call the agent can search for a customer and open the card.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLines } from '@features/softphone';
import { normalizePhone, usePhoneLookup, useSyncSession } from '@features/sync';
import { callKey, pickFocusLine, type LineView } from '../model/active-call';
import { emotionForKey } from '../model/wrapup-rules';
import { useWrapupReferenceRefresh, type AccessTokenSource } from '../reference-cache';
import { cardActions, useCardStore, useFocusedCall, type CallCard } from '../store';
import { CustomerCard } from './CustomerCard';
import { IdentifyPanel } from './IdentifyPanel';
import { WrapupPanel } from './WrapupPanel';
import '../customer-card.css';

export interface CustomerCardAreaProps {
  /** What the area shows when there is no call and no customer open (the workspace's empty state). */
  idle?: ReactNode;
  /** For GET /api/reference (dispositions, taxonomy), cached locally for the wrap-up. */
  getAccessToken?: AccessTokenSource;
}

export function CustomerCardArea({ idle, getAccessToken }: CustomerCardAreaProps) {
  useWrapupReferenceRefresh(getAccessToken);
  const lines = useLines() as readonly LineView[];
  const focus = pickFocusLine(lines);
  const focusKey = focus ? callKey(focus) : null;
  const focusNumber = focus?.remoteNumber ?? null;
  const focusDirection = focus?.direction ?? 'inbound';
  useEffect(() => {
    if (focusKey && focusNumber !== null) cardActions.focusCall(focusKey, focusNumber, focusDirection);
  }, [focusKey, focusNumber, focusDirection]);
  const call = useFocusedCall();
  const liveLine = call ? lines.find((line) => callKey(line) === call.key) ?? null : null;
  useEffect(() => {
    if (call && liveLine) cardActions.trackLine(call.key, liveLine);
  }, [call, liveLine]);
  // Once the line is reused or idle, the call's last snapshot (ended) stands in for it.
  const callLine = liveLine ?? call?.lastLine ?? null;
  useEmotionKeystrokes(call && !call.saved && callLine && callLine.status !== 'idle' ? call.key : null);

  if (call && !call.saved) return <CallView call={call} line={callLine} />;
  return <BrowseView idle={idle} />;
}

/** Alt+1…6 anywhere in the workspace sets the current call's emotion (one keystroke). */
function useEmotionKeystrokes(key: string | null): void {
  useEffect(() => {
    if (!key) return undefined;
    const onKey = (event: KeyboardEvent) => {
      const emotion = emotionForKey(event);
      if (!emotion) return;
      event.preventDefault();
      cardActions.pressEmotion(key, emotion);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
}

function CallView({ call, line }: { call: CallCard; line: LineView | null }) {
  const { t } = useTranslation('customerCard');
  const e164 = normalizePhone(call.number);
  const found = usePhoneLookup(e164 ?? call.number);
  const session = useSyncSession();
  const customerId = call.customerId ?? (found ? found.id : null);

  // The card shows the cached data at once; fresh data is asked for once it is painted (so the
  // sync's IndexedDB writes never compete with the pop), or after a second for an unknown number.
  const painted = call.popLatencyMs !== null;
  useEffect(() => {
    const timer = window.setTimeout(() => session?.engine.requestSync(), painted ? 0 : 1000);
    return () => window.clearTimeout(timer);
  }, [session, call.key, painted]);
  useEffect(() => {
    if (found && call.customerId === null) cardActions.chooseCustomer(call.key, found.id);
  }, [found, call.key, call.customerId]);

  const status = line?.status ?? 'ended';
  const number = e164 ?? call.number;
  const banner = status === 'ringing' ? 'pop.incoming' : status === 'dialing' ? 'pop.outgoing' : status === 'ended' || status === 'idle' ? 'pop.ended' : 'pop.connected';
  return (
    <div className="cc-call" data-call-status={status}>
      <p className="cc-call__banner" role="status">
        {t(banner, { number })}
      </p>
      {customerId ? (
        <CustomerCard customerId={customerId} callKey={call.key} callStartedAt={line?.startedAt ?? null} />
      ) : found === undefined ? (
        <p className="cc-muted">{t('pop.loading', { number })}</p>
      ) : (
        <IdentifyPanel number={e164} onChosen={(id) => cardActions.chooseCustomer(call.key, id)} />
      )}
      <WrapupPanel call={call} customerId={customerId} line={line} />
    </div>
  );
}

function BrowseView({ idle }: { idle: ReactNode }) {
  const { t } = useTranslation('customerCard');
  const lastSaved = useCardStore((state) => state.lastSaved);
  const [customerId, setCustomerId] = useState<string | null>(lastSaved?.customerId ?? null);
  return (
    <div className="cc-browse">
      <div role="status" className="live-region">{lastSaved && <p className="cc-saved">{t('wrapup.saved')}</p>}</div>
      {customerId ? (
        <>
          <button type="button" className="button button--ghost" onClick={() => setCustomerId(null)}>
            {t('area.search')}
          </button>
          <CustomerCard customerId={customerId} callKey={null} callStartedAt={null} />
        </>
      ) : (
        <>
          {idle ?? <p className="cc-muted">{t('area.idle')}</p>}
          <IdentifyPanel number={null} browse onChosen={setCustomerId} />
        </>
      )}
    </div>
  );
}

/**
 * The customer area of the workspace. Follows the softphone: when a call rings (or is dialled)
 * the caller's number is looked up in the local cache and the card is painted at once — offline
 * too; an unknown number gets the identify panel. After the call the wrap-up stays until saved.
 * Without a call the agent can search for a customer and open the card.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { handoffFits, useIncomingCallSignal, useLines, useTransferHandoffSource, type IncomingCallSignal } from '@features/softphone';
import { getSyncSession, useSyncSession } from '@features/sync';
import { callKey, pickFocusLine, type LineView } from '../model/active-call';
import { prefetchCaller } from '../model/caller-prefetch';
import { encodeHandoff } from '../model/handoff';
import { emotionForKey } from '../model/wrapup-rules';
import { markPop } from '../model/pop-marks';
import { useWrapupReferenceRefresh, type AccessTokenSource } from '../reference-cache';
import { callCardOf, cardActions, newCallCard, useCardStore, useFocusedCall, type CallCard } from '../store';
import { callerLookupIn, useCallerLookup } from '../useCallerLookup';
import { CustomerCard } from './CustomerCard';
import { HandoverNote } from './HandoverNote';
import { IdentifyPanel } from './IdentifyPanel';
import { PopWarmUp } from './PopWarmUp';
import { WrapupPanel, type WrapupScriptSource } from './WrapupPanel';
import '../customer-card.css';

export interface CustomerCardAreaProps {
  /** What the area shows when there is no call and no customer open (the workspace's empty state). */
  idle?: ReactNode;
  /** For GET /api/reference (dispositions, taxonomy), cached locally for the wrap-up. */
  getAccessToken?: AccessTokenSource;
  /** The call's script for the wrap-up (required answers, answers to save); composed by the app. */
  wrapupScript?: WrapupScriptSource;
}

/**
 * The engine's INVITE signal: the caller lookup starts before anything renders the ringing line,
 * so its IndexedDB read runs while the workspace renders (useCallerLookup picks the answer up).
 */
function prefetchIncoming(call: IncomingCallSignal): void {
  const session = getSyncSession();
  if (!session || call.remoteNumber === null) return;
  const key = callKey({ id: call.line, startedAt: call.startedAt });
  markPop('invite', key);
  const lookup = callerLookupIn(session);
  prefetchCaller(key, call.remoteNumber, { ...lookup, find: (e164) => lookup.find(e164).finally(() => markPop('prefetched', key)) });
}

export function CustomerCardArea({ idle, getAccessToken, wrapupScript }: CustomerCardAreaProps) {
  useIncomingCallSignal(prefetchIncoming);
  useWrapupReferenceRefresh(getAccessToken);
  const lines = useLines() as readonly LineView[];
  const focus = pickFocusLine(lines);
  const focusKey = focus ? callKey(focus) : null;
  const [warmedUp, setWarmedUp] = useState(false);
  const onWarmedUp = useCallback(() => setWarmedUp(true), []);
  const focusNumber = focus?.remoteNumber ?? null;
  const focusDirection = focus?.direction ?? 'inbound';
  useLayoutEffect(() => {
    if (focusKey) markPop('ring', focusKey);
  }, [focusKey]);
  useEffect(() => {
    if (focusKey && focusNumber !== null) cardActions.focusCall(focusKey, focusNumber, focusDirection);
  }, [focusKey, focusNumber, focusDirection]);
  useTransferHandoffSource(handoffOfLine);
  const focused = useFocusedCall();
  // A call that just started rings in this very render: its card state is created by the effect
  // above, but the pop does not wait a render for it.
  const starting = useMemo(
    () => (focusKey && focusNumber !== null ? newCallCard(focusKey, focusNumber, focusDirection) : null),
    [focusKey, focusNumber, focusDirection],
  );
  const call = starting && focused?.key !== starting.key ? starting : focused;
  const liveLine = call ? lines.find((line) => callKey(line) === call.key) ?? null : null;
  useEffect(() => {
    if (call && liveLine) cardActions.trackLine(call.key, liveLine);
  }, [call, liveLine]);
  // Once the line is reused or idle, the call's last snapshot (ended) stands in for it.
  const callLine = liveLine ?? call?.lastLine ?? null;
  useEmotionKeystrokes(call && !call.saved && callLine && callLine.status !== 'idle' ? call.key : null);

  const callUp = Boolean(call && !call.saved);
  const [unknownKey, setUnknownKey] = useState<string | null>(null);
  // One CallView per call: its live lookups would otherwise answer with the previous call's
  // customer until the new read returns (useLiveQuery keeps the last result across deps).
  const view: AreaView = call && !call.saved
    ? { key: `call:${call.key}`, node: <CallView key={call.key} call={call} line={callLine} wrapupScript={wrapupScript} onUnknownShown={setUnknownKey} /> }
    : { key: 'browse', node: <BrowseView idle={idle} /> };
  // An unknown caller paints no card: the identify panel showing ends the retiring view instead.
  const retiring = useRetiringView(view, call?.popLatencyMs != null || (unknownKey !== null && unknownKey === call?.key));
  return (
    <>
      {(retiring ? [retiring, view] : [view]).map((shown) => (
        <div key={shown.key} className="cc-view" hidden={shown !== view} inert={shown !== view}>
          {shown.node}
        </div>
      ))}
      {!warmedUp && <PopWarmUp callUp={callUp || focusKey !== null} onFinished={onWarmedUp} />}
    </>
  );
}

interface AreaView {
  key: string;
  node: ReactNode;
}

/** How long a replaced view may stay hidden when the new call paints no card (unknown caller). */
const RETIRE_LIMIT_MS = 500;

/**
 * When a call replaces the area's view (the previous call's wrap-up, an open card), the old view
 * stays mounted, hidden and inert, until the new call's card has painted: unmounting a card (its
 * DOM, its live-query subscriptions) costs the pop a few ms of main thread otherwise. The old view
 * is re-rendered from its last committed element, so it does not re-render at all meanwhile.
 */
function useRetiringView(view: AreaView, newCardPainted: boolean): AreaView | null {
  const committed = useRef(view);
  const [retiring, setRetiring] = useState<AreaView | null>(null);
  const replaced = committed.current;
  if (replaced.key !== view.key && view.key !== 'browse' && retiring?.key !== replaced.key) setRetiring(replaced);
  useLayoutEffect(() => {
    committed.current = view;
  });
  useEffect(() => {
    if (!retiring) return undefined;
    if (newCardPainted) {
      setRetiring(null);
      return undefined;
    }
    const timer = window.setTimeout(() => setRetiring(null), RETIRE_LIMIT_MS);
    return () => window.clearTimeout(timer);
  }, [retiring, newCardPainted]);
  // Dropped in the very render that shows the new card painted (never two wrap-ups at once).
  return retiring && retiring.key !== view.key && !newCardPainted ? retiring : null;
}

/**
 * What a transfer of `line` hands to the receiving agent: this call's notes, emotion and complaint
 * type so far (the softphone sends it over SIP with the transfer). Reads the store when asked, so
 * the text is the latest.
 */
function handoffOfLine(line: LineView): string | null {
  const call = callCardOf(callKey(line));
  if (!call || call.saved) return null;
  const { draft } = call;
  return encodeHandoff({ notes: draft.notes, emotion: draft.emotionEnd ?? draft.emotionStart, complaintTypeId: draft.complaintTypeId }, handoffFits);
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

const CallView = memo(function CallView({ call, line, wrapupScript, onUnknownShown }: {
  call: CallCard; line: LineView | null; wrapupScript: WrapupScriptSource | undefined; onUnknownShown: (callKey: string) => void;
}) {
  const { t } = useTranslation('customerCard');
  const status = line?.status ?? 'ended';
  // The card shows the cached data at once; fresh data is asked for, and the call bound to its
  // customer, once it is painted (or the call is past ringing), so the sync's IndexedDB writes,
  // live re-reads and store updates never compete with the pop.
  const painted = call.popLatencyMs !== null;
  const settled = painted || (status !== 'ringing' && status !== 'dialing');
  const [unknownShown, setUnknownShown] = useState(false);
  // The lookup the INVITE started; live once settled or nobody was found.
  const { e164, found, serverLookup } = useCallerLookup(call.key, call.number, settled || unknownShown);
  if (found === null && !unknownShown) setUnknownShown(true);
  // Before the paint, so the identify panel and the retired view's removal land in one frame
  // (a hidden copy of the browse search must never sit beside the panel's search).
  useLayoutEffect(() => {
    if (unknownShown) onUnknownShown(call.key);
  }, [unknownShown, onUnknownShown, call.key]);
  const session = useSyncSession();
  const customerId = call.customerId ?? (found ? found.id : null);
  useLayoutEffect(() => markPop('focus', call.key), [call.key]);
  // The wrap-up joins once the pop is painted (or there is nothing to pop), so it never delays it.
  const popping = (status === 'ringing' || status === 'dialing') && call.popLatencyMs === null && (customerId !== null || found === undefined);
  useLayoutEffect(() => {
    if (found !== undefined) markPop('lookup', call.key);
  }, [found, call.key]);

  // Fresh data from the server once painted, or after a second for an unknown number.
  useEffect(() => {
    const timer = window.setTimeout(() => session?.engine.requestSync(), painted ? 0 : 1000);
    return () => window.clearTimeout(timer);
  }, [session, call.key, painted]);
  useEffect(() => {
    if (found && call.customerId === null && settled) cardActions.chooseCustomer(call.key, found.id);
  }, [found, call.key, call.customerId, settled]);

  const number = e164 ?? call.number;
  const banner = status === 'ringing' ? 'pop.incoming' : status === 'dialing' ? 'pop.outgoing' : status === 'ended' || status === 'idle' ? 'pop.ended' : 'pop.connected';
  return (
    <div className="cc-call" data-call-status={status}>
      <p className="cc-call__banner" role="status">
        {t(banner, { number })}
      </p>
      {/* A transferred call from a caller not in this cache yet: the hand-off still shows at once. */}
      {!customerId && <HandoverNote handoff={line?.handoff ?? null} />}
      {customerId ? (
        // Keyed by customer too: live queries keep their last answer when inputs change, so a card
        // re-targeted within a call (a merge, another choice) must not show the old customer first.
        <CustomerCard
          key={`${call.key}:${customerId}`} customerId={customerId} callKey={call.key} callStartedAt={line?.startedAt ?? null} knownCustomer={found ?? null} handoff={line?.handoff ?? null}
        />
      ) : found === undefined ? (
        <p className="cc-muted">{t('pop.loading', { number })}</p>
      ) : (
        <IdentifyPanel number={e164} serverLookup={serverLookup} onChosen={(id) => cardActions.chooseCustomer(call.key, id)} />
      )}
      {!popping && <WrapupPanel call={call} customerId={customerId} line={line} script={wrapupScript} />}
    </div>
  );
});

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

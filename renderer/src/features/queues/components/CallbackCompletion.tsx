/**
 * Writes the outcome of a call placed from a queue item back to the item: the link made at dial
 * time gets the call's Call-ID, then the call's record id, and as soon as a wrap-up for that call
 * is saved locally the item is completed with its disposition, through the outbox (so offline too).
 * Renders nothing; one watcher per remembered dial.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { completeQueueItem, normalizePhone, useSyncSession, type SyncStore } from '@features/sync';
import { useCallRecordId, useCurrentCall } from '@features/softphone';
import { callbackCallRows } from '../callback-calls';
import { forgetLink, readLinks, updateLink, useCallbackLinks, type CallbackLink } from '../callback-links';
import { isStale, linkForCall, stillWorkable, wrapupOutcome, type WrapupOutcome } from '../callback-outcome';

export const sameNumber = (a: string, b: string): boolean => (normalizePhone(a) ?? a) === (normalizePhone(b) ?? b);

export interface CompletedFromCall {
  itemId: string;
  customerId: string;
  disposition: string;
}

/**
 * Completes once across windows: under a Web Lock per item, and only while the link is still
 * remembered (the window that completes forgets it, so a second window finds nothing to do).
 */
async function completeOnce(store: SyncStore, link: CallbackLink, outcome: WrapupOutcome): Promise<boolean> {
  const run = async (): Promise<boolean> => {
    if (!readLinks(store.userId).some((other) => other.itemId === link.itemId)) return false;
    await completeQueueItem(store, link.itemId, outcome.disposition, outcome.interactionId);
    forgetLink(store.userId, link.itemId);
    return true;
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(`centralita-queue-callback-${link.itemId}`, run) : run();
}

function LinkWatcher({ link, itemRow, now, onCompleted, onFailed }: {
  link: CallbackLink;
  itemRow: (itemId: string) => Record<string, unknown> | undefined | null;
  now: number;
  onCompleted: (done: CompletedFromCall) => void;
  onFailed: (error: unknown) => void;
}) {
  const session = useSyncSession();
  const recordId = useCallRecordId(link.callId);
  // Not only the item's customer: a number several customers share records the call on its owner.
  const timeline = useLiveQuery(
    async () => (session ? callbackCallRows(session.store.db, link, recordId) : undefined),
    [session, link.customerId, link.number, link.interactionId, recordId],
  );
  const busy = useRef(false);
  const userId = session?.store.userId ?? null;

  useEffect(() => {
    if (userId && recordId && recordId !== link.interactionId) updateLink(userId, link.itemId, { interactionId: recordId });
  }, [userId, recordId, link.itemId, link.interactionId]);

  const row = itemRow(link.itemId);
  useEffect(() => {
    if (!session || busy.current) return;
    const { store } = session;
    // `null`: the queue's rows are still being read; decide nothing yet.
    if (row === null) return;
    if (isStale(link, now) || !stillWorkable(row, store.userId)) {
      forgetLink(store.userId, link.itemId);
      return;
    }
    const outcome = timeline ? wrapupOutcome(link, timeline, sameNumber) : null;
    if (!outcome) return;
    busy.current = true;
    completeOnce(store, link, outcome)
      .then((done) => done && onCompleted({ itemId: link.itemId, customerId: link.customerId, disposition: outcome.disposition }))
      .catch(onFailed)
      .finally(() => {
        busy.current = false;
      });
  }, [session, link, row, timeline, now, onCompleted, onFailed]);

  return null;
}

export function CallbackCompletion(props: {
  itemRow: (itemId: string) => Record<string, unknown> | undefined | null;
  now: number;
  onCompleted: (done: CompletedFromCall) => void;
  onFailed: (error: unknown) => void;
}) {
  const session = useSyncSession();
  const userId = session?.store.userId ?? null;
  const links = useCallbackLinks(userId);
  const call = useCurrentCall();

  // The call the agent is now placing belongs to the item it was dialled from.
  useEffect(() => {
    if (!userId || !call) return;
    const link = linkForCall(links, call, sameNumber);
    if (link) updateLink(userId, link.itemId, { callId: call.callId });
  }, [userId, links, call]);

  return (
    <>
      {links.map((link) => (
        <LinkWatcher key={link.itemId} link={link} {...props} />
      ))}
    </>
  );
}

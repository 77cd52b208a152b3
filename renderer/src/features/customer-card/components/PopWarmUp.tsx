/**
 * The screen pop rehearsed once at start-up (see usePopWarmUp): the same phone lookup and the same
 * card a call would pop, for one cached customer, rendered off screen and inert (never seen, never
 * focusable, outside the accessibility tree), then removed once its details have painted.
 */
import { useEffect, useState } from 'react';
import { searchCustomers, usePhoneLookup, useSyncSession } from '@features/sync';
import { usePopWarmUp } from '../usePopWarmUp';
import { CustomerCard } from './CustomerCard';

/**
 * The warm-up's owner, mounted by the customer area until `onFinished` (so the area itself never
 * re-renders for the sync cursor it watches). `callUp`: a call is on screen (ends the warm-up).
 */
export function PopWarmUp({ callUp, onFinished }: { callUp: boolean; onFinished(): void }) {
  const warmUp = usePopWarmUp(callUp, onFinished);
  return warmUp.phase === 'rehearse' && !callUp ? <PopRehearsal onDone={warmUp.rehearsed} /> : null;
}

export function PopRehearsal({ onDone }: { onDone(outcome: string): void }) {
  const session = useSyncSession();
  const [phone, setPhone] = useState<string | null>(null);
  useEffect(() => {
    if (!session) return undefined;
    let live = true;
    // Any cached customer with a phone ('+' is the start of every stored E.164 number).
    searchCustomers(session.store.db, '+', 1).then((rows) => {
      if (!live) return;
      const first = rows[0]?.phones[0];
      if (first) setPhone(first);
      else onDone('no cached customer to rehearse with');
    }, () => {
      if (live) onDone('the cache could not be read');
    });
    return () => {
      live = false;
    };
  }, [session, onDone]);
  const found = usePhoneLookup(phone);
  const [detailsShown, setDetailsShown] = useState(false);
  useEffect(() => {
    if (!detailsShown) return undefined;
    // One more frame, so the details are laid out and painted as a real pop's are.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => onDone('rehearsed'), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [detailsShown, onDone]);

  if (!found) return null;
  return (
    <div className="cc-rehearsal" inert>
      <CustomerCard customerId={found.id} callKey={null} callStartedAt={null} knownCustomer={found} onDetailsShown={() => setDetailsShown(true)} />
    </div>
  );
}

/**
 * Primes the screen-pop path once the agent is signed in, when the browser is idle: one phone
 * lookup and one read of each detail table, so the first call of the shift does not pay for
 * opening the indexes and warming the query code (the first pop was the slowest in the profile).
 * Reads only; nothing is shown.
 */
import { useEffect } from 'react';
import {
  customerComplaints, customerConsents, customerIdentities, customerTimeline, findCustomerByPhone, useSyncSession,
} from '@features/sync';

/** A number no customer has (the reserved +34 600 000 000 range start): the lookup misses on purpose. */
const WARM_UP_PHONE = '+34600000000';
const WARM_UP_ID = '00000000-0000-7000-8000-000000000000';

export function usePopWarmUp(): void {
  const session = useSyncSession();
  useEffect(() => {
    if (!session) return undefined;
    const { db } = session.store;
    const warm = () => {
      void Promise.all([
        findCustomerByPhone(db, WARM_UP_PHONE), customerIdentities(db, WARM_UP_ID), customerConsents(db, WARM_UP_ID),
        customerComplaints(db, WARM_UP_ID), customerTimeline(db, WARM_UP_ID, 1),
      ]).catch(() => undefined);
    };
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(warm, { timeout: 5_000 });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = window.setTimeout(warm, 1_000);
    return () => window.clearTimeout(timer);
  }, [session]);
}

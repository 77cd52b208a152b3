/**
 * Writes every finished call (inbound or outbound, answered or missed, transferred) as an
 * interaction record through the data layer's outbox, which delivers it to the backend exactly
 * once. The softphone engine knows nothing of this: it only reports calls that ended, and keeps
 * the record id we hand back (`useCallRecordId`) so the wrap-up attaches to the same record.
 */
import { useEffect, useRef } from 'react';
import { findCustomerByPhone, getSyncSession, recordInteraction, subscribeSyncSession } from '@features/sync';
import { useCallEnded, useCallRecordSetter, type LineSnapshot } from '@features/softphone';
import { interactionFromCall } from './interaction-record';

/** Call-IDs already queued in this window: a call is recorded once even if its end is seen twice. */
const seen = new Set<string>();

export function useInteractionRecorder(): void {
  const setRecord = useCallRecordSetter();
  const queue = useRef<LineSnapshot[]>([]);
  const flushing = useRef(false);
  const latestSetRecord = useRef(setRecord);
  latestSetRecord.current = setRecord;

  const flush = useRef(async (): Promise<void> => {
    const session = getSyncSession();
    if (!session || flushing.current) return;
    flushing.current = true;
    try {
      while (queue.current.length > 0) {
        const line = queue.current[0]!;
        const customer = line.remoteNumber ? await findCustomerByPhone(session.store.db, line.remoteNumber).catch(() => undefined) : undefined;
        const fields = interactionFromCall(line, customer?.id ?? null);
        if (fields && line.callId !== null) latestSetRecord.current(line.callId, await recordInteraction(session.store, fields));
        queue.current.shift();
      }
    } catch (error) {
      // The local store refused the write (quota, blocked): the call stays queued for the next try.
      console.warn('A call record could not be stored yet', error);
    } finally {
      flushing.current = false;
    }
  });

  // Calls that ended before the sync session opened are written as soon as it does.
  useEffect(() => subscribeSyncSession(() => void flush.current()), []);

  useCallEnded((line) => {
    if (line.callId === null || seen.has(line.callId)) return;
    seen.add(line.callId);
    queue.current.push(line);
    void flush.current();
  });
}

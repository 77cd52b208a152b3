/**
 * Writes every call (inbound or outbound, answered or missed, transferred) as an interaction
 * record through the data layer's outbox, which delivers it to the backend exactly once. The
 * record is written when the call is answered (`endedAt` null) and closed when it ends; a call
 * never answered is written when it ends. A journal (open-calls.ts), refreshed on every change
 * of the lines and by a heartbeat, lets the next start close the record of a call a crashed
 * window left open, with the last moment the window was alive. The softphone engine knows
 * nothing of this: it reports calls that are answered and end, and keeps the record id we hand back
 * (`useCallRecordId`) so the wrap-up attaches to the same record.
 */
import { useEffect, useRef } from 'react';
import {
  endInteraction, findCustomerByPhone, getSyncSession, recordInteraction, subscribeSyncSession, type SyncSession,
} from '@features/sync';
import { useCallAnswered, useCallEnded, useCallRecordSetter, useLines, type LineSnapshot } from '@features/softphone';
import { interactionEnd, interactionFromCall, interactionStart } from './interaction-record';
import { aliveWindows, crashedCalls, holdWindowLock, openCallJournal, WINDOW_ID } from './open-calls';

/** How often a live call's journal entry is refreshed: at most this much of a crashed call is lost. */
const HEARTBEAT_MS = 10_000;

type Task = { kind: 'start' | 'end'; line: LineSnapshot };

/** Call-ID → record id, and the (Call-ID, kind) pairs already queued in this window. */
const records = new Map<string, string>();
const queued = new Set<string>();

/** Records queued but not yet stored, and who waits for them (sign-out stores the last call first). */
let unsettled = 0;
const settleWaiters = new Set<() => void>();

function settleOne(): void {
  unsettled = Math.max(0, unsettled - 1);
  if (unsettled > 0) return;
  for (const resolve of settleWaiters) resolve();
  settleWaiters.clear();
}

/** Resolves when every call record queued so far is in the local store. */
export function callRecordsSettled(): Promise<void> {
  if (unsettled === 0) return Promise.resolve();
  return new Promise((resolve) => settleWaiters.add(resolve));
}

export function useInteractionRecorder(): void {
  const setRecord = useCallRecordSetter();
  const queue = useRef<Task[]>([]);
  const flushing = useRef(false);
  const latestSetRecord = useRef(setRecord);
  latestSetRecord.current = setRecord;
  const lines = useLines();
  const latestLines = useRef(lines);
  latestLines.current = lines;

  const flush = useRef(async (): Promise<void> => {
    const session = getSyncSession();
    if (!session || flushing.current) return;
    flushing.current = true;
    try {
      while (queue.current.length > 0) {
        await perform(session, queue.current[0]!, latestSetRecord.current);
        queue.current.shift();
        settleOne();
      }
    } catch (error) {
      // The local store refused the write (quota, blocked): the call stays queued for the next try.
      console.warn('A call record could not be stored yet', error);
    } finally {
      flushing.current = false;
    }
  });

  // Calls seen before the sync session opened are written as soon as it does; records a crashed
  // window left open are closed then too.
  useEffect(() => {
    const onSession = (): void => {
      const session = getSyncSession();
      if (!session) return;
      void closeCrashedCalls(session).catch((error: unknown) => console.warn('Calls left open by a closed window could not be closed yet', error));
      void flush.current();
    };
    void holdWindowLock().then(onSession);
    return subscribeSyncSession(onSession);
  }, []);

  useEffect(() => {
    const timer = setInterval(() => {
      const session = getSyncSession();
      if (session) heartbeat(session, latestLines.current);
    }, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, []);
  // A hold or resume is in the journal at once, not only at the next beat.
  useEffect(() => {
    const session = getSyncSession();
    if (session) heartbeat(session, lines);
  }, [lines]);

  const enqueue = (kind: Task['kind'], line: LineSnapshot): void => {
    if (line.callId === null || queued.has(`${kind}:${line.callId}`)) return;
    queued.add(`${kind}:${line.callId}`);
    queue.current.push({ kind, line });
    unsettled += 1;
    void flush.current();
  };
  useCallAnswered((line) => enqueue('start', line));
  useCallEnded((line) => enqueue('end', line));
}

async function perform(session: SyncSession, { kind, line }: Task, setRecord: (callId: string, recordId: string) => void): Promise<void> {
  const callId = line.callId;
  if (callId === null) return;
  const { store } = session;
  const journal = openCallJournal(store.userId);
  const recordId = records.get(callId);
  if (kind === 'end' && recordId) {
    await endInteraction(store, recordId, interactionEnd(line, line.endedAt ?? Date.now()));
    journal.remove(recordId);
    return;
  }
  const customer = line.remoteNumber ? await findCustomerByPhone(store.db, line.remoteNumber).catch(() => undefined) : undefined;
  const fields = kind === 'start' ? interactionStart(line, customer?.id ?? null) : interactionFromCall(line, customer?.id ?? null);
  if (!fields) return;
  const id = await recordInteraction(store, fields);
  records.set(callId, id);
  setRecord(callId, id);
  if (kind === 'start') journal.put({ recordId: id, window: WINDOW_ID, end: interactionEnd(line, Date.now()) });
}

/** Refreshes the journal entry of every call still up here (its end as of now). */
function heartbeat(session: SyncSession, lines: readonly LineSnapshot[]): void {
  const journal = openCallJournal(session.store.userId);
  const now = Date.now();
  for (const line of lines) {
    const recordId = line.callId === null ? undefined : records.get(line.callId);
    if (recordId && line.status !== 'ended' && line.status !== 'idle') journal.put({ recordId, window: WINDOW_ID, end: interactionEnd(line, now) });
  }
}

let closing: Promise<void> | null = null;

/** Closes the records windows that are gone left open (once at a time: each is ended once). */
function closeCrashedCalls(session: SyncSession): Promise<void> {
  closing ??= (async () => {
    const journal = openCallJournal(session.store.userId);
    for (const call of crashedCalls(journal, WINDOW_ID, await aliveWindows())) {
      await endInteraction(session.store, call.recordId, call.end);
      journal.remove(call.recordId);
    }
  })().finally(() => {
    closing = null;
  });
  return closing;
}

/**
 * Sign-out from the workspace. A stray click must not drop a customer: with a call up, the agent
 * confirms first; then the calls are hung up, their records stored locally, and pushed if the
 * server answers within a few seconds, so the team lead sees the call end now and not at this
 * agent's next sign-in (the outbox would deliver it then anyway: nothing is lost either way).
 */
import { useRef, useState } from 'react';
import { getSyncSession } from '@features/sync';
import { useLines, useSoftphoneActions, type LineSnapshot } from '@features/softphone';
import { signOut } from '../session';
import { callRecordsSettled } from '../phone/useInteractionRecorder';

/** Longest wait for each step (hang-up, local record, push) before signing out regardless. */
const STEP_LIMIT_MS = 5_000;

const isUp = (line: LineSnapshot): boolean => line.status !== 'idle' && line.status !== 'ended';

function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    void work.then(done, done);
  });
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => (condition() ? resolve() : void setTimeout(check, 50));
    check();
  });
}

export interface SignOutFlow {
  busy: boolean;
  /** True while the "you are on a call" confirmation is open. */
  confirming: boolean;
  request(): void;
  confirm(): void;
  cancel(): void;
}

export function useSignOut(): SignOutFlow {
  const lines = useLines();
  const latestLines = useRef(lines);
  latestLines.current = lines;
  const actions = useSoftphoneActions();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    try {
      const up = latestLines.current.filter(isUp);
      if (up.length > 0) {
        await Promise.all(up.map((line) => actions.hangup(line.id).catch(() => false)));
        await atMost(until(() => !latestLines.current.some(isUp)), STEP_LIMIT_MS);
        await atMost(callRecordsSettled(), STEP_LIMIT_MS);
        const session = getSyncSession();
        if (session) {
          session.engine.requestSync(true);
          await atMost(session.engine.whenIdle(), STEP_LIMIT_MS);
        }
      }
      await signOut();
    } finally {
      setBusy(false);
    }
  };

  return {
    busy,
    confirming,
    request: () => (latestLines.current.some(isUp) ? setConfirming(true) : void run()),
    confirm: () => void run(),
    cancel: () => setConfirming(false),
  };
}

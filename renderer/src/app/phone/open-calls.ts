/**
 * Calls whose interaction record is written but not yet closed, per agent, in localStorage: a
 * window that crashes (or is killed) mid-call leaves its entries behind, and the next start
 * closes those records with what the last heartbeat saw. Each entry names the window that owns
 * it; a window stays "alive" while it holds a Web Lock, so another window of the same agent
 * never closes a call that is still up elsewhere.
 */
import type { InteractionEnd } from '@features/sync';

export interface OpenCall {
  recordId: string;
  /** The window recording the call. */
  window: string;
  /** The call's end as of the last heartbeat (endedAt = when the window was last alive). */
  end: InteractionEnd;
}

export interface OpenCallJournal {
  list(): OpenCall[];
  put(call: OpenCall): void;
  remove(recordId: string): void;
}

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const keyOf = (userId: string): string => `centralita.open-calls.${userId}`;

function isOpenCall(value: unknown): value is OpenCall {
  const call = value as Partial<OpenCall> | null;
  return typeof call?.recordId === 'string' && typeof call.window === 'string' && typeof call.end?.endedAt === 'string';
}

export function openCallJournal(userId: string, storage: KeyValue | undefined = globalThis.localStorage): OpenCallJournal {
  const read = (): OpenCall[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(keyOf(userId)) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isOpenCall) : [];
    } catch {
      return [];
    }
  };
  const write = (calls: OpenCall[]): void => {
    try {
      if (calls.length === 0) storage?.removeItem(keyOf(userId));
      else storage?.setItem(keyOf(userId), JSON.stringify(calls));
    } catch {
      // Storage full or blocked: the call is still recorded, only crash recovery is lost.
    }
  };
  return {
    list: read,
    put: (call) => write([...read().filter((other) => other.recordId !== call.recordId), call]),
    remove: (recordId) => write(read().filter((call) => call.recordId !== recordId)),
  };
}

/** Entries left by windows that are gone (never this window's own, never a live window's). */
export function crashedCalls(journal: OpenCallJournal, ownWindow: string, alive: ReadonlySet<string>): OpenCall[] {
  return journal.list().filter((call) => call.window !== ownWindow && !alive.has(call.window));
}

const LOCK_PREFIX = 'centralita-window-';

/** This window's id, alive (Web Lock held) until the window goes. */
export const WINDOW_ID: string = globalThis.crypto?.randomUUID?.() ?? `w${Date.now()}${Math.random()}`;

let lockTaken = false;

/** Takes this window's lock once; resolves when it is held (or at once without Web Locks). */
export function holdWindowLock(): Promise<void> {
  const locks = globalThis.navigator?.locks;
  if (!locks || lockTaken) return Promise.resolve();
  lockTaken = true;
  return new Promise((resolve) => {
    void locks.request(`${LOCK_PREFIX}${WINDOW_ID}`, () => {
      resolve();
      return new Promise<void>(() => undefined); // held for the window's lifetime
    });
  });
}

/** Windows alive now (their locks are held); without Web Locks only this one. */
export async function aliveWindows(): Promise<Set<string>> {
  const alive = new Set([WINDOW_ID]);
  const locks = globalThis.navigator?.locks;
  if (!locks) return alive;
  const { held = [] } = await locks.query();
  for (const lock of held) if (lock.name?.startsWith(LOCK_PREFIX)) alive.add(lock.name.slice(LOCK_PREFIX.length));
  return alive;
}

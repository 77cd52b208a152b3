/**
 * Calls placed from queue items, remembered until the call's wrap-up completes the item. Kept in
 * localStorage per user (not in memory) so a reload between the dial and the wrap-up still
 * completes the item, and so every window of the same user sees the same links.
 */
import { useCallback, useSyncExternalStore } from 'react';

export interface CallbackLink {
  itemId: string;
  customerId: string;
  /** The number dialled, as the softphone got it. */
  number: string;
  /** When the agent pressed Call (ISO). */
  dialledAt: string;
  /** SIP Call-ID of the call, once the softphone shows it. */
  callId: string | null;
  /** The interaction record the app wrote for that call, once it ended. */
  interactionId: string | null;
}

const keyOf = (userId: string) => `centralita.queues.callbackLinks.${userId}`;
const listeners = new Set<() => void>();
/** Parsed lists by user, so `useSyncExternalStore` gets the same array until something changes. */
const cache = new Map<string, { raw: string | null; links: CallbackLink[] }>();

function isLink(value: unknown): value is CallbackLink {
  const link = value as Partial<CallbackLink> | null;
  return typeof link?.itemId === 'string' && typeof link.customerId === 'string' && typeof link.number === 'string' && typeof link.dialledAt === 'string';
}

export function readLinks(userId: string): CallbackLink[] {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(keyOf(userId));
  } catch {
    // Storage blocked: behave as if nothing was remembered.
  }
  const cached = cache.get(userId);
  if (cached && cached.raw === raw) return cached.links;
  let links: CallbackLink[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) links = parsed.filter(isLink).map((link) => ({ ...link, callId: link.callId ?? null, interactionId: link.interactionId ?? null }));
  } catch {
    // A corrupt value is dropped rather than breaking the queue.
  }
  cache.set(userId, { raw, links });
  return links;
}

function writeLinks(userId: string, links: readonly CallbackLink[]): void {
  try {
    if (links.length === 0) window.localStorage.removeItem(keyOf(userId));
    else window.localStorage.setItem(keyOf(userId), JSON.stringify(links));
  } catch {
    // Storage full or blocked: the manual Complete dialog still works.
  }
  for (const listener of listeners) listener();
}

/** One link per item: calling again from the same item replaces the earlier call. */
export function rememberDial(userId: string, link: Omit<CallbackLink, 'callId' | 'interactionId'>): void {
  writeLinks(userId, [...readLinks(userId).filter((other) => other.itemId !== link.itemId), { ...link, callId: null, interactionId: null }]);
}

export function updateLink(userId: string, itemId: string, change: Partial<Pick<CallbackLink, 'callId' | 'interactionId'>>): void {
  const links = readLinks(userId);
  if (!links.some((link) => link.itemId === itemId)) return;
  writeLinks(userId, links.map((link) => (link.itemId === itemId ? { ...link, ...change } : link)));
}

export function forgetLink(userId: string, itemId: string): void {
  const links = readLinks(userId);
  if (links.some((link) => link.itemId === itemId)) writeLinks(userId, links.filter((link) => link.itemId !== itemId));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another window of the same user changed the links.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith('centralita.queues.callbackLinks.')) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const NONE: CallbackLink[] = [];

export function useCallbackLinks(userId: string | null): CallbackLink[] {
  const snapshot = useCallback(() => (userId ? readLinks(userId) : NONE), [userId]);
  return useSyncExternalStore(subscribe, snapshot, () => NONE);
}

export function useCallbackLink(userId: string | null, itemId: string): CallbackLink | null {
  return useCallbackLinks(userId).find((link) => link.itemId === itemId) ?? null;
}

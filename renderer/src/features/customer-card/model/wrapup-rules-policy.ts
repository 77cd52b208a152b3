/**
 * The after-call-work policy as this client knows it: the backend's (`afterCallWork` in
 * GET /api/reference, stored by the reference refresh), kept in localStorage so it holds offline
 * and from the first render after a restart; the contract's defaults until the first download.
 */
import { create } from 'zustand';
import { afterCallWorkSchema, DEFAULT_AFTER_CALL_WORK, type AfterCallWorkPolicy } from '@contract';

const STORAGE_KEY = 'centralita-after-call-work';

function load(): AfterCallWorkPolicy {
  try {
    const parsed = afterCallWorkSchema.safeParse(JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : DEFAULT_AFTER_CALL_WORK;
  } catch {
    return DEFAULT_AFTER_CALL_WORK;
  }
}

const usePolicyStore = create<AfterCallWorkPolicy>()(() => load());

/** Stores the policy the backend sent (ignored when it does not parse). */
export function rememberAfterCallWork(policy: unknown): void {
  const parsed = afterCallWorkSchema.safeParse(policy);
  if (!parsed.success) return;
  usePolicyStore.setState(parsed.data, true);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(parsed.data));
  } catch {
    // storage full or disabled: the policy still holds for this session
  }
}

export function useAfterCallWorkPolicy(): AfterCallWorkPolicy {
  return usePolicyStore();
}

/** Which signed-in view the address asks for: `#/lead` is the team-lead workspace, anything else the agent's. */
import { useSyncExternalStore } from 'react';

export type SignedInView = 'agent' | 'lead';
export const LEAD_HASH = '#/lead';
export const AGENT_HASH = '#/';

export function viewOfHash(hash: string): SignedInView {
  return hash === LEAD_HASH || hash.startsWith(`${LEAD_HASH}/`) ? 'lead' : 'agent';
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useSignedInView(): SignedInView {
  return useSyncExternalStore(subscribe, () => viewOfHash(window.location.hash), () => 'agent');
}

/** Only these roles get the team-lead workspace in the UI (the server checks again on every read). */
export function mayLead(role: string | undefined): boolean {
  return role === 'team_lead' || role === 'admin';
}

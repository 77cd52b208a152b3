/**
 * The agent's presence, derived from the phone: offline until registered, then the agent state
 * (busy on a call, after-call work, paused with its reason). Published to the backend
 * (`POST /api/presence`, on each change and as a heartbeat) and to the desktop tray.
 */
import { useEffect, useMemo } from 'react';
import type { AgentPresence } from '@contract';
import { serverPresence, useAgentState, useAgentStatus, useRegistrationState, type AgentStatus, type ServerPresence } from '@features/softphone';
import { desktop } from '@platform/desktop';
import { backendRequest } from './backend-request';

const DESKTOP_PRESENCE: Record<AgentStatus, AgentPresence> = {
  available: 'available',
  busy: 'on_call',
  'after-call-work': 'after_call_work',
  paused: 'paused',
};

/** The backend reads a state not refreshed within 180 s as offline: refresh well inside that. */
const HEARTBEAT_MS = 60_000;
/** A change is published this much later (see usePresencePublisher). */
const PUBLISH_DELAY_MS = 200;

export function useAgentPresence(): AgentPresence {
  const registered = useRegistrationState().status === 'registered';
  const status = useAgentStatus();
  return registered ? DESKTOP_PRESENCE[status] : 'offline';
}

/** Publishes the presence while mounted (one component in the workspace calls this). */
export function usePresencePublisher(): void {
  const registered = useRegistrationState().status === 'registered';
  const status = useAgentStatus();
  const agent = useAgentState();
  const body = useMemo<ServerPresence | { state: 'offline' }>(
    () => (registered ? serverPresence(status, agent) : { state: 'offline' }),
    [registered, status, agent],
  );
  const key = JSON.stringify(body);

  useEffect(() => {
    void desktop.setAgentPresence(registered ? DESKTOP_PRESENCE[status] : 'offline');
  }, [registered, status]);

  useEffect(() => {
    const publish = (): void => void backendRequest('POST', '/api/presence', JSON.parse(key)).catch(() => undefined); // next beat retries
    // Not in the ringing line's own task: the request's set-up would delay the screen pop.
    let pending = true;
    const first = setTimeout(() => {
      pending = false;
      publish();
    }, PUBLISH_DELAY_MS);
    const timer = setInterval(publish, HEARTBEAT_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
      // Replaced or unmounted (sign-out) before it went out: this state is still sent.
      if (pending) publish();
    };
  }, [key]);
}

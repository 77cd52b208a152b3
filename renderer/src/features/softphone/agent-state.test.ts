import { describe, expect, it } from 'vitest';
import { afterCallWorkOnEnd, agentStatus, chooseMode, INITIAL_AGENT_STATE, offersCalls, pauseOverrunMinutes, serverPresence } from './agent-state';
import { idleLine, type LineSnapshot } from './engine/types';

const lines = (first: Partial<LineSnapshot>, second: Partial<LineSnapshot> = {}): LineSnapshot[] => [
  { ...idleLine(0), ...first },
  { ...idleLine(1), ...second },
];
const paused = chooseMode({ mode: 'paused', pauseCode: 'LUNCH' }, 5);

describe('agent state', () => {
  it('is busy while any call is on a line, whatever the chosen mode', () => {
    expect(agentStatus(INITIAL_AGENT_STATE, lines({}))).toBe('available');
    expect(agentStatus(INITIAL_AGENT_STATE, lines({ status: 'ended' }, { status: 'dialing' }))).toBe('busy');
    expect(agentStatus(paused, lines({ status: 'held' }))).toBe('busy');
    expect(agentStatus(paused, lines({ status: 'ended' }))).toBe('paused');
  });

  it('offers new calls only to an available agent', () => {
    expect(offersCalls(INITIAL_AGENT_STATE)).toBe(true);
    expect(offersCalls(paused)).toBe(false);
    expect(offersCalls(chooseMode({ mode: 'after-call-work' }, 1))).toBe(false);
  });

  it('keeps the pause code only with the paused mode', () => {
    expect(paused).toEqual({ mode: 'paused', pauseCode: 'LUNCH', since: 5 });
    expect(chooseMode({ mode: 'available' }, 9)).toEqual({ mode: 'available', pauseCode: null, since: 9 });
  });

  it('starts after-call work when the last answered call ends', () => {
    const talking = lines({ status: 'connected', connectedAt: 1 });
    expect(afterCallWorkOnEnd(talking, lines({ status: 'ended', connectedAt: 1 }), INITIAL_AGENT_STATE, 7))
      .toEqual({ mode: 'after-call-work', pauseCode: null, since: 7 });
    // A missed or refused call is no work to wrap up.
    expect(afterCallWorkOnEnd(lines({ status: 'ringing' }), lines({ status: 'ended' }), INITIAL_AGENT_STATE, 7)).toBeNull();
    // Another call still on a line: not yet.
    expect(afterCallWorkOnEnd(lines({ status: 'connected', connectedAt: 1 }, { status: 'held' }), lines({ status: 'ended', connectedAt: 1 }, { status: 'held' }), INITIAL_AGENT_STATE, 7)).toBeNull();
    // An agent who paused during the call stays paused.
    expect(afterCallWorkOnEnd(talking, lines({ status: 'ended', connectedAt: 1 }), paused, 7)).toBeNull();
    // The same ended line seen again changes nothing.
    expect(afterCallWorkOnEnd(lines({ status: 'ended', connectedAt: 1 }), lines({ status: 'ended', connectedAt: 1 }), INITIAL_AGENT_STATE, 7)).toBeNull();
  });

  it('maps to the backend presence states', () => {
    expect(serverPresence('busy', paused)).toEqual({ state: 'on_call' });
    expect(serverPresence('after-call-work', INITIAL_AGENT_STATE)).toEqual({ state: 'wrap_up' });
    expect(serverPresence('paused', paused)).toEqual({ state: 'paused', pauseCode: 'LUNCH' });
    expect(serverPresence('available', INITIAL_AGENT_STATE)).toEqual({ state: 'available' });
  });
});

describe('pause limits (maxMinutes of the pause code)', () => {
  const reasons = [{ code: 'break', label: 'Break', maxMinutes: 15 }, { code: 'training', label: 'Training', maxMinutes: null }, { code: 'old', label: 'Old' }];
  const T0 = 1_000_000;
  const paused = (code: string) => chooseMode({ mode: 'paused', pauseCode: code }, T0);

  it('is within the limit until it has passed', () => {
    expect(pauseOverrunMinutes(paused('break'), reasons, T0 + 15 * 60_000)).toBeNull();
  });

  it('counts whole minutes over once exceeded', () => {
    expect(pauseOverrunMinutes(paused('break'), reasons, T0 + 15 * 60_000 + 1)).toBe(0);
    expect(pauseOverrunMinutes(paused('break'), reasons, T0 + 22 * 60_000 + 30_000)).toBe(7);
  });

  it('has no limit without maxMinutes, for an unknown reason, or when not paused', () => {
    expect(pauseOverrunMinutes(paused('training'), reasons, T0 + 10 * 3_600_000)).toBeNull();
    expect(pauseOverrunMinutes(paused('old'), reasons, T0 + 10 * 3_600_000)).toBeNull();
    expect(pauseOverrunMinutes(paused('gone'), reasons, T0 + 10 * 3_600_000)).toBeNull();
    expect(pauseOverrunMinutes(chooseMode({ mode: 'after-call-work' }, T0), reasons, T0 + 10 * 3_600_000)).toBeNull();
  });
});

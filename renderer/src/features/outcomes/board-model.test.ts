import { describe, expect, it } from 'vitest';
import type { BoardAgent } from './api';
import { countOverruns, pauseCodeLabel, pauseOverrun, secondsInStateNow } from './board-model';

const READ_AT = Date.parse('2026-12-03T10:00:00Z');

function agent(overrides: Partial<BoardAgent>): BoardAgent {
  return {
    agentId: 'a1', displayName: 'Ana', role: 'agent', state: 'paused', pauseCode: 'break', since: null,
    secondsInState: 0, stale: false, pauseMaxMinutes: 15, pauseOverrun: false, ...overrides,
  };
}

describe('secondsInStateNow', () => {
  it('counts on from the reading between refreshes, never backwards', () => {
    expect(secondsInStateNow(agent({ secondsInState: 100 }), READ_AT, READ_AT + 4_900)).toBe(104);
    expect(secondsInStateNow(agent({ secondsInState: 100 }), READ_AT, READ_AT - 3_000)).toBe(100);
    expect(secondsInStateNow(agent({ secondsInState: null }), READ_AT, READ_AT + 10_000)).toBeNull();
  });
});

describe('pauseOverrun', () => {
  it('is null within the limit, for pauses without a limit and for other states', () => {
    expect(pauseOverrun(agent({}), 15 * 60)).toBeNull();
    expect(pauseOverrun(agent({ pauseMaxMinutes: null }), 10 * 3600)).toBeNull();
    expect(pauseOverrun(agent({ state: 'available', pauseMaxMinutes: null }), 10 * 3600)).toBeNull();
    // A stale flag from an earlier state does not make an available agent overrun.
    expect(pauseOverrun(agent({ state: 'available', pauseOverrun: true }), 10 * 3600)).toBeNull();
  });

  it('gives the limit and the whole minutes past it', () => {
    expect(pauseOverrun(agent({}), 15 * 60 + 1)).toEqual({ limitMinutes: 15, overMinutes: 0 });
    expect(pauseOverrun(agent({ pauseOverrun: true }), 22 * 60 + 30)).toEqual({ limitMinutes: 15, overMinutes: 7 });
  });

  it("trusts the server's flag even when the seconds are unknown", () => {
    expect(pauseOverrun(agent({ pauseOverrun: true, secondsInState: null }), null)).toEqual({ limitMinutes: 15, overMinutes: 0 });
  });

  it('flags a pause that crossed its limit since the last reading', () => {
    const nearly = agent({ secondsInState: 15 * 60 - 2, pauseOverrun: false });
    expect(pauseOverrun(nearly, secondsInStateNow(nearly, READ_AT, READ_AT + 1_000))).toBeNull();
    expect(pauseOverrun(nearly, secondsInStateNow(nearly, READ_AT, READ_AT + 4_000))).toEqual({ limitMinutes: 15, overMinutes: 0 });
  });
});

describe('countOverruns', () => {
  it('counts the paused agents past their limit', () => {
    const agents = [
      agent({ agentId: 'over', secondsInState: 20 * 60, pauseOverrun: true }),
      agent({ agentId: 'within', secondsInState: 60 }),
      agent({ agentId: 'unlimited', pauseCode: 'training', pauseMaxMinutes: null, secondsInState: 5 * 3600 }),
      agent({ agentId: 'free', state: 'available', pauseCode: null, pauseMaxMinutes: null, secondsInState: 5 * 3600 }),
    ];
    expect(countOverruns(agents, READ_AT, READ_AT)).toBe(1);
  });
});

describe('pauseCodeLabel', () => {
  const rows = [{ id: 'break', code: 'break', labelEn: 'Break', labelEs: 'Descanso' }];
  it("uses the cached label in the viewer's language, else the code", () => {
    expect(pauseCodeLabel(rows, 'break', 'en-US')).toBe('Break');
    expect(pauseCodeLabel(rows, 'break', 'es-ES')).toBe('Descanso');
    expect(pauseCodeLabel(rows, 'lunch', 'en')).toBe('lunch');
    expect(pauseCodeLabel(undefined, 'lunch', 'es')).toBe('lunch');
  });
});

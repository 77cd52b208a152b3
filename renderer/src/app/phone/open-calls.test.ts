import { describe, expect, it } from 'vitest';
import { crashedCalls, openCallJournal, type OpenCall } from './open-calls';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const end = (endedAt: string) => ({ answeredAt: null, endedAt, holdSeconds: 0, transferTarget: null });
const entry = (recordId: string, window: string): OpenCall => ({ recordId, window, end: end('2026-01-05T09:00:10.000Z') });

describe('journal of calls recorded but not yet closed', () => {
  it('keeps one entry per record, per agent, and forgets the key when empty', () => {
    const storage = memoryStorage();
    const journal = openCallJournal('agent-1', storage);
    journal.put(entry('r1', 'w1'));
    journal.put({ ...entry('r1', 'w1'), end: end('2026-01-05T09:00:20.000Z') }); // heartbeat replaces
    journal.put(entry('r2', 'w1'));
    expect(journal.list().map((call) => [call.recordId, call.end.endedAt])).toEqual([['r1', '2026-01-05T09:00:20.000Z'], ['r2', '2026-01-05T09:00:10.000Z']]);
    expect(openCallJournal('agent-2', storage).list()).toEqual([]);
    journal.remove('r1');
    journal.remove('r2');
    expect(storage.data.size).toBe(0);
  });

  it('reads damaged storage as empty rather than failing the phone', () => {
    const storage = memoryStorage();
    storage.data.set('centralita.open-calls.agent-1', '{not json');
    expect(openCallJournal('agent-1', storage).list()).toEqual([]);
    storage.data.set('centralita.open-calls.agent-1', JSON.stringify([{ recordId: 'r1' }, entry('r2', 'w')]));
    expect(openCallJournal('agent-1', storage).list().map((call) => call.recordId)).toEqual(['r2']);
  });

  it('closes only what windows that are gone left open', () => {
    const journal = openCallJournal('agent-1', memoryStorage());
    journal.put(entry('mine', 'w-self'));
    journal.put(entry('other-live', 'w-live'));
    journal.put(entry('crashed', 'w-dead'));
    expect(crashedCalls(journal, 'w-self', new Set(['w-self', 'w-live'])).map((call) => call.recordId)).toEqual(['crashed']);
  });
});

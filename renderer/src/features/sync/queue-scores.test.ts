import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_WEIGHTS, type PriorityScore } from '@contract';
import { CentralitaDb, CURRENT_SCHEMA_VERSION, databaseName } from './schema';
import { readQueueScores, saveQueueScores, type SavedQueueScore } from './queue-scores';
import { customerConsents, findCustomerByPhone, queueItemsInStates } from './queries';
import { storesClosedAfterEach, uniqueUserId } from './test-support';
import { uuidv7 } from './uuid7';

const priority = (score: number, input = 'gold'): PriorityScore => ({ score, factors: [{ factor: 'loyalty', input, normalized: 1, weight: 20, contribution: score }] });
const saved = (score: number, input?: string): SavedQueueScore => ({ priority: priority(score, input), customerName: 'Ana', complaintTypeId: null });
const AT = '2026-03-10T11:00:00.000Z';

/** What each earlier version stored, written with that version's own schema. */
async function seedOldVersion(userId: string, version: number, ids: { customer: string; item: string }): Promise<void> {
  const old = new CentralitaDb(databaseName(userId), { upTo: version });
  await old.open();
  const identity = { id: uuidv7(), rev: 1, customerId: ids.customer, kind: 'phone', value: '+34600100200', label: null };
  const consent = { id: uuidv7(), rev: 1, customerId: ids.customer, channel: 'sms', status: 'granted' };
  const customer = { id: ids.customer, rev: 1, displayName: 'Ana', nameLower: 'ana', phones: ['+34600100200'], emails: [], customerNumbers: [] };
  // From v3 on, identities and consents live in their customer's row; before, in tables of their own.
  const embedded = version >= 3 ? { identities: [identity], consents: [consent], childIds: [identity.id, consent.id] } : {};
  await old.table('customers').put({ ...customer, ...embedded });
  await old.table('queueItems').put({ id: ids.item, rev: 1, kind: 'callback', customerId: ids.customer, state: 'open', assigneeId: null, dueAt: AT, note: '' });
  await old.table('interactions').put({ id: uuidv7(), rev: 1, customerId: ids.customer, answeredAt: AT });
  if (version < 3) {
    await old.table('identities').put(identity);
    await old.table('consents').put(consent);
  }
  old.close();
}

describe('schema v5: the work queue\'s saved scores (local-only table)', () => {
  const openStore = storesClosedAfterEach();

  for (const version of [1, 2, 3, 4]) {
    it(`upgrades a v${version} database: its data is kept and the saved-score table starts empty`, async () => {
      const userId = uniqueUserId(`scores-v${version}`);
      const ids = { customer: uuidv7(), item: uuidv7() };
      await seedOldVersion(userId, version, ids);

      const store = await openStore(userId);
      expect(store.db.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(CURRENT_SCHEMA_VERSION).toBe(5);
      expect(await store.db.queueScores.count()).toBe(0);
      expect(await readQueueScores(store.db)).toBeNull();
      expect(await findCustomerByPhone(store.db, '+34600100200')).toMatchObject({ id: ids.customer });
      expect((await queueItemsInStates(store.db, ['open'])).map((row) => row.id)).toEqual([ids.item]);
      // Earlier upgrades still run on the way (v2 backfills occurredAt, v3 embeds consents).
      if (version === 1) expect((await store.db.interactions.toArray())[0]).toMatchObject({ occurredAt: AT });
      expect(await customerConsents(store.db, ids.customer)).toMatchObject([{ channel: 'sms', status: 'granted' }]);
    });
  }

  it('keeps the scores, their explanations and the weights, and gives them back as saved', async () => {
    const store = await openStore(uniqueUserId('scores'));
    await saveQueueScores(store.db, new Map([['item-a', saved(42.5)], ['item-b', { ...saved(7), complaintTypeId: 'billing', customerName: 'Bo' }]]), { ...DEFAULT_PRIORITY_WEIGHTS, nps: 3 }, AT);
    const read = await readQueueScores(store.db);
    expect(read?.savedAt).toBe(AT);
    expect(read?.weights).toEqual({ ...DEFAULT_PRIORITY_WEIGHTS, nps: 3 });
    expect(read?.scores).toEqual(new Map([['item-a', saved(42.5)], ['item-b', { ...saved(7), complaintTypeId: 'billing', customerName: 'Bo' }]]));
    // The meta row is not in the score index: only items are walked by score.
    expect(await store.db.queueScores.orderBy('score').primaryKeys()).toEqual(['item-b', 'item-a']);
  });

  it('a new read writes only what changed and forgets items the server no longer returns', async () => {
    const store = await openStore(uniqueUserId('scores-diff'));
    const first = new Map([['a', saved(10)], ['b', saved(20)], ['c', saved(30)], ['e', saved(40)]]);
    expect(await saveQueueScores(store.db, first, DEFAULT_PRIORITY_WEIGHTS, AT)).toEqual({ written: 4, deleted: 0 });
    // a: same; b: same score, another explanation; c: gone; d: new; e: another score.
    const second = new Map([['a', saved(10)], ['b', saved(20, 'silver')], ['d', saved(5)], ['e', saved(12)]]);
    expect(await saveQueueScores(store.db, second, DEFAULT_PRIORITY_WEIGHTS, '2026-03-10T11:01:00.000Z', first)).toEqual({ written: 3, deleted: 1 });
    const read = await readQueueScores(store.db);
    expect(read?.scores).toEqual(second);
    expect(read?.savedAt).toBe('2026-03-10T11:01:00.000Z');
  });

  it('compares scores with what is stored, whatever the caller last saw: a change made by another window is not missed', async () => {
    const store = await openStore(uniqueUserId('scores-other-window'));
    await saveQueueScores(store.db, new Map([['a', saved(10)]]), DEFAULT_PRIORITY_WEIGHTS, AT);
    // Another window saved a newer read meanwhile; this one still believes a = 10.
    await saveQueueScores(store.db, new Map([['a', saved(25)]]), DEFAULT_PRIORITY_WEIGHTS, AT);
    expect(await saveQueueScores(store.db, new Map([['a', saved(10)]]), DEFAULT_PRIORITY_WEIGHTS, AT, new Map([['a', saved(10)]]))).toEqual({ written: 1, deleted: 0 });
    expect((await readQueueScores(store.db))?.scores.get('a')?.priority.score).toBe(10);
  });

  it('is per user: another agent on the same computer sees none of them', async () => {
    const first = await openStore(uniqueUserId('scores-one'));
    const second = await openStore(uniqueUserId('scores-two'));
    await saveQueueScores(first.db, new Map([['a', saved(10)]]), DEFAULT_PRIORITY_WEIGHTS, AT);
    expect(await readQueueScores(second.db)).toBeNull();
  });
});

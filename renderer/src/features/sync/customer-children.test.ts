import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CentralitaDb, CURRENT_SCHEMA_VERSION, databaseName } from './schema';
import { applyPullPage } from './pull';
import { downloadSnapshot } from './snapshot';
import { addIdentity, removeIdentity, setConsent } from './repositories';
import { customerConsents, customerIdentities, findCustomerByPhone } from './queries';
import { resolveCustomer } from './merges';
import type { SyncStore } from './store';
import { parsePullReply } from './transport';
import { fakeTransport, snapshotBatch, storesClosedAfterEach, uniqueUserId } from './test-support';
import { uuidv7 } from './uuid7';

function customerData(id: string, displayName: string, rev = 1) {
  return { id, displayName, language: null, preferredChannel: null, loyaltyLevel: 'none', clv: 0, influencer: false, influencerReach: 0, mergedInto: null, fieldTs: {}, rev };
}
const phoneRow = (id: string, customerId: string, value: string) => ({ id, rev: 1, customerId, kind: 'phone', value, label: null });

describe('identities and consents stored in their customer row (schema v3)', () => {
  let store: SyncStore | null = null;
  const openStore = storesClosedAfterEach();

  it('upgrades a v2 database: children move into their customers, lookups still work, orphans wait in a placeholder', async () => {
    const userId = uniqueUserId('upgrade');
    const customerId = uuidv7();
    const orphanOwner = uuidv7();
    const old = new CentralitaDb(databaseName(userId), { upTo: 2 });
    await old.open();
    await old.table('customers').put({ id: customerId, rev: 2, displayName: 'Ana', nameLower: 'ana', phones: ['+34600100200'], emails: [], customerNumbers: [] });
    await old.table('identities').bulkPut([phoneRow(uuidv7(), customerId, '+34600100200'), { id: uuidv7(), rev: 1, customerId, kind: 'email', value: 'ana@example.com' }]);
    await old.table('consents').bulkPut([
      { id: uuidv7(), rev: 1, customerId, channel: 'sms', status: 'revoked', changedAt: '2026-01-02T00:00:00.000Z' },
      { id: uuidv7(), rev: 1, customerId: orphanOwner, channel: 'email', status: 'granted' },
    ]);
    old.close();

    store = await openStore(userId);
    expect(store.db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(store.db.tables.map((table) => table.name)).not.toContain('identities');
    const ana = await findCustomerByPhone(store.db, '+34 600 100 200');
    expect(ana).toMatchObject({ id: customerId, displayName: 'Ana', emails: ['ana@example.com'] });
    expect((await customerIdentities(store.db, customerId)).map((row) => row.value).sort()).toEqual(['+34600100200', 'ana@example.com']);
    expect(await customerConsents(store.db, customerId)).toMatchObject([{ channel: 'sms', status: 'revoked', changedAt: '2026-01-02T00:00:00.000Z' }]);
    // The consent whose customer was never cached is kept, but no screen shows a nameless customer.
    expect(await customerConsents(store.db, orphanOwner)).toMatchObject([{ channel: 'email' }]);
    expect(await resolveCustomer(store.db, orphanOwner)).toBeUndefined();
  });

  it('local identity and consent edits rewrite the customer row and its lookup keys', async () => {
    store = await openStore(uniqueUserId('children'));
    const customerId = uuidv7();
    await applyPullPage({ db: store.db, userId: store.userId }, parsePullReply({ cursor: '1', hasMore: false, changes: [
      { seq: '1', entity: 'customer', entityId: customerId, op: 'upsert', rev: 1, data: customerData(customerId, 'Berta') },
    ] }));
    const phone = await addIdentity(store, customerId, 'phone', '+34 611 222 333');
    await setConsent(store, customerId, 'email', 'revoke', 'agent');
    await setConsent(store, customerId, 'email', 'grant', 'agent');
    expect((await findCustomerByPhone(store.db, '+34611222333'))?.id).toBe(customerId);
    // One consent per channel: the second decision updates the same entity.
    const consents = await customerConsents(store.db, customerId);
    expect(consents).toHaveLength(1);
    const outbox = await store.db.outbox.orderBy(':id').toArray();
    expect(outbox.map((entry) => [entry.entity, entry.op])).toEqual([['identity', 'add'], ['consent', 'revoke'], ['consent', 'grant']]);
    expect(outbox[2]!.entityId).toBe(outbox[1]!.entityId);

    await removeIdentity(store, phone);
    expect(await findCustomerByPhone(store.db, '+34611222333')).toBeUndefined();
    expect(await customerIdentities(store.db, customerId)).toEqual([]);
  });

  it('an identity pulled before its customer waits in a placeholder; the customer row then keeps it; a tombstone removes it', async () => {
    store = await openStore(uniqueUserId('order'));
    const target = { db: store.db, userId: store.userId };
    const customerId = uuidv7();
    const phoneId = uuidv7();
    await applyPullPage(target, parsePullReply({ cursor: '1', hasMore: false, changes: [
      { seq: '1', entity: 'identity', entityId: phoneId, op: 'upsert', rev: 1, data: phoneRow(phoneId, customerId, '+34622000111') },
    ] }));
    expect(await findCustomerByPhone(store.db, '+34622000111')).toBeUndefined();
    expect(await resolveCustomer(store.db, customerId)).toBeUndefined();

    await applyPullPage(target, parsePullReply({ cursor: '2', hasMore: false, changes: [
      { seq: '2', entity: 'customer', entityId: customerId, op: 'upsert', rev: 1, data: customerData(customerId, 'Carla') },
    ] }));
    const carla = await findCustomerByPhone(store.db, '+34622000111');
    expect(carla).toMatchObject({ id: customerId, displayName: 'Carla' });
    expect(carla).not.toHaveProperty('placeholder');

    // A later server change of the customer keeps the identities stored in its row.
    await applyPullPage(target, parsePullReply({ cursor: '3', hasMore: false, changes: [
      { seq: '3', entity: 'customer', entityId: customerId, op: 'upsert', rev: 2, data: customerData(customerId, 'Carla Ruiz', 2) },
      { seq: '4', entity: 'identity', entityId: phoneId, op: 'delete', rev: 2, data: null },
    ] }));
    expect(await resolveCustomer(store.db, customerId)).toMatchObject({ displayName: 'Carla Ruiz', phones: [] });
    expect(await customerIdentities(store.db, customerId)).toEqual([]);
  });

  it('a consent decided offline under a fresh id and the server\'s consent for that channel: one row, the later decision', async () => {
    store = await openStore(uniqueUserId('consent'));
    const target = { db: store.db, userId: store.userId };
    const customerId = uuidv7();
    const serverConsent = uuidv7();
    await applyPullPage(target, parsePullReply({ cursor: '1', hasMore: false, changes: [
      { seq: '1', entity: 'customer', entityId: customerId, op: 'upsert', rev: 1, data: customerData(customerId, 'Elena') },
    ] }));
    // Offline, before the server's consent for email was pulled: a revocation under a fresh id.
    await setConsent(store, customerId, 'email', 'revoke', 'agent');
    const [revocation] = await store.db.outbox.orderBy(':id').toArray();
    const consentRow = (stamp: string, status: string, rev: number) => ({
      seq: String(rev + 1), entity: 'consent' as const, entityId: serverConsent, op: 'upsert' as const, rev,
      data: { id: serverConsent, customerId, channel: 'email', status, source: 'web', stamp, stampedAt: '2026-01-01T00:00:00.000Z', revokedAt: null, rev },
    });
    // The pull brings the server's older grant: the agent's later revocation is what shows.
    await applyPullPage(target, parsePullReply({ cursor: '2', hasMore: false, changes: [consentRow('0000000000001-0000-server', 'granted', 1)] }));
    expect(await customerConsents(store.db, customerId)).toMatchObject([{ id: revocation!.entityId, status: 'revoked' }]);
    // The server applied the revocation to its own row (same stamp): that row replaces ours.
    await applyPullPage(target, parsePullReply({ cursor: '3', hasMore: false, changes: [consentRow(revocation!.clientTs, 'revoked', 2)] }));
    expect(await customerConsents(store.db, customerId)).toMatchObject([{ id: serverConsent, status: 'revoked' }]);
  });

  it('a merge moves the duplicate\'s consents to the survivor, one per channel: the later decision stays', async () => {
    store = await openStore(uniqueUserId('merge-consent'));
    const target = { db: store.db, userId: store.userId };
    const [duplicate, survivor, oldGrant, newRevocation, smsGrant] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const consent = (seq: string, id: string, customerId: string, channel: string, status: string, stamp: string) => ({
      seq, entity: 'consent' as const, entityId: id, op: 'upsert' as const, rev: 1,
      data: { id, customerId, channel, status, source: 'web', stamp, stampedAt: '2026-01-01T00:00:00.000Z', revokedAt: null, rev: 1 },
    });
    await applyPullPage(target, parsePullReply({ cursor: '5', hasMore: false, changes: [
      { seq: '1', entity: 'customer', entityId: duplicate, op: 'upsert', rev: 1, data: customerData(duplicate, 'Flor Duplicada') },
      { seq: '2', entity: 'customer', entityId: survivor, op: 'upsert', rev: 1, data: customerData(survivor, 'Flor') },
      consent('3', oldGrant, duplicate, 'email', 'granted', '0000000000001-0000-server'),
      consent('4', newRevocation, survivor, 'email', 'revoked', '0000000000002-0000-server'),
      consent('5', smsGrant, duplicate, 'sms', 'granted', '0000000000001-0000-server'),
    ] }));
    await applyPullPage(target, parsePullReply({ cursor: '6', hasMore: false, changes: [
      { seq: '6', entity: 'customer', entityId: duplicate, op: 'upsert', rev: 2, data: { ...customerData(duplicate, 'Flor Duplicada', 2), mergedInto: survivor } },
    ] }));
    const consents = await customerConsents(store.db, survivor);
    expect(consents.map((row) => [row.id, row.channel, row.status]).sort()).toEqual([[newRevocation, 'email', 'revoked'], [smsGrant, 'sms', 'granted']].sort());
    expect(await customerConsents(store.db, duplicate)).toEqual([]);
  });

  it('a snapshot page keeps identities added offline and still pending, and rebases pending consent edits', async () => {
    store = await openStore(uniqueUserId('snapshot'));
    const customerId = uuidv7();
    const consentId = uuidv7();
    const page = () => snapshotBatch({ cursor: '9', total: 1, rows: {
      customers: [customerData(customerId, 'Dora')],
      identities: [phoneRow(uuidv7(), customerId, '+34633000111')],
      consents: [{ id: consentId, rev: 1, customerId, channel: 'sms', status: 'granted', changedAt: '2026-01-01T00:00:00.000Z', changedTs: null }],
    } });
    await downloadSnapshot({ db: store.db, userId: store.userId }, fakeTransport({ snapshot: async () => page() }));
    await addIdentity(store, customerId, 'email', 'dora@example.com');
    await setConsent(store, customerId, 'sms', 'revoke', 'agent');

    // A refetch brings the same server state again while both edits are unsent.
    await store.db.syncState.delete('snapshot');
    await downloadSnapshot({ db: store.db, userId: store.userId }, fakeTransport({ snapshot: async () => page() }));
    const dora = await findCustomerByPhone(store.db, '+34633000111');
    expect(dora).toMatchObject({ id: customerId, emails: ['dora@example.com'] });
    expect(await customerConsents(store.db, customerId)).toMatchObject([{ id: consentId, status: 'revoked' }]);
  });
});

describe('a placeholder is replaced when its customer arrives in a snapshot', () => {
  const openStore = storesClosedAfterEach();

  it('keeps the child, gains the name and the lookup keys', async () => {
    const userId = uniqueUserId('placeholder');
    const customerId = 'bf025de0-0000-4880-ae6f-000000000000';
    const phoneId = uuidv7();
    const old = new CentralitaDb(databaseName(userId), { upTo: 1 });
    await old.open();
    await old.table('identities').put(phoneRow(phoneId, customerId, '+34699400401'));
    old.close();
    const store = await openStore(userId);
    const page = snapshotBatch({ cursor: '9', total: 1, rows: { customers: [customerData(customerId, 'Laura')], identities: [phoneRow(phoneId, customerId, '+34699400401')] } });
    await downloadSnapshot({ db: store.db, userId: store.userId }, fakeTransport({ snapshot: async () => page }));
    expect(await findCustomerByPhone(store.db, '+34699400401')).toMatchObject({ id: customerId, displayName: 'Laura' });
  });
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatHlc, type Mutation } from '@contract';
import { compactChild, expandChild } from './stored-rows';
import { childrenOf, withChildIndexes } from './customer-children';
import { downloadSnapshot } from './snapshot';
import { applyPullPage } from './pull';
import { pushBatch } from './push';
import { addIdentity, removeIdentity, setConsent, updateCustomer } from './repositories';
import { customerConsents, customerIdentities, findCustomerByPhone } from './queries';
import { resolveCustomer } from './merges';
import { parsePullReply } from './transport';
import { fakeTransport, snapshotBatch, storesClosedAfterEach, uniqueUserId } from './test-support';
import { uuidv7 } from './uuid7';
import type { CustomerRow, EntityRow } from './rows';

// Server stamps an hour ahead of this machine's clock: the local HLC must still move past them.
const AHEAD = Date.now() + 3_600_000;
const stampAt = (wallMs: number, node = 'server') => formatHlc({ wallMs, counter: 0, node });
const iso = (wallMs: number) => new Date(wallMs).toISOString();

function customerData(id: string, displayName: string, rev = 1, fieldTs: Record<string, string> = {}) {
  return { id, displayName, language: 'es-ES', preferredChannel: 'call', loyaltyLevel: 'gold', clv: 12.5, influencer: false, influencerReach: 0, mergedInto: null, fieldTs, rev };
}

/** A customer's children exactly as the server sends them (server/src/sync/snapshot.ts shapes). */
function serverChildren(customerId: string) {
  const granted = Date.UTC(2025, 5, 1, 9);
  const revoked = Date.UTC(2026, 0, 2, 10);
  return {
    identities: [
      { id: uuidv7(), customerId, kind: 'phone', value: '+34611000111', label: 'mobile', rev: 1 },
      { id: uuidv7(), customerId, kind: 'email', value: 'ines@example.com', label: null, rev: 1 },
      { id: uuidv7(), customerId, kind: 'customer_number', value: 'C-0042', label: null, rev: 1 },
    ],
    consents: [
      { id: uuidv7(), customerId, channel: 'sms', status: 'granted', source: 'web', stamp: stampAt(granted), stampedAt: iso(granted), revokedAt: null, rev: 1 },
      { id: uuidv7(), customerId, channel: 'email', status: 'revoked', source: 'agent', stamp: stampAt(revoked), stampedAt: iso(revoked), revokedAt: iso(revoked), rev: 3 },
      // Not derivable (a merge kept an older row's times): stored as sent.
      { id: uuidv7(), customerId, channel: 'post', status: 'revoked', source: 'store', stamp: stampAt(granted), stampedAt: iso(granted + 1000), revokedAt: iso(revoked), rev: 1 },
    ],
  };
}

const byId = (rows: readonly EntityRow[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('compact children (pure)', () => {
  const holder = uuidv7();
  const { identities, consents } = serverChildren(holder);
  const cases: Array<['identity' | 'consent', EntityRow]> = [
    ...identities.map((row) => ['identity', row] as ['identity', EntityRow]),
    ...consents.map((row) => ['consent', row] as ['consent', EntityRow]),
    // Local rows: never seen by the server, a decision taken offline, a child of another customer.
    ['identity', { id: uuidv7(), rev: 0, customerId: holder, kind: 'email', value: 'new@example.com' }],
    ['consent', { id: uuidv7(), rev: 0, customerId: holder, channel: 'call', source: 'agent', status: 'revoked', changedAt: iso(AHEAD), changedTs: stampAt(AHEAD, 'me') }],
    ['identity', { id: uuidv7(), rev: 1, customerId: uuidv7(), kind: 'phone', value: '+34600000000', label: 'work' }],
  ];

  it.each(cases)('a %s reads back exactly as it was stored', (entity, row) => {
    // An identity without a label reads `label: null`, as the server sends it.
    const expected = entity === 'identity' && !('label' in row) ? { ...row, label: null } : row;
    expect(expandChild(entity, compactChild(entity, row, holder), holder, row.id)).toEqual(expected);
  });

  it('drops the id, the holder\'s id and the constant or derivable fields, keeps every other value', () => {
    expect(compactChild('identity', identities[0]!, holder)).toEqual({ kind: 'phone', value: '+34611000111', label: 'mobile' });
    expect(compactChild('identity', identities[1]!, holder)).toEqual({ kind: 'email', value: 'ines@example.com' });
    expect(compactChild('consent', consents[0]!, holder)).toEqual({ channel: 'sms', status: 'granted', source: 'web', stamp: consents[0]!.stamp });
    expect(compactChild('consent', consents[1]!, holder)).toEqual({ channel: 'email', status: 'revoked', source: 'agent', stamp: consents[1]!.stamp, rev: 3 });
    expect(compactChild('consent', consents[2]!, holder)).toMatchObject({ stampedAt: consents[2]!.stampedAt, revokedAt: consents[2]!.revokedAt });
  });

  it('a row stored whole (before compaction) reads the same: present fields are never overwritten', () => {
    const whole = { ...identities[0]!, label: 'home', rev: 2 };
    expect(expandChild('identity', whole, holder, uuidv7())).toEqual(whole);
  });

  it('ids come back from childIds: identities from its start, consents from its end', () => {
    const stored = withChildIndexes({ ...customerData(holder, 'Inés'), nameLower: 'ines', phones: [], emails: [], customerNumbers: [], identities, consents } as CustomerRow);
    expect(stored.childIds).toEqual([...identities, ...consents].map((row) => row.id));
    expect(stored.identities!.every((row) => !('id' in row) && !('customerId' in row))).toBe(true);
    expect(stored).toMatchObject({ phones: ['+34611000111'], emails: ['ines@example.com'], customerNumbers: ['C-0042'] });
    expect(childrenOf(stored, 'identity')).toEqual(identities);
    expect(childrenOf(stored, 'consent')).toEqual(consents);
    // Rebuilding a stored row again changes nothing.
    expect(withChildIndexes(stored)).toEqual(stored);
  });
});

describe('compact customer rows in the store', () => {
  const openStore = storesClosedAfterEach();

  it('a snapshot stores children compact and no fieldTs; reads give what the server sent; the clock moved past the stamps', async () => {
    const store = await openStore(uniqueUserId('compact-snap'));
    const customerId = uuidv7();
    const children = serverChildren(customerId);
    const fieldTs = { displayName: stampAt(AHEAD), language: stampAt(AHEAD - 5000) };
    await downloadSnapshot({ db: store.db, userId: store.userId }, fakeTransport({
      snapshot: async () => snapshotBatch({ cursor: '7', total: 1, rows: { customers: [customerData(customerId, 'Inés Ávila', 4, fieldTs)], ...children } }),
    }));

    const raw = (await store.db.customers.get(customerId))!;
    expect(raw).not.toHaveProperty('fieldTs');
    for (const child of [...raw.identities!, ...raw.consents!]) {
      expect(child).not.toHaveProperty('id');
      expect(child).not.toHaveProperty('customerId');
    }
    expect(byId(await customerIdentities(store.db, customerId))).toEqual(byId(children.identities));
    expect(byId(await customerConsents(store.db, customerId))).toEqual(byId(children.consents));
    const { fieldTs: _dropped, ...expectedCustomer } = customerData(customerId, 'Inés Ávila', 4, fieldTs);
    expect(await findCustomerByPhone(store.db, '+34 611 000 111')).toMatchObject(expectedCustomer);
    const clock = await store.db.syncState.get('clock');
    expect(clock?.key === 'clock' && clock.stamp! > fieldTs.displayName).toBe(true);
  });

  it('local edits, a tombstone and a pull keep every child\'s id and shape', async () => {
    const store = await openStore(uniqueUserId('compact-edits'));
    const target = { db: store.db, userId: store.userId };
    const customerId = uuidv7();
    const children = serverChildren(customerId);
    await downloadSnapshot(target, fakeTransport({
      snapshot: async () => snapshotBatch({ cursor: '7', total: 1, rows: { customers: [customerData(customerId, 'Inés')], ...children } }),
    }));

    // Removing the first identity shifts every position in childIds: the consents keep their ids.
    await removeIdentity(store, children.identities[0]!.id);
    const added = await addIdentity(store, customerId, 'phone', '+34 622 000 222');
    await setConsent(store, customerId, 'sms', 'revoke', 'agent');
    const consents = byId(await customerConsents(store.db, customerId));
    expect(consents.map((row) => row.id)).toEqual(byId(children.consents).map((row) => row.id));
    const sms = consents.find((row) => row.channel === 'sms')!;
    expect(sms).toMatchObject({ ...children.consents[0], status: 'revoked', source: 'agent' });
    expect(typeof sms.changedTs).toBe('string');
    const identities = await customerIdentities(store.db, customerId);
    expect(byId(identities)).toEqual(byId([
      children.identities[1]!, children.identities[2]!,
      { id: added, rev: 0, customerId, kind: 'phone', value: '+34622000222', label: null },
    ]));
    expect((await findCustomerByPhone(store.db, '+34622000222'))?.id).toBe(customerId);
    expect(await findCustomerByPhone(store.db, '+34611000111')).toBeUndefined();

    // The server's tombstone for the email and its row for the new phone (a pull page).
    await applyPullPage(target, parsePullReply({ cursor: '8', hasMore: false, changes: [
      { seq: '8', entity: 'identity', entityId: children.identities[1]!.id, op: 'delete', rev: 2, data: null },
      { seq: '9', entity: 'identity', entityId: added, op: 'upsert', rev: 1, data: { id: added, customerId, kind: 'phone', value: '+34622000222', label: 'mobile', rev: 1 } },
    ] }));
    expect(byId(await customerIdentities(store.db, customerId))).toEqual(byId([
      children.identities[2]!, { id: added, rev: 1, customerId, kind: 'phone', value: '+34622000222', label: 'mobile' },
    ]));
    expect(byId(await customerConsents(store.db, customerId)).map((row) => row.id)).toEqual(byId(children.consents).map((row) => row.id));
    expect((await store.db.customers.get(customerId))!.childIds).toHaveLength(5);
  });

  it('a pulled customer is stored without fieldTs; a push conflict moves the clock past the server\'s stamps', async () => {
    const store = await openStore(uniqueUserId('compact-conflict'));
    const target = { db: store.db, userId: store.userId, clientId: store.clientId };
    const customerId = uuidv7();
    const children = serverChildren(customerId);
    await applyPullPage(target, parsePullReply({ cursor: '3', hasMore: false, changes: [
      { seq: '1', entity: 'customer', entityId: customerId, op: 'upsert', rev: 1, data: customerData(customerId, 'Inés', 1, { displayName: stampAt(Date.UTC(2025, 0, 1)) }) },
      ...children.identities.map((data, index) => ({ seq: String(2 + index), entity: 'identity' as const, entityId: data.id, op: 'upsert' as const, rev: 1, data })),
    ] }));
    expect(await store.db.customers.get(customerId)).not.toHaveProperty('fieldTs');

    await updateCustomer(store, customerId, { displayName: 'Inés Local', language: 'en-GB' });
    const [edit] = await store.db.outbox.toArray();
    const later = stampAt(AHEAD + 60_000, 'other');
    const transport = fakeTransport({
      push: async (request) => request.mutations.map((mutation: Mutation) => ({
        ok: true as const,
        result: { id: mutation.id, status: 'conflict' as const, rev: 5, current: { ...customerData(customerId, 'Inés Remote', 5, { displayName: later, language: stampAt(1) }), language: 'en-GB' } },
      })),
    });
    await pushBatch(target, transport, 10);

    const row = (await store.db.customers.get(customerId))!;
    expect(row).toMatchObject({ displayName: 'Inés Remote', language: 'en-GB', rev: 5, nameLower: 'ines remote' });
    expect(row).not.toHaveProperty('fieldTs');
    expect(byId(await customerIdentities(store.db, customerId))).toEqual(byId(children.identities));
    const clock = await store.db.syncState.get('clock');
    expect(clock?.key === 'clock' && clock.stamp! > later).toBe(true);
    expect(await store.db.outbox.get(edit!.seq!)).toBeUndefined();
  });

  it('a merge moves compact children to the survivor under the survivor\'s id', async () => {
    const store = await openStore(uniqueUserId('compact-merge'));
    const target = { db: store.db, userId: store.userId };
    const [duplicate, survivor] = [uuidv7(), uuidv7()];
    const children = serverChildren(duplicate);
    await downloadSnapshot(target, fakeTransport({
      snapshot: async () => snapshotBatch({ cursor: '7', total: 2, rows: { customers: [customerData(duplicate, 'Inés Dup'), customerData(survivor, 'Inés')], ...children } }),
    }));
    await applyPullPage(target, parsePullReply({ cursor: '8', hasMore: false, changes: [
      { seq: '8', entity: 'customer', entityId: duplicate, op: 'upsert', rev: 2, data: { ...customerData(duplicate, 'Inés Dup', 2), mergedInto: survivor } },
    ] }));
    const moved = (rows: readonly EntityRow[]) => byId(rows.map((row) => ({ ...row, customerId: survivor })));
    expect(byId(await customerIdentities(store.db, survivor))).toEqual(moved(children.identities));
    expect(byId(await customerConsents(store.db, survivor))).toEqual(moved(children.consents));
    expect((await resolveCustomer(store.db, duplicate))?.id).toBe(survivor);
    expect((await findCustomerByPhone(store.db, '+34611000111'))?.id).toBe(survivor);
  });

  it('a row stored whole before compaction reads the same, and its next write compacts it', async () => {
    const store = await openStore(uniqueUserId('compact-old'));
    const customerId = uuidv7();
    const children = serverChildren(customerId);
    await store.db.customers.put({
      ...customerData(customerId, 'Inés', 2, { displayName: stampAt(1) }), nameLower: 'ines', ...children,
      childIds: [...children.identities, ...children.consents].map((row) => row.id),
      phones: ['+34611000111'], emails: ['ines@example.com'], customerNumbers: ['C-0042'],
    });
    expect(byId(await customerIdentities(store.db, customerId))).toEqual(byId(children.identities));
    expect(byId(await customerConsents(store.db, customerId))).toEqual(byId(children.consents));

    await setConsent(store, customerId, 'post', 'grant', 'agent');
    const raw = (await store.db.customers.get(customerId))!;
    expect([...raw.identities!, ...raw.consents!].some((child) => 'customerId' in child || 'id' in child)).toBe(false);
    expect(byId(await customerIdentities(store.db, customerId))).toEqual(byId(children.identities));
    expect((await customerConsents(store.db, customerId)).find((row) => row.channel === 'post')).toMatchObject({ id: children.consents[2]!.id, status: 'granted' });
  });
});

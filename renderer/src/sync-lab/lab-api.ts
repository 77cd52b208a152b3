/**
 * `window.__centralitaSync`: the sync feature's public API driven from Playwright. Exists only on
 * the sync-lab test page, never in the app. It signs in against the page's own origin.
 */
import { loginResponseSchema, type LoginResponse } from '@contract';
import * as sync from '@features/sync';
import { bench } from './bench';
import { watchCustomer } from './watch';

export interface LabOptions {
  periodMs?: number;
  downloadInWorker?: boolean;
}

async function login(username: string, password: string): Promise<LoginResponse> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login as ${username} failed: HTTP ${response.status} ${await response.text()}`);
  return loginResponseSchema.parse(await response.json());
}

function session() {
  return sync.requireSyncSession();
}

export function createLabApi(onSession: () => void) {
  let loginReply: LoginResponse | null = null;
  return {
    async signIn(username: string, password: string, options: LabOptions = {}) {
      loginReply = await login(username, password);
      const reply = loginReply;
      await sync.startSync({
        backendUrl: window.location.origin,
        getAccessToken: () => reply.accessToken,
        userId: reply.user.id,
        downloadInWorker: options.downloadInWorker ?? true,
        engine: { periodMs: options.periodMs ?? 5_000 },
      });
      onSession();
      return { userId: reply.user.id, accessToken: reply.accessToken, databaseName: sync.databaseName(reply.user.id) };
    },
    accessToken: () => loginReply?.accessToken ?? null,
    createCustomer: (customer: sync.NewCustomer) => sync.createCustomer(session().store, customer),
    updateCustomer: (customerId: string, changes: sync.CustomerFields) => sync.updateCustomer(session().store, customerId, changes),
    addIdentity: (customerId: string, kind: 'phone' | 'email' | 'customer_number', value: string) => sync.addIdentity(session().store, customerId, kind, value),
    setConsent: (customerId: string, channel: 'phone' | 'sms' | 'email' | 'whatsapp' | 'post', decision: 'grant' | 'revoke', source: string) =>
      sync.setConsent(session().store, customerId, channel, decision, source),
    recordInteraction: (interaction: sync.InteractionFields) => sync.recordInteraction(session().store, interaction),
    recordInteractions: (interactions: sync.InteractionFields[]) => sync.recordInteractions(session().store, interactions),
    saveWrapup: (interactionId: string, wrapup: sync.WrapupFields) => sync.saveWrapup(session().store, interactionId, wrapup),
    openComplaint: (complaint: sync.ComplaintFields) => sync.openComplaint(session().store, complaint),
    createQueueItem: (item: sync.QueueItemFields) => sync.createQueueItem(session().store, item),
    findCustomerByPhone: (phone: string) => sync.findCustomerByPhone(session().store.db, phone),
    searchCustomers: (query: string, limit?: number) => sync.searchCustomers(session().store.db, query, limit),
    getCustomer: (customerId: string) => session().store.db.customers.get(customerId),
    getInteraction: (interactionId: string) => session().store.db.interactions.get(interactionId),
    timeline: (customerId: string) => sync.customerTimeline(session().store.db, customerId),
    pendingCount: () => session().store.db.outbox.count(),
    outboxIds: async () => (await session().store.db.outbox.orderBy(':id').toArray()).map((entry) => entry.id),
    deadLetters: () => session().store.db.deadLetters.toArray(),
    retryDeadLetter: (id: string) => sync.retryDeadLetter(session().store.db, id),
    cursor: async () => {
      const meta = await session().store.db.syncState.get('meta');
      return meta?.key === 'meta' ? meta : null;
    },
    status: () => session().engine.status(),
    requestSync: () => session().engine.requestSync(true),
    whenIdle: () => session().engine.whenIdle(),
    customerCount: () => session().store.db.customers.count(),
    /** Shows `customerId` in the lab's card stand-in (live customer row and timeline). */
    watchCustomer: (customerId: string | null) => watchCustomer(customerId),
    resolveCustomerId: (customerId: string) => sync.resolveCustomerId(session().store.db, customerId),
    interactionsOf: async (customerId: string) => (await session().store.db.interactions.where('customerId').equals(customerId).toArray()).map((row) => row.id),
    identitiesOf: async (customerId: string) => (await sync.customerIdentities(session().store.db, customerId)).map((row) => row.value),
    consentsOf: async (customerId: string) => (await sync.customerConsents(session().store.db, customerId)).map((row) => ({ id: row.id, channel: row.channel, status: row.status })),
    complaintsOf: async (customerId: string) => (await sync.customerComplaints(session().store.db, customerId)).map((row) => row.id),
    queueItemsOf: async (customerId: string) => (await session().store.db.queueItems.where('customerId').equals(customerId).toArray()).map((row) => row.id),
    /** The pending outbox in push order, with the customer each entry addresses (its id, or `patch.customerId`). */
    outboxEntries: async () => (await session().store.db.outbox.orderBy(':id').toArray()).map((entry) => ({
      id: entry.id, entity: entry.entity, op: entry.op, entityId: entry.entityId, clientTs: entry.clientTs,
      customerId: entry.entity === 'customer' ? entry.entityId : typeof entry.patch.customerId === 'string' ? entry.patch.customerId : null,
    })),
    /**
     * Creates the user's database as app version 1 would have left it: v1 schema, interactions
     * without the v2 `occurredAt` field, and `count` of them still pending in the outbox; with
     * `phoneFor`, also an identity row (a v1 table, gone since v4) added offline to that customer
     * and still pending.
     */
    async seedVersion1Database(userId: string, count: number, phoneFor?: { customerId: string; phone: string }) {
      const db = new sync.CentralitaDb(sync.databaseName(userId), { upTo: 1 });
      await db.open();
      const ids: string[] = [];
      let stamp: string | null = null;
      const node = 'legacyClient01';
      await db.transaction('rw', [db.interactions, db.outbox, db.syncState, db.table('identities')], async () => {
        await db.syncState.put({ key: 'meta', clientId: node, cursor: '0', lastSyncAt: null });
        for (let index = 0; index < count; index += 1) {
          const id = sync.uuidv7();
          stamp = sync.nextStamp(stamp, node, Date.now());
          const patch = {
            customerId: null, channel: 'call' as const, direction: 'inbound' as const, queue: null, remoteNumber: null, line: 1,
            queuedAt: null, answeredAt: new Date(Date.UTC(2025, 5, 1, 10, 0, index)).toISOString(), endedAt: null, holdSeconds: 0, transferTarget: `v1-${index}`,
          };
          await db.interactions.put({ id, rev: 0, ...patch } as unknown as sync.InteractionRow);
          await db.outbox.add({ id: sync.uuidv7(), entity: 'interaction', entityId: id, op: 'insert', patch, clientTs: stamp, enqueuedAt: new Date().toISOString(), attempts: 0 });
          ids.push(id);
        }
        if (phoneFor) {
          const id = sync.uuidv7();
          stamp = sync.nextStamp(stamp, node, Date.now());
          const patch = { customerId: phoneFor.customerId, kind: 'phone' as const, value: phoneFor.phone };
          await db.table('identities').put({ id, rev: 0, ...patch });
          await db.outbox.add({ id: sync.uuidv7(), entity: 'identity', entityId: id, op: 'add', patch, clientTs: stamp, enqueuedAt: new Date().toISOString(), attempts: 0 });
        }
        await db.syncState.put({ key: 'clock', stamp });
      });
      const version = db.verno;
      db.close();
      return { ids, version };
    },
    schemaVersion: () => session().store.db.verno,
    /** Writes a record straight into the outbox, bypassing validation (the corrupt-record test). */
    putRawOutboxRecord: (record: Record<string, unknown>) => session().store.db.outbox.add(record as unknown as sync.OutboxEntry),
    stop: () => sync.stopSync(),
    bench,
  };
}

export type LabApi = ReturnType<typeof createLabApi>;

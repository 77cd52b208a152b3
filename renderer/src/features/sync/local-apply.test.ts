import { describe, expect, it } from 'vitest';
import type { Mutation } from '@contract';
import { applyMutation, rebaseRow } from './local-apply';
import { nextStamp } from './clock';
import { uuidv7 } from './uuid7';

const context = { userId: 'agent-1', nowIso: '2026-11-24T00:00:00.000Z' };
let last: string | null = null;
function mutation(partial: Pick<Mutation, 'entity' | 'op' | 'patch'> & { entityId?: string; clientTs?: string }): Mutation {
  last = nextStamp(last, 'client1', 1_700_000_000_000);
  return { id: uuidv7(), entityId: partial.entityId ?? 'e1', clientTs: partial.clientTs ?? last, ...partial };
}

describe('applyMutation', () => {
  it('keeps the lowercase, accent-free name index in step with the name', () => {
    const row = applyMutation(undefined, mutation({ entity: 'customer', op: 'insert', patch: { displayName: 'José Núñez' } }), context);
    expect(row).toMatchObject({ displayName: 'José Núñez', nameLower: 'jose nunez', phones: [], rev: 0 });
  });

  it('removes an identity', () => {
    expect(applyMutation({ id: 'e1', rev: 1 }, mutation({ entity: 'identity', op: 'remove', patch: {} }), context)).toBeNull();
  });

  it('keeps a later revocation over an older-stamped grant', () => {
    const grant = mutation({ entity: 'consent', op: 'grant', patch: { channel: 'sms' } });
    const revoke = mutation({ entity: 'consent', op: 'revoke', patch: { channel: 'sms' } });
    const revoked = applyMutation(undefined, revoke, context)!;
    expect(applyMutation(revoked, grant, context)).toMatchObject({ status: 'revoked' });
    const laterGrant = mutation({ entity: 'consent', op: 'grant', patch: { channel: 'sms' } });
    expect(applyMutation(revoked, laterGrant, context)).toMatchObject({ status: 'granted' });
  });

  it('claims a queue item for the current user and releases it', () => {
    const claimed = applyMutation({ id: 'q', rev: 2, state: 'open', assigneeId: null }, mutation({ entity: 'queue_item', op: 'claim', patch: {} }), context)!;
    expect(claimed).toMatchObject({ state: 'claimed', assigneeId: 'agent-1', rev: 2 });
    expect(applyMutation(claimed, mutation({ entity: 'queue_item', op: 'release', patch: {} }), context)).toMatchObject({ state: 'open', assigneeId: null });
  });

  it('stores a wrap-up on its interaction', () => {
    const wrapup = { disposition: 'resolved', notes: 'ok' };
    expect(applyMutation({ id: 'i', rev: 1, channel: 'call' }, mutation({ entity: 'interaction', op: 'wrapup', patch: wrapup }), context))
      .toMatchObject({ channel: 'call', disposition: 'resolved', notes: 'ok', wrappedUpAt: context.nowIso });
  });

  it('flattens a wrap-up recorded with the interaction, like the server does', () => {
    const insert = mutation({ entity: 'interaction', op: 'insert', patch: { channel: 'call', wrapup: { disposition: 'sale', notes: 'n' } } });
    const row = applyMutation(undefined, insert, context);
    expect(row).toMatchObject({ channel: 'call', disposition: 'sale', notes: 'n', agentId: 'agent-1' });
    expect(row).not.toHaveProperty('wrapup');
  });
});

describe('rebaseRow (conflict merge)', () => {
  it('puts still-pending local edits on top of the server state, field by field', () => {
    const server = { id: 'e1', rev: 7, displayName: 'Ana Server', language: 'en', preferredChannel: 'email', phones: ['+34600000001'], emails: [], customerNumbers: [] };
    const pending = [mutation({ entity: 'customer', op: 'update', patch: { language: 'es' } })];
    expect(rebaseRow(server, pending, context)).toMatchObject({ rev: 7, displayName: 'Ana Server', nameLower: 'ana server', language: 'es', preferredChannel: 'email', phones: ['+34600000001'] });
  });

  it('applies pending edits in outbox order, so the last local write shows', () => {
    const pending = [
      mutation({ entity: 'customer', op: 'update', patch: { displayName: 'First' } }),
      mutation({ entity: 'customer', op: 'update', patch: { displayName: 'Second' } }),
    ];
    expect(rebaseRow({ id: 'e1', rev: 1, displayName: 'Server' }, pending, context)).toMatchObject({ displayName: 'Second', nameLower: 'second' });
  });

  it('returns the server state untouched when nothing is pending, and null for a tombstone', () => {
    const server = { id: 'e1', rev: 3, displayName: 'X' };
    expect(rebaseRow(server, [], context)).toBe(server);
    expect(rebaseRow(null, [], context)).toBeNull();
  });

  it('keeps a locally created row visible while the server has not seen it', () => {
    const insert = mutation({ entity: 'customer', op: 'insert', patch: { displayName: 'New' } });
    expect(rebaseRow(null, [insert], context)).toMatchObject({ id: 'e1', rev: 0, displayName: 'New' });
  });
});

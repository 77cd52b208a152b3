import { describe, expect, it } from 'vitest';
import { MAX_PUSH_BATCH, mutationPatchSchemas, mutationSchema, pullQuerySchema, pushRequestSchema } from './sync';

const mutation = {
  id: '01936f0e-8d2a-7c3b-9a1e-2f4b6c8d0e1f',
  entity: 'customer',
  entityId: '01936f0e-8d2a-7c3b-9a1e-000000000001',
  op: 'update',
  patch: { displayName: 'Lucía Pérez' },
  clientTs: '001700000000123-0000-client1',
};

describe('sync protocol schemas', () => {
  it('accepts a well-formed mutation', () => {
    expect(mutationSchema.parse(mutation)).toEqual(mutation);
  });

  it('refuses a mutation id that is not a UUIDv7 (it is the idempotency key)', () => {
    const result = mutationSchema.safeParse({ ...mutation, id: '3b241101-e2bb-4255-8caf-4136c566a962' });
    expect(result.success).toBe(false);
  });

  it('refuses unknown entities, wrong types and bad clocks', () => {
    expect(mutationSchema.safeParse({ ...mutation, entity: 'invoice' }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...mutation, patch: 'x' }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...mutation, clientTs: '2024-01-01' }).success).toBe(false);
  });

  it('caps the batch size', () => {
    const tooMany = Array.from({ length: MAX_PUSH_BATCH + 1 }, () => mutation);
    expect(pushRequestSchema.safeParse({ clientId: 'client-1', mutations: tooMany }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ clientId: 'client-1', mutations: [mutation] }).success).toBe(true);
  });

  it('validates patches per entity and operation', () => {
    expect(mutationPatchSchemas.customer.update.safeParse({ displayName: '' }).success).toBe(false);
    expect(mutationPatchSchemas.consent.revoke.safeParse({ customerId: mutation.entityId, channel: 'sms', source: 'call' }).success).toBe(true);
    expect(mutationPatchSchemas.consent.revoke.safeParse({ customerId: mutation.entityId, channel: 'fax', source: 'call' }).success).toBe(false);
    expect(mutationPatchSchemas.outcome_tag.insert.safeParse({ interactionId: mutation.entityId, reason: '' }).success).toBe(false);
  });

  it('defaults and bounds the pull query', () => {
    expect(pullQuerySchema.parse({})).toEqual({ cursor: '0', limit: 1000 });
    expect(pullQuerySchema.safeParse({ cursor: '-1' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ limit: '100000' }).success).toBe(false);
  });
});

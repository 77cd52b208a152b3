import { describe, expect, it } from 'vitest';
import { buildMutation, InvalidMutationError, validateStoredMutation } from './mutations';
import { changedFields } from './local-apply';
import { nextStamp } from './clock';
import { uuidv7 } from './uuid7';

const stamp = nextStamp(null, 'client1', 1_700_000_000_000);

describe('buildMutation', () => {
  it('builds a contract-valid customer update with only the given fields', () => {
    const entityId = uuidv7();
    const mutation = buildMutation({ id: uuidv7(), entity: 'customer', entityId, op: 'update', patch: { language: 'es' }, baseRev: 3, clientTs: stamp });
    expect(mutation).toMatchObject({ entity: 'customer', entityId, op: 'update', patch: { language: 'es' }, baseRev: 3, clientTs: stamp });
  });

  it('omits baseRev when the row was never seen by the server', () => {
    const mutation = buildMutation({ id: uuidv7(), entity: 'customer', entityId: uuidv7(), op: 'insert', patch: { displayName: 'Ana' }, baseRev: undefined, clientTs: stamp });
    expect('baseRev' in mutation).toBe(false);
  });

  it('says which field is wrong', () => {
    const build = () => buildMutation({ id: uuidv7(), entity: 'customer', entityId: uuidv7(), op: 'update', patch: { displayName: '' }, clientTs: stamp });
    expect(build).toThrow(InvalidMutationError);
    expect(build).toThrow(/displayName/);
  });

  it('refuses an operation the entity does not have', () => {
    expect(() => buildMutation({ id: uuidv7(), entity: 'customer', entityId: uuidv7(), op: 'claim', patch: {}, clientTs: stamp })).toThrow(/not an operation on customer/);
  });

  it('refuses an id that is not a UUIDv7', () => {
    expect(() => buildMutation({ id: 'not-a-uuid', entity: 'queue_item', entityId: uuidv7(), op: 'claim', patch: {}, clientTs: stamp })).toThrow(/UUIDv7/);
  });
});

describe('changedFields', () => {
  it('keeps only fields whose value differs', () => {
    expect(changedFields({ displayName: 'Ana', language: 'es', preferredChannel: null }, { displayName: 'Ana', language: 'en', preferredChannel: null })).toEqual({ language: 'en' });
  });

  it('compares nested values by content and skips undefined', () => {
    expect(changedFields({ tags: ['a', 'b'] }, { tags: ['a', 'b'], other: undefined })).toEqual({});
    expect(changedFields(undefined, { displayName: 'Ana' })).toEqual({ displayName: 'Ana' });
  });
});

describe('validateStoredMutation', () => {
  it('accepts a stored outbox entry with bookkeeping fields', () => {
    const mutation = buildMutation({ id: uuidv7(), entity: 'queue_item', entityId: uuidv7(), op: 'claim', patch: {}, clientTs: stamp });
    const checked = validateStoredMutation({ ...mutation, seq: 4, attempts: 0, enqueuedAt: '2026-01-01T00:00:00Z' });
    expect(checked).toEqual({ ok: true, mutation });
  });

  it('reports a corrupt record instead of throwing', () => {
    expect(validateStoredMutation({ seq: 1, id: 42 })).toMatchObject({ ok: false, message: expect.stringMatching(/corrupt/) });
    expect(validateStoredMutation(null)).toMatchObject({ ok: false });
    const badPatch = { id: uuidv7(), entity: 'customer', entityId: uuidv7(), op: 'update', patch: { displayName: 7 }, clientTs: stamp };
    expect(validateStoredMutation(badPatch)).toMatchObject({ ok: false, message: expect.stringMatching(/invalid patch/) });
  });
});

import { describe, expect, it } from 'vitest';
import { newestStamp } from './pull';
import { parsePullReply } from './transport';

describe('newestStamp (clock observation on pull)', () => {
  it('finds the newest field stamp among pulled customers and ignores junk', () => {
    const page = parsePullReply({ cursor: '3', hasMore: false, changes: [
      { seq: '1', entity: 'customer', entityId: 'a', op: 'upsert', rev: 2, data: { fieldTs: { displayName: '001700000000000-0000-x', language: '001700000005000-0001-y' } } },
      { seq: '2', entity: 'customer', entityId: 'b', op: 'upsert', rev: 1, data: { fieldTs: { displayName: '999999999999999-zzzz-not-hex' } } },
      { seq: '3', entity: 'interaction', entityId: 'c', op: 'delete', rev: 3, data: null },
    ] });
    expect(newestStamp(page)).toBe('001700000005000-0001-y');
  });

  it('is null when nothing carries a clock', () => {
    expect(newestStamp(parsePullReply({ cursor: '0', hasMore: false, changes: [] }))).toBeNull();
  });
});

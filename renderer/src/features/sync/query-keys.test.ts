import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { refreshAfterSync, syncQueryKeys } from './query-keys';

describe('syncQueryKeys', () => {
  it('builds every key from the broader one, scoped by user', () => {
    expect(syncQueryKeys.user('u1')).toEqual(['sync', 'u1']);
    expect(syncQueryKeys.afterSync('u1', '42')).toEqual(['sync', 'u1', 'after-sync', '42']);
    expect(syncQueryKeys.afterSync('u1', '42').slice(0, 2)).toEqual(syncQueryKeys.user('u1'));
    expect(syncQueryKeys.user('u2')).not.toEqual(syncQueryKeys.user('u1'));
  });
});

describe('refreshAfterSync', () => {
  it('marks exactly the named reads (and their sub-keys) stale', async () => {
    const client = new QueryClient();
    client.setQueryData(['kpis', 'u1', 'team'], { answered: 3 });
    client.setQueryData(['kpis', 'u1', 'agent', 'a1'], { answered: 1 });
    client.setQueryData(['availability', 'u1'], { agents: 2 });
    await refreshAfterSync(client, [['kpis', 'u1']]);
    const cache = client.getQueryCache();
    expect(cache.find({ queryKey: ['kpis', 'u1', 'team'] })?.state.isInvalidated).toBe(true);
    expect(cache.find({ queryKey: ['kpis', 'u1', 'agent', 'a1'] })?.state.isInvalidated).toBe(true);
    expect(cache.find({ queryKey: ['availability', 'u1'] })?.state.isInvalidated).toBe(false);
    client.clear();
  });
});

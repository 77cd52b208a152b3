/**
 * Query-key factory of the customer card (the sync feature's README "React Query" pattern): keys
 * are readonly tuples built from the broader key, scoped by user and by the local store's client
 * id (a deleted and re-created store is another cache, so its pages are not taken as held).
 */
export const customerCardKeys = {
  all: ['customerCard'] as const,
  store: (userId: string, clientId: string) => [...customerCardKeys.all, userId, clientId] as const,
  /** The older-history pages fetched for one customer this session. */
  olderHistory: (userId: string, clientId: string, customerId: string) => [...customerCardKeys.store(userId, clientId), 'older-history', customerId] as const,
} as const;

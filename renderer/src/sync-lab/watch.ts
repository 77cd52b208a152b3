/** The customer id the lab's "open card" shows (set from tests through `watchCustomer`). */
let watched: string | null = null;
const listeners = new Set<() => void>();

export function getWatchedCustomer(): string | null {
  return watched;
}

export function subscribeWatchedCustomer(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function watchCustomer(customerId: string | null): void {
  watched = customerId;
  for (const listener of listeners) listener();
}

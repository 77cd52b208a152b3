/** UI state of the work queue: filters and the calls placed from items (to link the outcome). */
import { create } from 'zustand';
import { NO_FILTERS, type QueueFilters } from './model';

interface QueueUiState {
  filters: QueueFilters;
  /** item id → when the agent called from it (ISO), so completing links that call's interaction. */
  calledAt: Record<string, string>;
}

const queueUi = create<QueueUiState>()(() => ({ filters: NO_FILTERS, calledAt: {} }));

export const useQueueFilters = (): QueueFilters => queueUi((state) => state.filters);
export const useCalledAt = (itemId: string): string | null => queueUi((state) => state.calledAt[itemId] ?? null);

export function setQueueFilters(change: Partial<QueueFilters>): void {
  queueUi.setState((state) => ({ filters: { ...state.filters, ...change } }));
}

export function clearQueueFilters(): void {
  queueUi.setState({ filters: NO_FILTERS });
}

export function markCalled(itemId: string, at: string): void {
  queueUi.setState((state) => ({ calledAt: { ...state.calledAt, [itemId]: at } }));
}

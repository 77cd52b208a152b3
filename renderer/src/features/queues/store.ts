/** UI state of the work queue: its filters. (Calls placed from items: callback-links.ts.) */
import { create } from 'zustand';
import { NO_FILTERS, type QueueFilters } from './model';

interface QueueUiState {
  filters: QueueFilters;
}

const queueUi = create<QueueUiState>()(() => ({ filters: NO_FILTERS }));

export const useQueueFilters = (): QueueFilters => queueUi((state) => state.filters);

export function setQueueFilters(change: Partial<QueueFilters>): void {
  queueUi.setState((state) => ({ filters: { ...state.filters, ...change } }));
}

export function clearQueueFilters(): void {
  queueUi.setState({ filters: NO_FILTERS });
}

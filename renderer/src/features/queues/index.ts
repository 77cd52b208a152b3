/** Public entry of the work-queue feature: the panel, its texts and its query keys. */
import { en } from './i18n/en';
import { es } from './i18n/es';
import '@components/compact.css';
import './components/queues.css';

export { WorkQueuePanel, type WorkQueuePanelProps } from './components/WorkQueuePanel';
export { PriorityBadge } from './components/PriorityBadge';
export type { ServerAccess } from './server-read';
export { queueKeys } from './scores';
export { buildQueue, dueStateOf, type QueueEntry, type QueueFilters } from './model';

export const queuesResources = { en, es } as const;
export const QUEUES_NAMESPACE = 'queues';

/** The backend's priority scores for the team's open and claimed items (React Query). */
import { useQuery } from '@tanstack/react-query';
import type { PriorityScore, PriorityWeights } from '@contract';
import type { ServerScore } from './model';
import { getJson, type ServerAccess } from './server-read';

/** Query-key factory of the queues feature. */
export const queueKeys = {
  all: ['queues'] as const,
  scores: (userId: string) => [...queueKeys.all, 'scores', userId] as const,
};

/** The largest queue the server returns in one read (its own cap). */
export const MAX_SCORED_ITEMS = 10_000;

interface QueueReadItem {
  id: string;
  customerName: string;
  complaintTypeId: string | null;
  priority: PriorityScore;
}
interface QueueRead {
  weights: PriorityWeights;
  total: number;
  items: QueueReadItem[];
}

export interface ScoreSnapshot {
  scores: Map<string, ServerScore>;
  weights: PriorityWeights;
  total: number;
}

export async function fetchScores(access: ServerAccess): Promise<ScoreSnapshot> {
  const read = await getJson<QueueRead>(access, '/api/queues/items', { state: 'open,claimed', limit: String(MAX_SCORED_ITEMS) });
  const scores = new Map<string, ServerScore>();
  for (const item of read.items) scores.set(item.id, { priority: item.priority, customerName: item.customerName, complaintTypeId: item.complaintTypeId });
  return { scores, weights: read.weights, total: read.total };
}

/**
 * Scores are refreshed every minute and whenever the set of cached items changes; when the server
 * cannot be reached the last answer stays in use (React Query keeps data on error).
 */
export function useQueueScores(access: ServerAccess | null, userId: string | null, itemsVersion: string) {
  return useQuery({
    queryKey: [...queueKeys.scores(userId ?? ''), itemsVersion],
    queryFn: () => fetchScores(access!),
    enabled: access !== null && userId !== null,
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
    retry: 1,
  });
}

/** Queues a call can come through (the PBX does not tell us yet: the agent confirms it in the panel). */
export const QUEUES = ['general', 'billing', 'technical', 'retention', 'proactive', 'follow_up'] as const;

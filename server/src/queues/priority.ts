/**
 * The priority formula lives in the contract (`contract/src/priority.ts`) so the queue read here
 * and the customer card in the renderer compute the same score with the same explanation.
 */
export * from '@contract/priority';

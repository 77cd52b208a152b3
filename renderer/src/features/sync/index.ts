/**
 * Public API of the offline-first data layer. Other features read through the hooks and query
 * functions and write through the repositories; the shell starts/stops the session and mounts
 * <SyncStatus/>, merging `syncResources` into i18next under the namespace `sync`.
 */
import { en } from './i18n/en';
import { es } from './i18n/es';

export { startSync, stopSync, configureSync, getSyncSession, requireSyncSession, subscribeSyncSession } from './session';
export type { SyncConfig, SyncSession } from './session';
export type { SyncEngine, EngineStatus, SyncEngineOptions } from './engine';
export { SyncStatus } from './SyncStatus';
export {
  useSyncSession, useCustomerByPhone, useCustomer, useCustomerSearch, useCustomerTimeline, useCustomerConsents,
  useCustomerComplaints, useQueueItems, usePendingCount, useDeadLetters, useEngineStatus, useSyncCursor, useRefreshOnSync,
} from './hooks';
export { syncQueryKeys, refreshAfterSync } from './query-keys';
export { useOutcomeTags, useReferenceRows, useCustomerIdentities, usePhoneLookup, useCustomerRecord } from './hooks';
export { findCustomerByPhone, readCustomerByPhone, searchCustomers, customerTimeline, customerConsents, customerComplaints, queueItemsByState } from './queries';
export { queueItemsInStates, complaintsByIds, pendingEntityIds, outcomeTagsOfAgent } from './queries';
export { useQueueItemsInStates, useComplaintsByIds, usePendingEntityIds, useMyOutcomeTags } from './hooks';
export { soonestQueueItems } from './queries';
export { outcomeTagsFor, referenceRows, customerIdentities, customerChildren } from './queries';
export { complaintCallPopulation } from './queries';
export {
  createCustomer, updateCustomer, addIdentity, removeIdentity, setConsent, recordInteraction, recordInteractions, endInteraction, saveWrapup, recordOutcomeTag,
  openComplaint, updateComplaint, createQueueItem, claimQueueItem, releaseQueueItem, completeQueueItem, rescheduleQueueItem,
  replaceReferenceList, rollBackRejectedClaim,
} from './repositories';
export type {
  NewCustomer, CustomerFields, InteractionFields, InteractionEnd, WrapupFields, ComplaintFields, ComplaintChanges, OutcomeTagFields, QueueItemFields, ReferenceList,
} from './repositories';
export { retryDeadLetter, discardDeadLetter } from './push';
export { InvalidMutationError } from './mutations';
export { normalizePhone, foldName } from './normalize';
export { uuidv7 } from './uuid7';
export { nextStamp } from './clock';
export { deleteSyncStore, type SyncStore } from './store';
export { lastDownloadStats } from './worker-download';
export { resolveCustomer, resolveCustomerId, mergedInto } from './merges';
export { compactChild } from './stored-rows';
export { useResolvedCustomerId } from './hooks';
export { loadOlderInteractions, type HistoryCursor, type OlderHistoryResult } from './history';
export { fillCallerFromServer, CALLER_FILL_TIMEOUT_MS, type CallerFillOutcome, type CallerFillOptions } from './caller-fill';
export type { DownloadStats } from './download.worker';
export { CentralitaDb, databaseName, CURRENT_SCHEMA_VERSION } from './schema';
export { readQueueScores, saveQueueScores, firstScoredQueueItems, useFirstScoredQueueItems } from './queue-scores';
export type { SavedQueueScore, SavedQueueScores, ScoredQueuePage } from './queue-scores';
export type { CustomerRow, InteractionRow, EntityRow, DeadLetter, OutboxEntry } from './rows';
export type { IdentityRow, ReferenceRow } from './rows';

export const syncResources = { en, es } as const;
export const SYNC_NAMESPACE = 'sync';

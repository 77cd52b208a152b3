/**
 * Kysely table types for server/migrations. Column names are the SQL ones (snake_case).
 * Value types are the same on both engines (see database.ts): bigint → number, numeric → string,
 * date → 'YYYY-MM-DD' string, timestamptz → Date, jsonb → parsed JSON.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: write it already serialised (JSON.stringify) so both drivers send the same text. */
export type Json<T = unknown> = ColumnType<T, string, string>;
type DefaultedJson<T = unknown> = ColumnType<T, string | undefined, string>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;
type Numeric = ColumnType<string, string | number | undefined, string | number>;

export interface TeamsTable { id: Generated<string>; name: string; created_at: DefaultedTimestamp }

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: 'agent' | 'team_lead' | 'admin';
  team_id: string | null;
  sip_extension: string | null;
  password_hash: string;
  is_demo: Generated<boolean>;
  disabled_at: NullableTimestamp;
  /** Bumped by a password reset, a role or team change and a deactivation: access tokens of an older generation are refused. */
  token_generation: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  user_id: string;
  family_id: string;
  token_hash: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  replaced_by: string | null;
}

export type AgentState = 'offline' | 'available' | 'on_call' | 'wrap_up' | 'paused';
export interface AgentStatusTable {
  user_id: string;
  state: AgentState;
  pause_code: string | null;
  since: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface DispositionsTable {
  code: string;
  label_en: string;
  label_es: string;
  hotkey: number | null;
  required_fields: DefaultedJson<string[]>;
  resolves: Generated<boolean>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}

export interface PauseCodesTable {
  code: string;
  label_en: string;
  label_es: string;
  paid: Generated<boolean>;
  max_minutes: number | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
}

export interface TaxonomyVersionsTable { version: number; published_at: DefaultedTimestamp; note: Generated<string>; published_by: ColumnType<string | null, string | null | undefined, string | null> }

export interface LoginFailuresTable { key: string; failed_at: DefaultedTimestamp }

export interface ReferenceStateTable { id: Generated<boolean>; revision: Generated<number>; updated_at: DefaultedTimestamp }

export interface TaxonomyNodesTable {
  version: number;
  id: string;
  parent_id: string | null;
  label_en: string;
  label_es: string;
  sla_hours: Generated<number>;
  sort_order: Generated<number>;
}

export interface ScriptsTable {
  id: string;
  version: number;
  name: string;
  definition: Json;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  published_at: NullableTimestamp;
}

export interface ScriptOwnersTable { script_id: string; team_id: string | null; created_at: DefaultedTimestamp }
export interface ScriptDraftsTable { script_id: string; definition: Json; team_id: string | null; updated_by: string; updated_at: DefaultedTimestamp }

export interface AppSettingsTable { key: string; value: Json; updated_at: DefaultedTimestamp }

export type LoyaltyLevel = 'none' | 'bronze' | 'silver' | 'gold' | 'platinum';
export interface CustomersTable {
  id: string;
  display_name: string;
  language: string | null;
  preferred_channel: string | null;
  loyalty_level: ColumnType<LoyaltyLevel, LoyaltyLevel | undefined, LoyaltyLevel>;
  clv: Numeric;
  influencer: Generated<boolean>;
  influencer_reach: Generated<number>;
  merged_into: string | null;
  rev: Generated<number>;
  field_ts: DefaultedJson<Record<string, string>>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface CustomerMergesTable {
  id: Generated<string>;
  survivor_id: string;
  merged_id: string;
  merged_by: string | null;
  merged_at: DefaultedTimestamp;
  snapshot: Json;
  undone_at: NullableTimestamp;
  undone_by: ColumnType<string | null, string | null | undefined, string | null>;
  undo_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CustomerPhonesTable {
  id: string;
  customer_id: string;
  e164: string;
  label: string | null;
  stamp: Generated<string>;
  created_at: DefaultedTimestamp;
}

export type IdentityKindOtherThanPhone = 'email' | 'customer_number' | 'username' | 'social';
export interface CustomerIdentitiesTable {
  id: string;
  customer_id: string;
  kind: IdentityKindOtherThanPhone;
  value: string;
  stamp: Generated<string>;
  created_at: DefaultedTimestamp;
}

export interface IdentityRemovalsTable { customer_id: string; kind: string; value: string; stamp: string }

export type ConsentStatus = 'granted' | 'revoked';
export interface ConsentsTable {
  id: string;
  customer_id: string;
  channel: 'phone' | 'sms' | 'email' | 'whatsapp' | 'post';
  status: ConsentStatus;
  source: string;
  stamp: string;
  stamped_at: Timestamp;
  revoked_at: NullableTimestamp;
  rev: Generated<number>;
  updated_at: DefaultedTimestamp;
}

export interface ConsentEventsTable {
  id: Generated<number>;
  customer_id: string;
  channel: string;
  status: ConsentStatus;
  source: string;
  stamp: string;
  stamped_at: Timestamp;
  recorded_by: string | null;
  recorded_at: DefaultedTimestamp;
  effective: boolean;
}

export interface InteractionsTable {
  id: string;
  customer_id: string | null;
  channel: 'call' | 'email' | 'chat' | 'social' | 'visit';
  direction: 'inbound' | 'outbound';
  queue: string | null;
  agent_id: string;
  team_id: string | null;
  remote_number: string | null;
  line: number | null;
  queued_at: NullableTimestamp;
  answered_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  hold_seconds: Generated<number>;
  transfer_target: string | null;
  transferred_from: string | null;
  wrapped_up_at: NullableTimestamp;
  disposition: string | null;
  emotion_start: string | null;
  emotion_start_intensity: number | null;
  emotion_end: string | null;
  emotion_end_intensity: number | null;
  complaint_type_id: string | null;
  complaint_id: string | null;
  notes: Generated<string>;
  script_id: string | null;
  script_version: number | null;
  script_answers: NullableJson<Record<string, unknown>>;
  first_contact_resolution: boolean | null;
  csat: number | null;
  nps: number | null;
  ces: number | null;
  client_ts: string;
  rev: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface SurveyResponsesTable {
  id: Generated<string>;
  customer_id: string;
  interaction_id: string | null;
  kind: 'nps' | 'csat' | 'ces';
  score: number;
  responded_at: Timestamp;
}

export type ComplaintStatus = 'open' | 'in_progress' | 'resolved';
export interface ComplaintsTable {
  id: string;
  customer_id: string;
  type_id: string;
  taxonomy_version: number;
  status: ColumnType<ComplaintStatus, ComplaintStatus | undefined, ComplaintStatus>;
  description: Generated<string>;
  opened_by: string | null;
  opened_at: Timestamp;
  sla_due_at: Timestamp;
  resolved_at: NullableTimestamp;
  field_ts: DefaultedJson<Record<string, string>>;
  rev: Generated<number>;
  updated_at: DefaultedTimestamp;
}

export interface ComplaintInteractionsTable { complaint_id: string; interaction_id: string; linked_at: DefaultedTimestamp }

export interface OutcomeRetagsTable {
  id: string;
  interaction_id: string;
  retagged_by: string;
  retagged_at: DefaultedTimestamp;
  old: Json<Record<string, unknown>>;
  new: Json<Record<string, unknown>>;
  reason: string;
  client_ts: string;
}

export type QueueItemState = 'open' | 'claimed' | 'done' | 'cancelled';
export interface QueueItemsTable {
  id: string;
  kind: 'callback' | 'complaint_follow_up';
  customer_id: string;
  complaint_id: string | null;
  team_id: string;
  due_at: Timestamp;
  assignee_id: string | null;
  state: ColumnType<QueueItemState, QueueItemState | undefined, QueueItemState>;
  note: Generated<string>;
  disposition: string | null;
  interaction_id: string | null;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  claimed_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  rev: Generated<number>;
  updated_at: DefaultedTimestamp;
}

export interface AppliedMutationsTable {
  id: string;
  client_id: string;
  user_id: string;
  entity: string;
  entity_id: string;
  op: string;
  result: Json<Record<string, unknown>>;
  applied_at: DefaultedTimestamp;
}

export interface ChangeLogTable {
  seq: number;
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  rev: number;
  team_id: string | null;
  changed_at: DefaultedTimestamp;
}

export interface SyncStateTable { id: Generated<boolean>; last_seq: Generated<number>; retained_from: Generated<number> }

export interface SchemaMigrationsTable { version: number; name: string; applied_at: DefaultedTimestamp }

export interface DB {
  teams: TeamsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  agent_status: AgentStatusTable;
  dispositions: DispositionsTable;
  pause_codes: PauseCodesTable;
  taxonomy_versions: TaxonomyVersionsTable;
  taxonomy_nodes: TaxonomyNodesTable;
  scripts: ScriptsTable;
  script_owners: ScriptOwnersTable;
  script_drafts: ScriptDraftsTable;
  app_settings: AppSettingsTable;
  customers: CustomersTable;
  customer_merges: CustomerMergesTable;
  customer_phones: CustomerPhonesTable;
  customer_identities: CustomerIdentitiesTable;
  identity_removals: IdentityRemovalsTable;
  consents: ConsentsTable;
  consent_events: ConsentEventsTable;
  interactions: InteractionsTable;
  survey_responses: SurveyResponsesTable;
  complaints: ComplaintsTable;
  complaint_interactions: ComplaintInteractionsTable;
  outcome_retags: OutcomeRetagsTable;
  queue_items: QueueItemsTable;
  applied_mutations: AppliedMutationsTable;
  change_log: ChangeLogTable;
  sync_state: SyncStateTable;
  reference_state: ReferenceStateTable;
  login_failures: LoginFailuresTable;
  schema_migrations: SchemaMigrationsTable;
}

export type UserRow = Selectable<UsersTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type InteractionRow = Selectable<InteractionsTable>;
export type QueueItemRow = Selectable<QueueItemsTable>;
export type ComplaintRow = Selectable<ComplaintsTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;

/**
 * What a customer merge changed, kept in customer_merges.snapshot.trail so it can be undone
 * exactly: the ids of every moved row, the duplicate's rows it deleted (identities and consents
 * the survivor already had), the survivor consents it overwrote, and the survivor's golden-record
 * fields before and after.
 */
import type { Selectable } from 'kysely';
import type { ConsentsTable, CustomerIdentitiesTable, CustomerPhonesTable, CustomerRow, IdentityRemovalsTable } from '../db/schema';

export interface GoldenFields {
  language: string | null;
  preferred_channel: CustomerRow['preferred_channel'];
  loyalty_level: CustomerRow['loyalty_level'];
  clv: string;
  influencer: boolean;
  influencer_reach: number;
  /** JSON text, as written. */
  field_ts: string;
}

type Consent = Selectable<ConsentsTable>;

export interface MergeTrail {
  survivorBefore: GoldenFields | null;
  survivorAfter: GoldenFields | null;
  movedPhones: string[];
  movedIdentities: string[];
  deletedPhones: Selectable<CustomerPhonesTable>[];
  deletedIdentities: Selectable<CustomerIdentitiesTable>[];
  removals: Selectable<IdentityRemovalsTable>[];
  movedConsents: string[];
  deletedConsents: Consent[];
  /** Survivor consents the duplicate's newer decision replaced: their state before, and the decision written. */
  overwrittenConsents: { before: Consent; stampAfter: string; statusAfter: string }[];
  consentEvents: string[];
  interactions: string[];
  complaints: string[];
  queueItems: string[];
  surveys: string[];
  /** Customers merged into the duplicate earlier, re-pointed at the survivor. */
  chained: string[];
}

export function emptyTrail(): MergeTrail {
  return {
    survivorBefore: null, survivorAfter: null, movedPhones: [], movedIdentities: [], deletedPhones: [], deletedIdentities: [], removals: [],
    movedConsents: [], deletedConsents: [], overwrittenConsents: [], consentEvents: [], interactions: [], complaints: [], queueItems: [], surveys: [], chained: [],
  };
}

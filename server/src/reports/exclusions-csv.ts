/** CSV rendering of the exclusion list for marketing automation. */
import { csvLine } from '../import/csv';
import { type ExcludedCustomer, type ExclusionReason } from './exclusions';

export const EXCLUSIONS_CSV_HEADER = csvLine(['customer_id', 'display_name', 'phone', 'email', 'reasons', 'details']);

/** "sla_breached: dueAt=…, hoursOverdue=24" — readable in a spreadsheet, stable for scripts. */
export function describeReason(reason: ExclusionReason): string {
  const parts = Object.entries(reason.detail).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('|') : String(value)}`);
  return parts.length > 0 ? `${reason.code}: ${parts.join(', ')}` : reason.code;
}

export function exclusionCsvLine(customer: ExcludedCustomer): string {
  return csvLine([
    customer.customerId, customer.displayName, customer.phone, customer.email,
    customer.reasons.map((r) => r.code).join(';'), customer.reasons.map(describeReason).join('; '),
  ]);
}

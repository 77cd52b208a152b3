/**
 * The admin's "Center settings" (after-call work): which dispositions may be the default, and the
 * form's validation — the contract's rules (10–3600 whole seconds; a default that is active and
 * needs no wrap-up fields) checked before the request, so errors name the field at once.
 */
import { afterCallWorkSchema, type AfterCallWorkPolicy, type Disposition } from '@contract';

export interface AcwDraft { seconds: string; defaultDisposition: string }

export type AcwFieldError = 'secondsNotWhole' | 'secondsRange' | 'dispositionRequired' | 'dispositionNotEligible';
export interface AcwErrors { seconds?: AcwFieldError; defaultDisposition?: AcwFieldError }

const SECONDS = afterCallWorkSchema.shape.seconds;
export const ACW_MIN_SECONDS = SECONDS.minValue ?? 10;
export const ACW_MAX_SECONDS = SECONDS.maxValue ?? 3600;

/** Dispositions the server accepts as the default: active and requiring no wrap-up fields, in the admins' order. */
export function eligibleDefaults(dispositions: readonly Disposition[]): Disposition[] {
  return dispositions.filter((row) => row.active && row.requiredFields.length === 0).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
}

export function draftOf(policy: AfterCallWorkPolicy): AcwDraft {
  return { seconds: String(policy.seconds), defaultDisposition: policy.defaultDisposition };
}

/** The policy to send, or the errors per field. */
export function validateAcwDraft(draft: AcwDraft, eligibleCodes: readonly string[]): { policy: AfterCallWorkPolicy } | { errors: AcwErrors } {
  const errors: AcwErrors = {};
  const text = draft.seconds.trim();
  const seconds = Number(text);
  if (!/^\d+$/.test(text)) errors.seconds = text === '' || !Number.isFinite(seconds) || !Number.isInteger(seconds) ? 'secondsNotWhole' : 'secondsRange';
  else if (seconds < ACW_MIN_SECONDS || seconds > ACW_MAX_SECONDS) errors.seconds = 'secondsRange';
  if (!draft.defaultDisposition) errors.defaultDisposition = 'dispositionRequired';
  else if (!eligibleCodes.includes(draft.defaultDisposition)) errors.defaultDisposition = 'dispositionNotEligible';
  if (errors.seconds || errors.defaultDisposition) return { errors };
  return { policy: { seconds, defaultDisposition: draft.defaultDisposition } };
}

/** The server's refusal codes that belong to a field (the rest are shown as a general error). */
export function fieldOfServerError(code: string): keyof AcwErrors | null {
  if (code === 'unknown_disposition' || code === 'disposition_requires_fields') return 'defaultDisposition';
  return null;
}

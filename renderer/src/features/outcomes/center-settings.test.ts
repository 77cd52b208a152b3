import { describe, expect, it } from 'vitest';
import type { Disposition } from '@contract';
import { ACW_MAX_SECONDS, ACW_MIN_SECONDS, draftOf, eligibleDefaults, fieldOfServerError, validateAcwDraft } from './center-settings';
import { sectionsFor } from './components/LeadWorkspace';

const disposition = (code: string, overrides: Partial<Disposition> = {}): Disposition => ({
  code, labelEn: code, labelEs: code, hotkey: null, requiredFields: [], resolves: true, sortOrder: 0, active: true, ...overrides,
});

describe('eligibleDefaults', () => {
  it('offers only active dispositions that need no wrap-up fields, in the admins\' order', () => {
    const rows = [
      disposition('resolved', { requiredFields: ['firstContactResolution'], sortOrder: 1 }),
      disposition('no_answer', { sortOrder: 5 }),
      disposition('information_provided', { sortOrder: 2 }),
      disposition('old', { active: false, sortOrder: 0 }),
    ];
    expect(eligibleDefaults(rows).map((row) => row.code)).toEqual(['information_provided', 'no_answer']);
  });
});

describe('validateAcwDraft', () => {
  const codes = ['information_provided', 'no_answer'];

  it('accepts whole seconds within the contract\'s range and an eligible default', () => {
    expect([ACW_MIN_SECONDS, ACW_MAX_SECONDS]).toEqual([10, 3600]);
    expect(validateAcwDraft({ seconds: ' 45 ', defaultDisposition: 'no_answer' }, codes)).toEqual({ policy: { seconds: 45, defaultDisposition: 'no_answer' } });
    expect(validateAcwDraft({ seconds: '10', defaultDisposition: 'no_answer' }, codes)).toHaveProperty('policy');
    expect(validateAcwDraft({ seconds: '3600', defaultDisposition: 'no_answer' }, codes)).toHaveProperty('policy');
  });

  it('names each field in error', () => {
    expect(validateAcwDraft({ seconds: '9', defaultDisposition: 'no_answer' }, codes)).toEqual({ errors: { seconds: 'secondsRange' } });
    expect(validateAcwDraft({ seconds: '3601', defaultDisposition: 'no_answer' }, codes)).toEqual({ errors: { seconds: 'secondsRange' } });
    expect(validateAcwDraft({ seconds: '-5', defaultDisposition: 'no_answer' }, codes)).toEqual({ errors: { seconds: 'secondsRange' } });
    expect(validateAcwDraft({ seconds: '12.5', defaultDisposition: 'no_answer' }, codes)).toEqual({ errors: { seconds: 'secondsNotWhole' } });
    expect(validateAcwDraft({ seconds: '', defaultDisposition: 'no_answer' }, codes)).toEqual({ errors: { seconds: 'secondsNotWhole' } });
    expect(validateAcwDraft({ seconds: 'abc', defaultDisposition: '' }, codes)).toEqual({ errors: { seconds: 'secondsNotWhole', defaultDisposition: 'dispositionRequired' } });
    expect(validateAcwDraft({ seconds: '60', defaultDisposition: 'resolved' }, codes)).toEqual({ errors: { defaultDisposition: 'dispositionNotEligible' } });
  });

  it('starts from the stored policy', () => {
    expect(draftOf({ seconds: 120, defaultDisposition: 'information_provided' })).toEqual({ seconds: '120', defaultDisposition: 'information_provided' });
  });

  it("ties the server's disposition refusals to the disposition field", () => {
    expect(fieldOfServerError('unknown_disposition')).toBe('defaultDisposition');
    expect(fieldOfServerError('disposition_requires_fields')).toBe('defaultDisposition');
    expect(fieldOfServerError('forbidden')).toBeNull();
  });
});

describe('sectionsFor', () => {
  it('adds the center settings for admins only', () => {
    expect(sectionsFor(false)).not.toContain('settings');
    expect(sectionsFor(true)).toEqual(['calls', 'board', 'kpis', 'exclusions', 'settings']);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_CALL_WORK, DEFAULT_DISPOSITIONS, DEFAULT_TAXONOMY } from '@contract';
import {
  dispositionForHotkey, dispositionsFrom, draftOnTimeout, effectiveAfterCallWork, EMPTY_DRAFT, emotionForKey, pressEmotion, searchTaxonomy, secondsLeft, taxonomyFrom, wrapupProblems,
} from './wrapup-rules';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const key = (code: string, altKey = true) => ({ altKey, ctrlKey: false, metaKey: false, code });

describe('emotion keystrokes', () => {
  it('Alt+1…6 name the six emotions in order; other keys and modifiers do nothing', () => {
    expect(['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6'].map((code) => emotionForKey(key(code))))
      .toEqual(['calm', 'satisfied', 'confused', 'anxious', 'frustrated', 'angry']);
    expect(emotionForKey(key('Digit7'))).toBeNull();
    expect(emotionForKey(key('Digit1', false))).toBeNull();
    expect(emotionForKey({ altKey: true, ctrlKey: true, metaKey: false, code: 'Digit1' })).toBeNull();
  });

  it('a new emotion starts at intensity 1; the same one again raises it and wraps after 3', () => {
    const first = pressEmotion(null, 'angry');
    expect(first).toEqual({ emotion: 'angry', intensity: 1 });
    const second = pressEmotion(first, 'angry');
    const third = pressEmotion(second, 'angry');
    expect([second.intensity, third.intensity, pressEmotion(third, 'angry').intensity]).toEqual([2, 3, 1]);
    expect(pressEmotion(third, 'calm')).toEqual({ emotion: 'calm', intensity: 1 });
  });
});

describe('wrap-up validation', () => {
  it('asks for a disposition first', () => {
    expect(wrapupProblems(EMPTY_DRAFT, DEFAULT_DISPOSITIONS, NOW)).toEqual(['disposition']);
  });

  it('enforces the fields each disposition requires', () => {
    expect(wrapupProblems({ ...EMPTY_DRAFT, disposition: 'complaint_logged' }, DEFAULT_DISPOSITIONS, NOW)).toEqual(['emotionEnd', 'complaintTypeId', 'notes']);
    expect(wrapupProblems({ ...EMPTY_DRAFT, disposition: 'resolved' }, DEFAULT_DISPOSITIONS, NOW)).toEqual(['firstContactResolution']);
    expect(wrapupProblems({ ...EMPTY_DRAFT, disposition: 'resolved', firstContactResolution: false }, DEFAULT_DISPOSITIONS, NOW)).toEqual([]);
    expect(wrapupProblems({ ...EMPTY_DRAFT, disposition: 'sale', notes: '   ' }, DEFAULT_DISPOSITIONS, NOW)).toEqual([]);
  });

  it('a complaint type needs new-or-link, and a callback needs a future due time', () => {
    const base = { ...EMPTY_DRAFT, disposition: 'sale' };
    expect(wrapupProblems({ ...base, complaintTypeId: 'refund' }, DEFAULT_DISPOSITIONS, NOW)).toEqual(['complaintChoice']);
    expect(wrapupProblems({ ...base, complaintTypeId: 'refund', complaintChoice: 'new' }, DEFAULT_DISPOSITIONS, NOW)).toEqual([]);
    expect(wrapupProblems({ ...base, callback: { dueAt: 'soon', note: '' } }, DEFAULT_DISPOSITIONS, NOW)).toEqual(['callbackDue']);
    expect(wrapupProblems({ ...base, callback: { dueAt: '2026-06-14T10:00:00Z', note: '' } }, DEFAULT_DISPOSITIONS, NOW)).toEqual(['callbackPast']);
    expect(wrapupProblems({ ...base, callback: { dueAt: '2026-06-16T10:00:00Z', note: '' } }, DEFAULT_DISPOSITIONS, NOW)).toEqual([]);
  });
});

describe('disposition hotkeys and reference lists', () => {
  it('keys 1–9 pick the disposition with that hotkey', () => {
    expect(dispositionForHotkey(DEFAULT_DISPOSITIONS, '3')?.code).toBe('complaint_logged');
    expect(dispositionForHotkey(DEFAULT_DISPOSITIONS, '9')?.code).toBe('wrong_number');
    expect(dispositionForHotkey(DEFAULT_DISPOSITIONS, '0')).toBeNull();
    expect(dispositionForHotkey(DEFAULT_DISPOSITIONS, 'a')).toBeNull();
  });

  it('uses cached server rows when there are any, the shipped lists otherwise', () => {
    expect(dispositionsFrom([])).toBe(DEFAULT_DISPOSITIONS);
    expect(dispositionsFrom([{ id: 'x', code: 'promise', labelEn: 'Promise to pay', labelEs: 'Promesa de pago', hotkey: 1, requiredFields: ['notes'] }]))
      .toEqual([{ code: 'promise', en: 'Promise to pay', es: 'Promesa de pago', hotkey: 1, required: ['notes'], resolves: false }]);
    expect(taxonomyFrom(undefined)).toBe(DEFAULT_TAXONOMY);
  });
});

describe('taxonomy search', () => {
  it('finds leaf types by any word of their path, accent-insensitively, in either language', () => {
    expect(searchTaxonomy(DEFAULT_TAXONOMY, 'refund', 'en').map((match) => match.path)).toEqual(['Billing › Refund']);
    expect(searchTaxonomy(DEFAULT_TAXONOMY, 'facturacion', 'es').map((match) => match.node.id)).toEqual(['billing_error', 'refund', 'unexpected_charge']);
    expect(searchTaxonomy(DEFAULT_TAXONOMY, 'delivery lost', 'en').map((match) => match.node.id)).toEqual(['lost_parcel']);
    // Categories are not selectable: only leaves are complaint types.
    expect(searchTaxonomy(DEFAULT_TAXONOMY, 'privacy', 'en').map((match) => match.node.id)).toEqual(['privacy_data_request', 'unwanted_marketing']);
  });
});

describe('after-call work timeout', () => {
  it('counts the seconds left from hang-up', () => {
    const ended = NOW.getTime();
    expect(secondsLeft(ended, ended, 120)).toBe(120);
    expect(secondsLeft(ended, ended + 119_500, 120)).toBe(1);
    expect(secondsLeft(ended, ended + 200_000, 120)).toBe(0);
  });

  it('keeps complete entries, fills in the default disposition, and drops what would make the save fail', () => {
    const complete = { ...EMPTY_DRAFT, disposition: 'sale', notes: 'bought' };
    expect(draftOnTimeout(complete, DEFAULT_DISPOSITIONS, NOW, 'information_provided')).toEqual(complete);
    const noDisposition = { ...EMPTY_DRAFT, notes: 'asked about prices' };
    expect(draftOnTimeout(noDisposition, DEFAULT_DISPOSITIONS, NOW, 'information_provided')).toEqual({ ...noDisposition, disposition: 'information_provided' });
    const incomplete = { ...EMPTY_DRAFT, disposition: 'complaint_logged', emotionEnd: { emotion: 'angry' as const, intensity: 2 }, complaintTypeId: 'refund', callback: { dueAt: 'x', note: '' } };
    const saved = draftOnTimeout(incomplete, DEFAULT_DISPOSITIONS, NOW, 'information_provided');
    expect(saved).toEqual({ ...EMPTY_DRAFT, disposition: 'information_provided', emotionEnd: { emotion: 'angry', intensity: 2 } });
    expect(wrapupProblems(saved, DEFAULT_DISPOSITIONS, NOW)).toEqual([]);
  });
});

describe('after-call-work policy (center setting)', () => {
  it('applies the center\'s length and default disposition', () => {
    expect(effectiveAfterCallWork({ seconds: 45, defaultDisposition: 'no_answer' }, DEFAULT_DISPOSITIONS)).toEqual({ seconds: 45, defaultDisposition: 'no_answer' });
    expect(effectiveAfterCallWork(DEFAULT_AFTER_CALL_WORK, DEFAULT_DISPOSITIONS)).toEqual({ seconds: 120, defaultDisposition: 'information_provided' });
  });

  it('falls back to the first disposition that requires nothing when the default was retired or now requires fields', () => {
    const retired = DEFAULT_DISPOSITIONS.filter((option) => option.code !== 'no_answer');
    expect(effectiveAfterCallWork({ seconds: 45, defaultDisposition: 'no_answer' }, retired)).toEqual({ seconds: 45, defaultDisposition: 'information_provided' });
    const demanding = DEFAULT_DISPOSITIONS.map((option) => (option.code === 'no_answer' ? { ...option, required: ['notes' as const] } : option));
    expect(effectiveAfterCallWork({ seconds: 60, defaultDisposition: 'no_answer' }, demanding).defaultDisposition).toBe('information_provided');
    // Whatever it falls back to, the timeout's save passes the wrap-up rules.
    const policy = effectiveAfterCallWork({ seconds: 60, defaultDisposition: 'gone' }, demanding);
    expect(wrapupProblems(draftOnTimeout(EMPTY_DRAFT, demanding, NOW, policy.defaultDisposition), demanding, NOW)).toEqual([]);
  });
});

describe('reference rows from GET /api/reference', () => {
  it('reads the server shapes and leaves retired dispositions out', () => {
    const rows = [
      { id: 'sale', code: 'sale', labelEn: 'Sale', labelEs: 'Venta', hotkey: 6, requiredFields: [], resolves: true, sortOrder: 0, active: true },
      { id: 'old', code: 'old', labelEn: 'Old', labelEs: 'Antiguo', hotkey: 7, requiredFields: [], resolves: false, sortOrder: 1, active: false },
    ];
    expect(dispositionsFrom(rows).map((option) => option.code)).toEqual(['sale']);
    expect(taxonomyFrom([{ id: 'refund', parentId: 'billing', labelEn: 'Refund', labelEs: 'Reembolso', slaHours: 120, sortOrder: 0 }]))
      .toEqual([{ id: 'refund', parent: 'billing', en: 'Refund', es: 'Reembolso', slaHours: 120 }]);
  });
});

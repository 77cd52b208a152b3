import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPOSITIONS } from '@contract';
import { dispositionOptions, referenceLists, taxonomyOptions } from './reference';

describe('reference lists from the local cache', () => {
  // Rows as GET /api/reference is cached by the customer card (admin shapes, id = code).
  const dispositions = dispositionOptions([
    { id: 'goodwill_credit', code: 'goodwill_credit', labelEn: 'Goodwill credit', labelEs: 'Abono de cortesía', hotkey: null, sortOrder: 2, active: true },
    { id: 'resolved', code: 'resolved', labelEn: 'Resolved', labelEs: 'Resuelto', hotkey: 1, sortOrder: 1, active: true },
  ]);
  const taxonomy = taxonomyOptions([
    { id: 'billing', parentId: null, labelEn: 'Billing', labelEs: 'Facturación', slaHours: 120, sortOrder: 1 },
    { id: 'crypto_refund', parentId: 'billing', labelEn: 'Crypto refund', labelEs: 'Reembolso cripto', slaHours: 48, sortOrder: 2 },
  ]);
  const lists = referenceLists(dispositions, taxonomy);

  it('offers what the admins configured, in their order, with both languages', () => {
    expect(lists.dispositions.map((d) => d.code)).toEqual(['resolved', 'goodwill_credit']);
    expect(lists.dispositionLabel('goodwill_credit', 'es-ES')).toBe('Abono de cortesía');
    expect(lists.complaintTypes).toEqual([{ id: 'crypto_refund', en: 'Billing › Crypto refund', es: 'Facturación › Reembolso cripto' }]);
    expect(lists.complaintTypeLabel('crypto_refund', 'en')).toBe('Crypto refund');
  });

  it('falls back to the shipped lists before the first download, and shows unknown codes as they are', () => {
    expect(dispositionOptions([])).toBe(DEFAULT_DISPOSITIONS);
    expect(referenceLists(dispositionOptions(undefined), taxonomyOptions(undefined)).complaintTypeLabel('refund', 'es')).toBe('Reembolso');
    expect(lists.dispositionLabel('retired_code', 'en')).toBe('retired_code');
    expect(lists.dispositionLabel(null, 'en')).toBe('—');
  });
});

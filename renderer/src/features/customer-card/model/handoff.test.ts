import { describe, expect, it } from 'vitest';
import { decodeHandoff, encodeHandoff } from './handoff';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const under = (cap: number) => (text: string) => bytes(text) <= cap;

describe('transfer hand-off text', () => {
  it('round-trips notes, emotion and complaint type', () => {
    const handoff = { notes: 'Cobro doble en marzo; pidió la baja.', emotion: { emotion: 'angry' as const, intensity: 2 }, complaintTypeId: 'refund' };
    expect(decodeHandoff(encodeHandoff(handoff, under(512)))).toEqual(handoff);
  });

  it('has nothing to send without notes, emotion or complaint', () => {
    expect(encodeHandoff({ notes: '   ', emotion: null, complaintTypeId: null }, under(512))).toBeNull();
  });

  it('shortens long notes (whole characters, with an ellipsis) to fit the carrier cap, keeping emotion and complaint', () => {
    const text = encodeHandoff({ notes: 'ñ'.repeat(2000), emotion: { emotion: 'frustrated', intensity: 1 }, complaintTypeId: 'billing_error' }, under(512));
    expect(text).not.toBeNull();
    expect(bytes(text!)).toBeLessThanOrEqual(512);
    const decoded = decodeHandoff(text)!;
    expect(decoded.notes.endsWith('…')).toBe(true);
    expect(decoded.notes.length).toBeGreaterThan(100);
    expect(decoded.emotion).toEqual({ emotion: 'frustrated', intensity: 1 });
    expect(decoded.complaintTypeId).toBe('billing_error');
  });

  it('rejects what is not ours or malformed: it came from the network', () => {
    for (const text of [null, '', 'plain text', '{"v":2,"n":"x"}', '{"v":1,"e":{"emotion":"furious","intensity":1}}', '{"v":1,"e":{"emotion":"angry","intensity":9}}', '[1]', '{"v":1}']) {
      expect(decodeHandoff(text), String(text)).toBeNull();
    }
  });

  it('keeps hostile text as data (rendered as text by the card)', () => {
    const notes = '<img src=x onerror=alert(1)> "quoted" \u202e';
    expect(decodeHandoff(encodeHandoff({ notes, emotion: null, complaintTypeId: null }, under(512)))?.notes).toBe(notes.trim());
  });
});

import { describe, expect, it } from 'vitest';
import { sameRow } from './same-row';

describe('a live re-read that returns the row already shown', () => {
  const shown = { id: 'c1', rev: 3, displayName: 'Ana', phones: ['+34600111222'] };

  it('is the same row when every field is equal (the shown object is kept: no re-render, no flicker)', () => {
    expect(sameRow(shown, { id: 'c1', rev: 3, displayName: 'Ana', phones: ['+34600111222'] })).toBe(true);
  });

  it('is a new row when any field changed, a local edit included (same server revision)', () => {
    expect(sameRow(shown, { ...shown, displayName: 'Ana María' })).toBe(false);
    expect(sameRow(shown, { ...shown, phones: ['+34600111222', '+34600999000'] })).toBe(false);
  });

  it('is a new row when nothing was shown or the row went away', () => {
    expect(sameRow(undefined, shown)).toBe(false);
    expect(sameRow(null, shown)).toBe(false);
    expect(sameRow(shown, null)).toBe(false);
  });
});

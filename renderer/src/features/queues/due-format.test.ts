import { describe, expect, it } from 'vitest';
import { formatDueTime } from './due-format';

describe('formatDueTime', () => {
  it('writes what Date#toLocaleString writes, in each language', () => {
    for (const language of ['en', 'es']) {
      for (const dueAt of ['2026-03-10T08:05:00.000Z', '2026-12-31T23:59:59.999Z']) {
        expect(formatDueTime(dueAt, language)).toBe(new Date(dueAt).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' }));
      }
    }
  });

  it('does not throw on a due time it cannot read', () => {
    expect(formatDueTime('not a date', 'en')).toBe(new Date('not a date').toLocaleString('en'));
  });
});

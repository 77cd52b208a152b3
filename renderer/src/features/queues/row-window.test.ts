import { describe, expect, it } from 'vitest';
import { rowsToRender } from './row-window';

const range = { startIndex: 100, endIndex: 107, overscan: 3, count: 10_000 };

describe('rowsToRender', () => {
  it('is the visible rows plus the overscan while the active row is among them', () => {
    expect(rowsToRender(range, 103)).toEqual([97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110]);
  });

  it('adds the active row when it is out of view, in index order', () => {
    expect(rowsToRender(range, 4_000).at(-1)).toBe(4_000);
    expect(rowsToRender(range, 5)).toEqual([5, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110]);
  });

  it('ignores an active index outside the list', () => {
    expect(rowsToRender(range, 10_000)).toHaveLength(14);
    expect(rowsToRender({ ...range, count: 0, startIndex: 0, endIndex: -1 }, 0)).toEqual([]);
  });
});

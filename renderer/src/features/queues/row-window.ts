/** Which rows the virtualised queue renders. */
import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';

/**
 * The virtualiser's window (visible rows plus overscan), plus the active row wherever it is: the
 * row holding the keyboard focus stays in the page when a new order moves it out of view.
 */
export function rowsToRender(range: Range, activeIndex: number): number[] {
  const indexes = defaultRangeExtractor(range);
  if (activeIndex < 0 || activeIndex >= range.count || indexes.includes(activeIndex)) return indexes;
  return [...indexes, activeIndex].sort((a, b) => a - b);
}

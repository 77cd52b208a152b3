/** Whether a live re-read returned the row already shown (so the shown object can be kept). */
export function sameRow<T extends object>(shown: T | null | undefined, next: T | null): boolean {
  if (shown === next) return true;
  if (!shown || !next) return false;
  return JSON.stringify(shown) === JSON.stringify(next);
}

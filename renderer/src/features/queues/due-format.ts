/**
 * The due time as the rows show it. One `Intl.DateTimeFormat` per language, not one per row:
 * `Date#toLocaleString` builds a new formatter (ICU data lookups) on every call.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDueTime(dueAt: string, language: string): string {
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
    formatters.set(language, formatter);
  }
  const due = new Date(dueAt);
  // toLocaleString's text for an unparseable date, which format() would throw on.
  return Number.isNaN(due.getTime()) ? 'Invalid Date' : formatter.format(due);
}

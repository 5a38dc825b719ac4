import 'server-only';

/** The one timestamp format stored in every table: ISO-8601 UTC with milliseconds, e.g. 2026-11-27T06:30:00.000Z. */
export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}

/** `nowIso()` shifted by a number of milliseconds, for due times and expiries. */
export function isoAfter(ms: number, from: Date = new Date()): string {
  return new Date(from.getTime() + ms).toISOString();
}

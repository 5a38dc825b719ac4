// The request form's "until a date" choice, turned into the whole days the request records (UTC calendar days).

const DAY_MS = 86_400_000;

const startOfUtcDay = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** Whole days from today to `date` ("YYYY-MM-DD", as a date input gives it); null when it is not such a date. */
export function daysUntil(date: string, now: Date): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const end = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(end) || new Date(end).toISOString().slice(0, 10) !== date) return null;
  return Math.round((end - startOfUtcDay(now)) / DAY_MS);
}

/** The date `days` after today, as a date input takes it. */
export function dateAfter(days: number, now: Date): string {
  return new Date(startOfUtcDay(now) + days * DAY_MS).toISOString().slice(0, 10);
}

import type { AuditEventCounts } from './query-audit-events';

const count = (n: number) => n.toLocaleString('en-US');
const events = (n: number) => `${count(n)} ${n === 1 ? 'event' : 'events'}`;

/**
 * Where a page of the audit log sits among the matching events ("Showing 51–100 of 1,000,000 events"). A count that
 * stopped at its cap is said as "more than", never passed off as exact.
 */
export function auditPagePosition(counts: AuditEventCounts, shown: number, firstPage: boolean): string {
  const total = counts.totalExact ? events(counts.total) : `more than ${events(counts.total)}`;
  if (firstPage && counts.totalExact && shown === counts.total) return events(counts.total);
  if (shown === 0) return `No more events (${total} match)`;
  if (!counts.newerExact) return `Showing ${events(shown)} after more than ${count(counts.newer)} newer ones, of ${total}`;
  return `Showing ${count(counts.newer + 1)}–${count(counts.newer + shown)} of ${total}`;
}

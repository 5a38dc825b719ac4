import type { AuditEventFilter } from '@/lib/audit/query-audit-events';

/** The audit filters as they appear in the URL (the page's form and the CSV export share them). */
export interface AuditSearch {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Calendar days, UTC, both inclusive. */
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string): string {
  return DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) ? value : '';
}

function dayAfter(value: string): string {
  const next = new Date(`${value}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, name: string, max: number): string {
  const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  return value.trim().slice(0, max);
}

/**
 * The filters and the page cursor (`before`: a seq) from the URL. A cursor that is present but not a positive integer is
 * reported as `badCursor`, so the page says its link is broken instead of silently showing another page.
 */
export function parseAuditSearch(params: Params): {
  search: AuditSearch;
  filter: AuditEventFilter;
  beforeSeq: number | undefined;
  badCursor: boolean;
} {
  const search: AuditSearch = {
    actor: read(params, 'actor', 64),
    action: read(params, 'action', 120),
    subjectType: read(params, 'subjectType', 64),
    subjectId: read(params, 'subjectId', 256),
    from: day(read(params, 'from', 10)),
    to: day(read(params, 'to', 10)),
  };
  const filter: AuditEventFilter = {};
  if (search.actor) filter.actorOid = search.actor;
  if (search.action) filter.action = search.action;
  if (search.subjectType) filter.subjectType = search.subjectType;
  if (search.subjectId) filter.subjectId = search.subjectId;
  if (search.from) filter.from = `${search.from}T00:00:00.000Z`;
  if (search.to) filter.to = dayAfter(search.to);
  const raw = read(params, 'before', 20);
  const before = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const valid = Number.isSafeInteger(before) && before > 0;
  return { search, filter, beforeSeq: valid ? before : undefined, badCursor: raw !== '' && !valid };
}

/** The query string for these filters (empty values left out), plus extra parameters. */
export function auditQuery(search: AuditSearch, extra: Record<string, string> = {}): string {
  const entries = Object.entries({ ...search, ...extra }).filter(([, value]) => value !== '');
  return new URLSearchParams(entries).toString();
}

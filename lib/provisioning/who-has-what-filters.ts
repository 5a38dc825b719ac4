// The who-has-what page's filters and page, as they sit in its URL (a reload or a shared link shows the same slice).
import type { ExternalAssignment } from './reconcile-assignments';
import type { AccessRequestView } from '@/lib/requests/request-view';

export interface WhoHasWhatFilters {
  /** Matches a holder's name or sign-in name (an application's name or client id), or a role's value, case-insensitively. */
  q: string;
  /** One API's id, or '' for every API. */
  api: string;
  page: number;
  /** The page of the product subscriptions part, paged on its own. */
  subscriptionPage: number;
}

type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');

const pageOf = (value: string | string[] | undefined) => {
  const page = Number.parseInt(one(value), 10);
  return Number.isFinite(page) && page > 0 && page < 10_000 ? page : 1;
};

/** Anything malformed is ignored rather than refused: the page then shows everything. */
export function parseWhoHasWhatFilters(search: Search): WhoHasWhatFilters {
  return {
    q: one(search.q).trim().slice(0, 200),
    api: /^[\w.-]{1,256}$/.test(one(search.api)) ? one(search.api) : '',
    page: pageOf(search.page),
    subscriptionPage: pageOf(search.spage),
  };
}

/** The query string for these filters (empty ones left out), with `page` (and the subscriptions' `spage`) set. */
export function whoHasWhatQuery(filters: Pick<WhoHasWhatFilters, 'q' | 'api'>, page: number, subscriptionPage = 1): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.api) params.set('api', filters.api);
  if (page > 1) params.set('page', String(page));
  if (subscriptionPage > 1) params.set('spage', String(subscriptionPage));
  return params.toString();
}

const contains = (q: string, ...texts: (string | null)[]) => texts.some((text) => text?.toLowerCase().includes(q));

export function grantMatches(q: string, grant: AccessRequestView): boolean {
  // An application's grant is held by the application: it is found by its name and client id too.
  return (
    !q ||
    contains(
      q.toLowerCase(),
      grant.requester.name,
      grant.requester.upn,
      grant.roleValue,
      grant.client?.displayName ?? null,
      grant.client?.appId ?? null,
    )
  );
}

export function assignmentMatches(q: string, assignment: ExternalAssignment): boolean {
  return !q || contains(q.toLowerCase(), assignment.principalDisplayName, assignment.roleValue);
}

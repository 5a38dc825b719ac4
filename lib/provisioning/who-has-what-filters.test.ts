// Rule: who-has-what filters survive the URL round trip, bad values fall back to everything, and search matches people,
// applications and roles.
import { describe, expect, it } from 'vitest';
import { assignmentMatches, grantMatches, parseWhoHasWhatFilters, whoHasWhatQuery } from './who-has-what-filters';
import type { AccessRequestView } from '@/lib/requests/request-view';

const grant = {
  requester: { oid: 'o', name: 'Ada Lovelace', upn: 'ada@contoso.onmicrosoft.com' },
  roleValue: 'Orders.Read',
} as AccessRequestView;

describe('who-has-what filters', () => {
  it('reads the URL and writes it back the same', () => {
    const filters = parseWhoHasWhatFilters({ q: ' ada ', api: 'orders', page: '3', spage: '2' });
    expect(filters).toEqual({ q: 'ada', api: 'orders', page: 3, subscriptionPage: 2 });
    expect(whoHasWhatQuery(filters, filters.page, filters.subscriptionPage)).toBe('q=ada&api=orders&page=3&spage=2');
    expect(whoHasWhatQuery({ q: '', api: '' }, 1)).toBe('');
  });

  it('ignores malformed values', () => {
    expect(parseWhoHasWhatFilters({ api: '../x y', page: '-2', spage: 'x', q: ['a', 'b'] })).toEqual({
      q: '',
      api: '',
      page: 1,
      subscriptionPage: 1,
    });
  });

  it('matches a holder by name, sign-in name or role, ignoring case', () => {
    expect(grantMatches('LOVELACE', grant)).toBe(true);
    expect(grantMatches('contoso.onmicrosoft', grant)).toBe(true);
    expect(grantMatches('orders.read', grant)).toBe(true);
    expect(grantMatches('ben', grant)).toBe(false);
    expect(grantMatches('', grant)).toBe(true);
    const external = { principalDisplayName: 'Nightly export', roleValue: 'Orders.Admin' } as Parameters<typeof assignmentMatches>[1];
    expect(assignmentMatches('nightly', external)).toBe(true);
    expect(assignmentMatches('ada', external)).toBe(false);
  });

  it('matches an application’s grant by the application’s name or client id', () => {
    const appGrant = {
      ...grant,
      client: { servicePrincipalId: 's', appId: 'a7e3c1d9-0001', displayName: 'nightly-sync', managedIdentity: false },
    } as AccessRequestView;
    expect(grantMatches('NIGHTLY', appGrant)).toBe(true);
    expect(grantMatches('a7e3c1d9', appGrant)).toBe(true);
    expect(grantMatches('nightly', { ...grant, client: null } as AccessRequestView)).toBe(false);
  });
});

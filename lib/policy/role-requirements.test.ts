// Rule: the roles an operation requires are read from what its policies say, and whatever cannot be read is reported, not guessed.
import { describe, expect, it } from 'vitest';
import { fixture, microsoftPolicyExamples } from '@/test/harness/policy-fixtures';
import { deriveAccessFromXml } from './operation-access';
import { allows, rolesMentioned } from './role-requirements';

const API = fixture('api-jwt-named-values.xml');

describe('deriveOperationAccess', () => {
  it('finds no token checks or roles in any of Microsoft policy examples', () => {
    for (const example of microsoftPolicyExamples()) {
      const access = deriveAccessFromXml({ operation: example.xml });
      expect(access, example.label).toEqual({ validatesToken: false, validations: [], requiredRoles: [], unknowns: [] });
    }
  });

  it('reads validate-jwt settings, keeping named values or resolving them from a map', () => {
    const kept = deriveAccessFromXml({ api: API, operation: '<policies><inbound><base /></inbound></policies>' });
    expect(kept.validatesToken).toBe(true);
    expect(kept.validations).toEqual([
      {
        scope: 'api',
        managedByRoleport: false,
        tokenSource: { kind: 'header', name: 'Authorization', scheme: 'Bearer' },
        failedValidationHttpCode: 401,
        failedValidationErrorMessage: 'Unauthorized',
        outputTokenVariableName: 'jwt',
        openIdConfigUrls: ['{{entra-openid-config-url}}'],
        audiences: ['{{orders-client-id}}', 'api://contoso-orders'],
        issuers: ['https://login.microsoftonline.com/{{tenant-id}}/v2.0', 'https://sts.windows.net/{{tenant-id}}/'],
        requiredClaims: [],
        namedValues: ['entra-openid-config-url', 'orders-client-id', 'tenant-id'],
        unresolvedNamedValues: ['entra-openid-config-url', 'orders-client-id', 'tenant-id'],
      },
    ]);
    expect(kept.requiredRoles).toEqual([]);
    const resolved = deriveAccessFromXml({ api: API }, { namedValues: { 'Tenant-ID': 't1', 'orders-client-id': 'c1' } });
    expect(resolved.validations[0]).toMatchObject({
      audiences: ['c1', 'api://contoso-orders'],
      issuers: ['https://login.microsoftonline.com/t1/v2.0', 'https://sts.windows.net/t1/'],
      unresolvedNamedValues: ['entra-openid-config-url'],
    });
  });

  it('reads required-claims: match="all" needs every role, match="any" one of them; other claims are kept but are not roles', () => {
    const access = deriveAccessFromXml({ api: API, operation: fixture('operation-required-claims.xml') });
    expect(access.requiredRoles).toEqual([['Orders.Read'], ['Orders.Write']]);
    expect(access.validations.map((v) => v.scope)).toEqual(['operation', 'api']);
    expect(access.validations[0]?.requiredClaims[2]).toEqual({ name: 'scp', match: 'any', separator: ' ', values: ['access_as_user'] });
    expect(rolesMentioned(access)).toEqual(['Orders.Admin', 'Orders.Read', 'Orders.Write']);
    expect(allows(access, ['Orders.Read', 'Orders.Write'])).toBe(true);
    expect(allows(access, ['Orders.Write', 'Orders.Admin'])).toBe(false);
  });

  it.each(['operation-choose-raw.xml', 'operation-choose-escaped.xml'])('reads a negated roles test that returns 403 (%s)', (name) => {
    const access = deriveAccessFromXml({ api: API, operation: fixture(name) });
    expect(access.requiredRoles).toEqual([['Orders.Admin']]);
    expect(access.unknowns).toEqual([]);
    expect(allows(access, ['Orders.Admin'])).toBe(true);
    expect(allows(access, ['Orders.Read'])).toBe(false);
  });

  it('combines || and && tests on the Authorization header, with 401 and set-status denials', () => {
    const access = deriveAccessFromXml({ operation: fixture('operation-header-roles-or.xml') });
    expect(access.requiredRoles).toEqual([
      ['Payments.Admin', 'Payments.Read'],
      ['Payments.Admin', 'Payments.Refund'],
    ]);
    expect(allows(access, ['Payments.Admin'])).toBe(true);
    expect(allows(access, ['Payments.Read', 'Payments.Refund'])).toBe(true);
    expect(allows(access, ['Payments.Refund'])).toBe(false);
  });

  it('reads an <otherwise> that refuses everyone the <when> did not let through', () => {
    const access = deriveAccessFromXml({ operation: fixture('operation-otherwise-deny.xml') });
    expect(access.requiredRoles).toEqual([['Inventory.Admin', 'Inventory.Write']]);
  });

  it('reports conditions it cannot interpret instead of guessing, and ignores choices that never refuse', () => {
    const access = deriveAccessFromXml({ api: API, operation: fixture('operation-uninterpretable.xml') });
    expect(access.requiredRoles).toEqual([]);
    expect(access.unknowns).toEqual([
      'A <choose> at operation scope refuses calls (403) depending on conditions Roleport cannot interpret: context.Request.Method == "DELETE"',
    ]);
  });

  it('reports access checks it does not interpret and policies it cannot read', () => {
    const access = deriveAccessFromXml({
      global: fixture('global-ip-filter.xml'),
      product: fixture('product-roles.xml'),
      api: fixture('malformed.xml'),
      operation: '<policies><inbound><base /></inbound></policies>',
    });
    expect(access.requiredRoles).toEqual([['{{partner-role}}']]);
    expect(access.unknowns).toEqual([
      expect.stringMatching(/^The API policy could not be read \(The policy is not well-formed XML/),
      'The global policy filters callers by IP address.',
      'The product policy requires the role named by {{partner-role}}, whose value is unknown.',
    ]);
    const resolved = deriveAccessFromXml({ product: fixture('product-roles.xml') }, { namedValues: { 'partner-role': 'Partner.Access' } });
    expect(resolved.requiredRoles).toEqual([['Partner.Access']]);
    expect(resolved.unknowns).toEqual([]);
  });
});

describe('allows', () => {
  it('needs one role from every set and allows anything when nothing is required', () => {
    expect(allows([], [])).toBe(true);
    expect(allows([['A', 'B'], ['C']], ['B', 'C'])).toBe(true);
    expect(allows([['A', 'B'], ['C']], ['A', 'B'])).toBe(false);
    expect(allows([['a']], ['A'])).toBe(false);
  });
});

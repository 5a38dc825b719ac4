// Rule: the rules the configuration doctor shows name each misconfiguration that breaks sign-in or token validation, with its fix, and pass a correct setup.
import { describe, expect, it } from 'vitest';
import type { OperationAccess } from '@/lib/policy/role-requirements';
import type { JwtValidation } from '@/lib/policy/jwt-validation';
import { checkAppMapped } from './app-mapped-rule';
import { checkAudiences } from './audience-rule';
import type { ApiUnderCheck, ConfigRulesInput, PortalRegistration, RegisteredApp } from './config-rules-input';
import { checkOpenIdConfig } from './openid-config-rule';
import { checkPortalRedirect } from './portal-redirect-rule';
import { checkRequiredRoles } from './required-role-rule';

const TID = '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34';
const AUTHORITY = 'https://login.microsoftonline.com';
const ORDERS_APP: RegisteredApp & Pick<ConfigRulesInput['apps'][number], 'tokenVersion'> = {
  appId: 'c4a8e2d0-0001-4f5e-9b3a-a00000000001',
  displayName: 'Orders API',
  identifierUris: ['api://contoso-orders'],
  tokenVersion: 2,
  appRoles: [
    { value: 'Orders.Read', isEnabled: true },
    { value: 'Orders.Write', isEnabled: true },
    { value: 'Orders.Legacy', isEnabled: false },
  ],
};

function validation(openIdConfigUrls: string[], audiences: string[]): JwtValidation {
  return {
    scope: 'api',
    managedByRoleport: true,
    tokenSource: { kind: 'header', name: 'Authorization', scheme: 'Bearer' },
    failedValidationHttpCode: 401,
    openIdConfigUrls,
    audiences,
    issuers: [],
    requiredClaims: [],
    namedValues: [],
    unresolvedNamedValues: [],
  } as JwtValidation;
}

const role = (value: string, isEnabled: boolean) => ({
  id: value,
  value,
  displayName: value,
  description: '',
  isEnabled,
  allowedMemberTypes: ['User'],
});
const TENANT = { tenantId: TID, authorityHost: AUTHORITY, v1IssuerHost: 'https://sts.windows.net' };

/** The rules' input for one API, mapped to the Orders app when it is given. */
function input(api: ApiUnderCheck, app: typeof ORDERS_APP | null = null, extra: Partial<ConfigRulesInput> = {}): ConfigRulesInput {
  return {
    apis: [api],
    apps: app ? [{ ...app, appRoles: app.appRoles.map((r) => role(r.value, r.isEnabled)) }] : [],
    tenant: TENANT,
    ...extra,
  };
}
const portalInput = (portal: PortalRegistration) => input(entry([], [], {}), null, { portal });

function entry(openIdConfigUrls: string[], audiences: string[], roles: Record<string, string[][]>): ApiUnderCheck {
  const access = (requiredRoles: string[][]): OperationAccess => ({
    validatesToken: true,
    validations: [validation(openIdConfigUrls, audiences)],
    requiredRoles,
    unknowns: [],
  });
  return {
    api: {
      id: 'orders',
      displayName: 'Orders API',
      appId: ORDERS_APP.appId,
      access: { tokenValidation: 'all', audiences, issuers: [], openIdConfigUrls, roles: [], unknowns: [] },
    },
    operations: Object.entries(roles).map(([name, requiredRoles]) => ({ id: name, displayName: name, access: access(requiredRoles) })),
  };
}

describe('checkPortalRedirect', () => {
  const portal = { appId: 'p', displayName: 'Roleport', redirectUris: ['https://roleport.contoso.com/api/auth/callback/azure-ad'] };
  const check = (app: PortalRegistration['app'], clientId: string, publicUrl: string) =>
    checkPortalRedirect(portalInput({ app, clientId, publicUrl }))[0]!;

  it('passes when the callback is registered exactly', () => {
    expect(check(portal, 'p', 'https://roleport.contoso.com/').status).toBe('ok');
  });

  it('says nothing when the caller did not read the portal registration', () => {
    expect(checkPortalRedirect(input(entry([], [], {})))).toEqual([]);
  });

  it('fails when the portal is served elsewhere, naming the URI to add', () => {
    const finding = check(portal, 'p', 'https://portal.contoso.com');
    expect(finding.status).toBe('error');
    expect(finding.detail).toContain('AADSTS50011');
    expect(finding.fix).toContain('Add https://portal.contoso.com/api/auth/callback/azure-ad');
  });

  it('explains a near miss in case or trailing slash', () => {
    const finding = check(
      { ...portal, redirectUris: ['https://Roleport.contoso.com/api/auth/callback/azure-ad/'] },
      'p',
      'https://roleport.contoso.com',
    );
    expect(finding.status).toBe('error');
    expect(finding.detail).toContain(
      'differs from https://roleport.contoso.com/api/auth/callback/azure-ad only in case or a trailing slash',
    );
  });

  it('fails when the registration does not exist', () => {
    expect(check(null, 'p', 'https://x').id).toBe('portal-app-missing');
  });
});

describe('checkOpenIdConfig', () => {
  const ours = `${AUTHORITY}/${TID}/v2.0/.well-known/openid-configuration`;

  it('passes this tenant’s discovery document', () => {
    expect(checkOpenIdConfig(input(entry([ours], [], {}))).map((f) => f.status)).toEqual(['ok']);
  });

  it.each([
    [
      `${AUTHORITY}/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/.well-known/openid-configuration`,
      'names tenant 72f988bf-86f1-41af-91ab-2d7cd011db47',
    ],
    [`${AUTHORITY}/common/v2.0/.well-known/openid-configuration`, 'the /common document'],
    [`https://login.microsoftonline.us/${TID}/v2.0/.well-known/openid-configuration`, "is not on this tenant's authority"],
  ])('fails %s', (url, message) => {
    const [finding] = checkOpenIdConfig(input(entry([url], [], {})));
    expect(finding?.status).toBe('error');
    expect(finding?.detail).toContain(message);
    expect(finding?.fix).toContain(ours);
  });

  it('warns about an unread named value', () => {
    expect(checkOpenIdConfig(input(entry(['{{openid-url}}'], [], {})))[0]?.status).toBe('warn');
  });
});

describe('checkAudiences', () => {
  it('passes audiences that name a registered app and fails one that names none', () => {
    const directoryApps = new Map<string, RegisteredApp | null>([
      ['api://contoso-orders', ORDERS_APP],
      ['api://contoso-legacy', null],
    ]);
    const findings = checkAudiences(input(entry([], ['api://contoso-orders', 'api://contoso-legacy'], {}), null, { directoryApps }));
    expect(findings.map((f) => [f.status, f.title])).toEqual([
      ['ok', 'The audience is a registered application'],
      ['error', 'An audience matches no app registration'],
    ]);
    expect(findings[1]?.detail).toContain('api://contoso-legacy');
  });
});

describe('checkRequiredRoles', () => {
  it('fails a role the app does not define and one it disabled, listing the operations', () => {
    const findings = checkRequiredRoles(
      input(
        entry([], [], {
          'List orders': [['Orders.Read', 'Orders.Write']],
          'Export orders': [['Orders.Admin']],
          'Old export': [['Orders.Legacy']],
          Purge: [['Orders.Admin']],
        }),
        ORDERS_APP,
      ),
    );
    const byRole = new Map(findings.map((f) => [f.id.split(':')[2], f]));
    expect(byRole.get('Orders.Read')?.status).toBe('ok');
    expect(byRole.get('Orders.Admin')?.status).toBe('error');
    expect(byRole.get('Orders.Admin')?.detail).toContain('Export orders, Purge require Orders.Admin');
    expect(byRole.get('Orders.Admin')?.detail).toContain('defines only Orders.Read, Orders.Write, Orders.Legacy');
    expect(byRole.get('Orders.Legacy')?.title).toBe('Orders.Legacy is disabled on Orders API');
  });

  it('treats role values as case-sensitive, as the gateway does', () => {
    const [finding] = checkRequiredRoles(input(entry([], [], { 'List orders': [['orders.read']] }), ORDERS_APP));
    expect(finding?.status).toBe('error');
  });

  it('warns when no app is mapped, naming the roles it cannot check, and says nothing when no role is required', () => {
    const unmapped = entry([], [], { A: [['Orders.Read']] });
    unmapped.api = { ...unmapped.api, appId: null };
    expect(checkRequiredRoles(input(unmapped))).toEqual([]);
    const [warning] = checkAppMapped(input(unmapped));
    expect(warning?.status).toBe('warn');
    expect(warning?.detail).toContain('require Orders.Read, which cannot be checked');
    expect(checkRequiredRoles(input(entry([], [], { A: [] }), ORDERS_APP))).toEqual([]);
  });
});

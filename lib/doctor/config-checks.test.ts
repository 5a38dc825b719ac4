// Rule: the configuration doctor names each misconfiguration that breaks sign-in or token validation, with its fix, and passes a correct setup.
import { describe, expect, it } from 'vitest';
import type { OperationAccess } from '@/lib/policy/role-requirements';
import type { JwtValidation } from '@/lib/policy/jwt-validation';
import {
  checkAudiences,
  checkOpenIdConfigUrls,
  checkPortalRedirect,
  checkRequiredRoles,
  type ApiUnderCheck,
  type RegisteredApp,
} from './config-checks';

const TID = '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34';
const AUTHORITY = 'https://login.microsoftonline.com';
const ORDERS_APP: RegisteredApp = {
  appId: 'c4a8e2d0-0001-4f5e-9b3a-a00000000001',
  displayName: 'Orders API',
  identifierUris: ['api://contoso-orders'],
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

  it('passes when the callback is registered exactly', () => {
    expect(checkPortalRedirect(portal, 'p', 'https://roleport.contoso.com/').status).toBe('ok');
  });

  it('fails when the portal is served elsewhere, naming the URI to add', () => {
    const finding = checkPortalRedirect(portal, 'p', 'https://portal.contoso.com');
    expect(finding.status).toBe('error');
    expect(finding.detail).toContain('AADSTS50011');
    expect(finding.fix).toContain('Add https://portal.contoso.com/api/auth/callback/azure-ad');
  });

  it('explains a near miss in case or trailing slash', () => {
    const finding = checkPortalRedirect(
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
    expect(checkPortalRedirect(null, 'p', 'https://x').id).toBe('portal-app-missing');
  });
});

describe('checkOpenIdConfigUrls', () => {
  const ours = `${AUTHORITY}/${TID}/v2.0/.well-known/openid-configuration`;

  it('passes this tenant’s discovery document', () => {
    expect(checkOpenIdConfigUrls(entry([ours], [], {}), AUTHORITY, TID).map((f) => f.status)).toEqual(['ok']);
  });

  it.each([
    [
      `${AUTHORITY}/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/.well-known/openid-configuration`,
      'names tenant 72f988bf-86f1-41af-91ab-2d7cd011db47',
    ],
    [`${AUTHORITY}/common/v2.0/.well-known/openid-configuration`, 'the /common document'],
    [`https://login.microsoftonline.us/${TID}/v2.0/.well-known/openid-configuration`, "is not on this tenant's authority"],
  ])('fails %s', (url, message) => {
    const [finding] = checkOpenIdConfigUrls(entry([url], [], {}), AUTHORITY, TID);
    expect(finding?.status).toBe('error');
    expect(finding?.detail).toContain(message);
    expect(finding?.fix).toContain(ours);
  });

  it('warns about an unread named value', () => {
    expect(checkOpenIdConfigUrls(entry(['{{openid-url}}'], [], {}), AUTHORITY, TID)[0]?.status).toBe('warn');
  });
});

describe('checkAudiences', () => {
  it('passes audiences that name a registered app and fails one that names none', () => {
    const apps = new Map<string, RegisteredApp | null>([
      ['api://contoso-orders', ORDERS_APP],
      ['api://contoso-legacy', null],
    ]);
    const findings = checkAudiences(entry([], ['api://contoso-orders', 'api://contoso-legacy'], {}), apps);
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
      entry([], [], {
        'List orders': [['Orders.Read', 'Orders.Write']],
        'Export orders': [['Orders.Admin']],
        'Old export': [['Orders.Legacy']],
        Purge: [['Orders.Admin']],
      }),
      ORDERS_APP,
    );
    const byRole = new Map(findings.map((f) => [f.id.split(':')[2], f]));
    expect(byRole.get('Orders.Read')?.status).toBe('ok');
    expect(byRole.get('Orders.Admin')?.status).toBe('error');
    expect(byRole.get('Orders.Admin')?.detail).toContain('Export orders, Purge require Orders.Admin');
    expect(byRole.get('Orders.Admin')?.detail).toContain('defines only Orders.Read, Orders.Write, Orders.Legacy');
    expect(byRole.get('Orders.Legacy')?.title).toBe('Orders.Legacy is disabled on Orders API');
  });

  it('treats role values as case-sensitive, as the gateway does', () => {
    const [finding] = checkRequiredRoles(entry([], [], { 'List orders': [['orders.read']] }), ORDERS_APP);
    expect(finding?.status).toBe('error');
  });

  it('warns when no app is mapped, and says nothing when no role is required', () => {
    expect(checkRequiredRoles(entry([], [], { A: [['Orders.Read']] }), null)[0]?.status).toBe('warn');
    expect(checkRequiredRoles(entry([], [], { A: [] }), ORDERS_APP)).toEqual([]);
  });
});

// Rule: each way a token fails the gateway gets exactly its own diagnosis, and every check reports the status the gateway's view implies.
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseToken } from './diagnose-token';
import type { CheckId, CheckStatus, DoctorContext, TokenDiagnosis } from './doctor-types';
import type { KeySource } from './fetch-signing-keys';
import {
  createTestIssuer,
  decodePart,
  hmacToken,
  tamperClaims,
  unsignedToken,
  type MintOptions,
  type TestIssuer,
} from '@/test/harness/test-tokens';

const TID = '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34';
const OTHER_TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const AUTHORITY = 'https://localhost:8443';
const PORTAL_CLIENT = '9d2c6f1a-5b7e-4c3d-a8f0-10000000000a';
const NOW = new Date('2026-12-01T10:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

const ORDERS = {
  displayName: 'Orders API',
  appId: 'c4a8e2d0-0001-4f5e-9b3a-a00000000001',
  identifierUris: ['api://contoso-orders'],
  tokenVersion: 2 as const,
};
const INVENTORY = {
  displayName: 'Inventory API',
  appId: 'c4a8e2d0-0002-4f5e-9b3a-a00000000002',
  identifierUris: ['api://contoso-inventory'],
  tokenVersion: 1 as const,
};
const V2_ONLY = [`${AUTHORITY}/${TID}/v2.0`];

const ALL_PASS: Record<CheckId, CheckStatus> = {
  format: 'pass',
  alg: 'pass',
  signature: 'pass',
  exp: 'pass',
  nbf: 'pass',
  iat: 'pass',
  tenant: 'pass',
  iss: 'pass',
  ver: 'pass',
  aud: 'pass',
  azp: 'pass',
  roles: 'pass',
};

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await createTestIssuer({ tenantId: TID, authority: AUTHORITY });
});

function ordersContext(overrides: Partial<DoctorContext> = {}): DoctorContext {
  return {
    now: NOW,
    expectedTenantId: TID,
    keySource: issuer.keySource,
    api: ORDERS,
    policy: {
      audiences: [ORDERS.appId, 'api://contoso-orders'],
      issuers: V2_ONLY,
      openIdConfigUrls: [`${AUTHORITY}/${TID}/v2.0/.well-known/openid-configuration`],
    },
    requiredRoles: [['Orders.Write', 'Orders.Admin']],
    operationName: 'Create order',
    portalClientId: PORTAL_CLIENT,
    heldRoles: [],
    ...overrides,
  };
}

function ordersToken(overrides: Partial<MintOptions> = {}): Promise<string> {
  return issuer.mint({
    version: 2,
    audience: ORDERS.appId,
    clientId: PORTAL_CLIENT,
    issuedAt: minutes(-10),
    roles: ['Orders.Write'],
    ...overrides,
  });
}

function statuses(result: TokenDiagnosis): Record<string, CheckStatus> {
  return Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
}

function codes(result: TokenDiagnosis): string[] {
  return result.diagnoses.map((d) => d.code);
}

describe('diagnoseToken corpus', () => {
  it('accepts a fully valid token', async () => {
    const result = await diagnoseToken(`Bearer ${await ordersToken()}`, ordersContext());
    expect(statuses(result)).toEqual(ALL_PASS);
    expect(result).toMatchObject({ verdict: 'valid', expectedStatus: null, diagnoses: [] });
    expect(result.summary).toBe('The gateway would accept this token for Create order on Orders API.');
    expect(result.claims?.roles).toEqual(['Orders.Write']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('expired', async () => {
    const result = await diagnoseToken(await ordersToken({ issuedAt: minutes(-180), lifetimeSeconds: 3900 }), ordersContext());
    expect(codes(result)).toEqual(['expired']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, exp: 'fail' });
    expect(result).toMatchObject({ verdict: 'invalid', expectedStatus: 401 });
    expect(result.diagnoses[0]?.title).toBe('The token expired 2 hours ago');
  });

  it('not yet valid', async () => {
    const token = await ordersToken({ claims: { nbf: seconds(minutes(60)), exp: seconds(minutes(120)) } });
    const result = await diagnoseToken(token, ordersContext());
    expect(codes(result)).toEqual(['not-yet-valid']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, nbf: 'fail' });
  });

  it("wrong audience: the portal's own token", async () => {
    const token = await ordersToken({ audience: PORTAL_CLIENT, roles: ['Portal.Admin'] });
    const result = await diagnoseToken(token, ordersContext());
    expect(codes(result)).toEqual(['wrong-audience']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, aud: 'fail', roles: 'skip' });
    expect(result.diagnoses[0]?.title).toBe('This is a token for Roleport itself, not for the API');
    expect(result.diagnoses[0]?.fix).toContain('api://contoso-orders/.default');
  });

  it('wrong issuer: same tenant and version, another authority', async () => {
    const token = await ordersToken({ issuer: `https://login.microsoftonline.com/${TID}/v2.0` });
    const result = await diagnoseToken(token, ordersContext());
    expect(codes(result)).toEqual(['wrong-issuer']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, iss: 'fail' });
  });

  it('v1.0 token while the policy trusts only v2.0 issuers', async () => {
    const token = await issuer.mint({ version: 1, audience: 'api://contoso-inventory', issuedAt: minutes(-10), roles: ['Inventory.Read'] });
    expect(decodePart(token, 1).iss).toBe(`${AUTHORITY}/${TID}/`);
    const result = await diagnoseToken(
      token,
      ordersContext({
        api: INVENTORY,
        policy: { audiences: [INVENTORY.appId, 'api://contoso-inventory'], issuers: V2_ONLY, openIdConfigUrls: [] },
        requiredRoles: [['Inventory.Read']],
      }),
    );
    expect(codes(result)).toEqual(['issuer-version-mismatch']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, iss: 'fail', ver: 'fail' });
    expect(result.diagnoses[0]?.fix).toContain('api.requestedAccessTokenVersion to 2');
    expect(result.diagnoses[0]?.fix).toContain(`add ${AUTHORITY}/${TID}/ to the validate-jwt <issuers>`);
  });

  it('alg: none', async () => {
    const signed = await ordersToken();
    const result = await diagnoseToken(unsignedToken(decodePart(signed, 1)), ordersContext());
    expect(codes(result)).toEqual(['alg-none']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, alg: 'fail', signature: 'skip' });
    expect(result.expectedStatus).toBe(401);
  });

  it('HS256 signed with the public key (algorithm confusion)', async () => {
    const claims = decodePart(await ordersToken(), 1);
    const token = await hmacToken(claims, new TextEncoder().encode(issuer.publicKeyPem), 'HS256', { kid: issuer.kid });
    const result = await diagnoseToken(token, ordersContext());
    expect(codes(result)).toEqual(['hmac-alg']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, alg: 'fail', signature: 'skip' });
  });

  it('forged: payload changed after signing', async () => {
    const token = tamperClaims(await ordersToken({ roles: ['Orders.Read'] }), { roles: ['Orders.Admin'] });
    const result = await diagnoseToken(token, ordersContext());
    expect(codes(result)).toEqual(['bad-signature']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, signature: 'fail' });
  });

  it('unknown kid', async () => {
    const stranger = await createTestIssuer({ tenantId: TID, authority: AUTHORITY, kid: 'key-from-elsewhere' });
    const token = await stranger.mint({ version: 2, audience: ORDERS.appId, issuedAt: minutes(-10), roles: ['Orders.Write'] });
    const result = await diagnoseToken(token, ordersContext());
    expect(codes(result)).toEqual(['unknown-kid']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, signature: 'fail' });
    expect(result.diagnoses[0]?.explanation).toContain('signed by a key ("key-from-elsewhere") this issuer does not publish');
    expect(result.checks.find((c) => c.id === 'signature')?.detail).toContain(`It publishes: ${issuer.kid}.`);
  });

  it('no roles claim at all', async () => {
    const result = await diagnoseToken(await ordersToken({ roles: undefined }), ordersContext());
    expect(codes(result)).toEqual(['missing-role']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, roles: 'fail' });
    expect(result.diagnoses[0]).toMatchObject({ requestRole: 'Orders.Write', anyOfRoles: ['Orders.Write', 'Orders.Admin'] });
    expect(result.diagnoses[0]?.explanation).toContain('no roles claim at all');
    expect(result.diagnoses[0]?.explanation).toContain('the gateway checks roles, not scopes');
    expect(result.expectedStatus).toBe(403);
    expect(result.summary).toBe(
      'The gateway would refuse this token for Create order on Orders API (403): Missing role: one of Orders.Write, Orders.Admin.',
    );
  });

  it('role assigned after the token was issued', async () => {
    const token = await ordersToken({ issuedAt: minutes(-30), roles: undefined });
    const held = [{ value: 'Orders.Write', via: 'direct' as const, assignedAt: minutes(-5).toISOString() }];
    const result = await diagnoseToken(token, ordersContext({ heldRoles: held }));
    expect(codes(result)).toEqual(['role-assigned-after-token']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, roles: 'fail' });
    expect(result.diagnoses[0]?.requestRole).toBeUndefined();
    expect(result.diagnoses[0]?.fix).toContain('Get a new token');
  });

  it('role held through a group but absent from the token', async () => {
    const held = [{ value: 'Orders.Write', via: 'group' as const, groupName: 'Orders Writers', assignedAt: '2026-01-01T00:00:00Z' }];
    const result = await diagnoseToken(await ordersToken({ roles: ['Orders.Read'] }), ordersContext({ heldRoles: held }));
    expect(codes(result)).toEqual(['role-via-group-no-claim']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, roles: 'fail' });
    expect(result.diagnoses[0]?.title).toBe('You hold Orders.Write through the group "Orders Writers", but the token does not carry it');
  });

  it('token from another tenant', async () => {
    const result = await diagnoseToken(await ordersToken({ tenantId: OTHER_TID }), ordersContext());
    expect(codes(result)).toEqual(['other-tenant']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, tenant: 'fail', iss: 'fail', roles: 'skip' });
    expect(result.diagnoses[0]?.explanation).toContain(`issued by tenant ${OTHER_TID}`);
  });

  it('unreadable input', async () => {
    const result = await diagnoseToken('hello', ordersContext());
    expect(result).toMatchObject({ header: null, claims: null, verdict: 'invalid', expectedStatus: 401 });
    expect(codes(result)).toEqual(['malformed']);
    expect(statuses(result)).toEqual({ format: 'fail' });
  });
});

describe('diagnoseToken details', () => {
  it('warns, naming validate-jwt clock-skew, when expiry falls inside the tolerance', async () => {
    const token = await ordersToken({ issuedAt: minutes(-61), lifetimeSeconds: 3600 });
    const result = await diagnoseToken(token, ordersContext());
    expect(statuses(result)).toEqual({ ...ALL_PASS, exp: 'warn' });
    expect(result.verdict).toBe('valid');
    expect(result.checks.find((c) => c.id === 'exp')?.detail).toContain('clock-skew attribute');
    const strict = await diagnoseToken(token, ordersContext({ clockSkewSeconds: 0 }));
    expect(codes(strict)).toEqual(['expired']);
  });

  it('blames the policy when a v2.0 token for the API meets a policy listing only the App ID URI', async () => {
    const ctx = ordersContext({ policy: { audiences: ['api://contoso-orders'], issuers: V2_ONLY, openIdConfigUrls: [] } });
    const result = await diagnoseToken(await ordersToken(), ctx);
    expect(codes(result)).toEqual(['wrong-audience']);
    expect(statuses(result)).toEqual({ ...ALL_PASS, aud: 'fail', roles: 'skip' });
    expect(result.diagnoses[0]?.fix).toBe(`Add ${ORDERS.appId} to the validate-jwt <audiences> of Orders API.`);
  });

  it('explains a missing application role on an app-only token and offers a request for that app, not for the user', async () => {
    const token = await ordersToken({ scp: null, roles: ['Orders.Read'], clientId: 'd1e2f3a4-0000-4000-8000-000000000001' });
    const result = await diagnoseToken(token, ordersContext());
    expect(codes(result)).toEqual(['missing-role']);
    expect(result.diagnoses[0]?.title).toBe('The application lacks one of Orders.Write, Orders.Admin');
    expect(result.diagnoses[0]?.requestRole).toBeUndefined();
    expect(result.diagnoses[0]?.requestForApp).toBe('d1e2f3a4-0000-4000-8000-000000000001');
    expect(result.diagnoses[0]?.fix).toContain('Request for this app');
    expect(result.checks.find((c) => c.id === 'azp')?.detail).toContain('app-only token');
  });

  it('requires every OR-set and names only the sets that fail', async () => {
    const ctx = ordersContext({ requiredRoles: [['Orders.Read', 'Orders.Write'], ['Orders.Admin']] });
    const result = await diagnoseToken(await ordersToken(), ctx);
    expect(codes(result)).toEqual(['missing-role']);
    expect(result.diagnoses[0]).toMatchObject({ requestRole: 'Orders.Admin', anyOfRoles: ['Orders.Admin'] });
  });

  it('says so when the signing keys cannot be loaded, without calling the token forged', async () => {
    const unreachable: KeySource = { getKey: async () => ({ ok: false, reason: 'unavailable', message: 'timeout', knownKids: [] }) };
    const result = await diagnoseToken(await ordersToken(), ordersContext({ keySource: unreachable }));
    expect(statuses(result)).toEqual({ ...ALL_PASS, signature: 'skip' });
    expect(result.summary).toContain('The signature could not be checked.');
  });

  it('checks only the shape of the issuer when the policy is unknown', async () => {
    const ctx = ordersContext({ policy: undefined });
    expect(statuses(await diagnoseToken(await ordersToken(), ctx))).toEqual(ALL_PASS);
    const foreign = await diagnoseToken(await ordersToken({ issuer: 'https://accounts.example.com' }), ctx);
    expect(codes(foreign)).toEqual(['wrong-issuer']);
  });
});

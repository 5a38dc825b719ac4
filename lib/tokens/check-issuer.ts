import 'server-only';
import type { Check, CheckInput, CheckOutcome, Diagnosis } from './doctor-types';
import { parseIssuer, sameId, tokenVersion } from './issuer-shape';

/** iss, tenant and ver: who issued the token, for which directory, in which token format. */
export function checkIssuer(input: CheckInput): CheckOutcome {
  const outcomes = [checkTenant(input), checkIss(input), checkVer(input)];
  return { checks: outcomes.flatMap((o) => o.checks), diagnoses: outcomes.flatMap((o) => o.diagnoses) };
}

export function tokenTenantId(input: CheckInput): string | null {
  const tid = input.claims.tid;
  return typeof tid === 'string' ? tid.toLowerCase() : parseIssuer(input.claims.iss).tenantId;
}

function checkTenant(input: CheckInput): CheckOutcome {
  const label = 'Tenant (tid)';
  const expected = input.ctx.expectedTenantId;
  const tenant = tokenTenantId(input);
  const issTenant = parseIssuer(input.claims.iss).tenantId;
  if (tenant === null) {
    return one({
      id: 'tenant',
      label,
      status: 'fail',
      detail: 'The token names no tenant: it has no tid claim and its issuer has no tenant in its path.',
    });
  }
  if (!sameId(tenant, expected)) {
    const fix = `Sign in through tenant ${expected}'s own authority (as a member or guest of it), not your home tenant or /common, and get a new token.`;
    const diagnosis: Diagnosis = {
      code: 'other-tenant',
      title: 'The token comes from another tenant',
      explanation: `This token was issued by tenant ${tenant}, but the API trusts tenant ${expected}. A guest who signs in through their home tenant, or a token copied from another environment, looks like this. The gateway refuses it with 401.`,
      fix,
    };
    return {
      checks: [{ id: 'tenant', label, status: 'fail', detail: `Issued by tenant ${tenant}; the API trusts tenant ${expected}.`, fix }],
      diagnoses: [diagnosis],
    };
  }
  if (issTenant !== null && typeof input.claims.tid === 'string' && !sameId(issTenant, input.claims.tid)) {
    return one({
      id: 'tenant',
      label,
      status: 'warn',
      detail: `tid is ${input.claims.tid} but the issuer names tenant ${issTenant}; Entra never issues such a token.`,
    });
  }
  return one({ id: 'tenant', label, status: 'pass', detail: `Issued by tenant ${expected}, the tenant the API trusts.` });
}

function checkIss(input: CheckInput): CheckOutcome {
  const label = 'Issuer (iss)';
  const iss = input.claims.iss;
  if (typeof iss !== 'string') {
    return failWith(label, 'The token has no iss claim.', {
      code: 'malformed',
      title: 'The token has no issuer',
      explanation: 'validate-jwt compares iss with its trusted issuers; without one the gateway refuses the token.',
      fix: 'Use an access token exactly as Entra issued it.',
    });
  }
  const shape = parseIssuer(iss);
  const tenantMatches = sameId(tokenTenantId(input), input.ctx.expectedTenantId);
  const trusted = input.ctx.policy?.issuers ?? [];
  if (trusted.length === 0) {
    if (shape.version === null) return failWith(label, `${iss} does not have the shape of an Entra issuer.`, wrongIssuer(iss, []));
    const detail = `${iss} is an Entra v${shape.version}.0 issuer. The API's validate-jwt issuers are not known, so only its shape was checked.`;
    return one({ id: 'iss', label, status: tenantMatches ? 'pass' : 'fail', detail });
  }
  if (trusted.includes(iss)) return one({ id: 'iss', label, status: 'pass', detail: `${iss} is one of the issuers the policy trusts.` });

  const detail = `${iss} is not one of the issuers the policy trusts (${trusted.join(', ')}).`;
  // Another tenant's issuer is explained by the tenant check; one cause, one diagnosis.
  if (!tenantMatches) return one({ id: 'iss', label, status: 'fail', detail });
  const trustedVersions = new Set(trusted.map((t) => parseIssuer(t).version));
  if (shape.version !== null && !trustedVersions.has(shape.version)) {
    return failWith(label, detail, versionMismatch(input, iss, shape.version));
  }
  return failWith(label, detail, wrongIssuer(iss, trusted));
}

function checkVer(input: CheckInput): CheckOutcome {
  const label = 'Token version (ver)';
  const version = tokenVersion(input.claims.ver, input.claims.iss);
  if (version === null)
    return one({
      id: 'ver',
      label,
      status: 'warn',
      detail: 'Neither the ver claim nor the issuer tells whether this is a v1.0 or v2.0 token.',
    });
  const shape = parseIssuer(input.claims.iss).version;
  if (shape !== null && shape !== version) {
    return one({
      id: 'ver',
      label,
      status: 'warn',
      detail: `ver says v${version}.0 but the issuer has the v${shape}.0 shape; Entra never issues such a token.`,
    });
  }
  const trusted = input.ctx.policy?.issuers ?? [];
  if (trusted.length > 0 && !trusted.some((t) => parseIssuer(t).version === version)) {
    return one({
      id: 'ver',
      label,
      status: 'fail',
      detail: `A v${version}.0 token, but the policy trusts only v${version === 1 ? 2 : 1}.0 issuers.`,
    });
  }
  const api = input.ctx.api;
  if (api && api.tokenVersion !== version) {
    return one({
      id: 'ver',
      label,
      status: 'warn',
      detail: `A v${version}.0 token, yet ${api.displayName}'s registration asks Entra for v${api.tokenVersion}.0 tokens (api.requestedAccessTokenVersion): it was issued before that setting changed, or for another resource.`,
      fix: 'Get a new token.',
    });
  }
  const asked = api ? `, as ${api.displayName}'s registration asks for` : '';
  return one({ id: 'ver', label, status: 'pass', detail: `A v${version}.0 token${asked}.` });
}

function versionMismatch(input: CheckInput, iss: string, version: 1 | 2): Diagnosis {
  const api = input.ctx.api?.displayName ?? 'the API';
  const other = version === 1 ? 2 : 1;
  return {
    code: 'issuer-version-mismatch',
    title: `A v${version}.0 token, but the policy trusts only v${other}.0 issuers`,
    explanation:
      `Entra issues v1.0 or v2.0 access tokens according to the API's app registration (api.requestedAccessTokenVersion: null or 1 gives v1.0, 2 gives v2.0), ` +
      `and the two versions have different issuers. This token's issuer is ${iss}; validate-jwt lists only v${other}.0 issuers, so the gateway refuses it with 401.`,
    fix:
      `Either set api.requestedAccessTokenVersion to ${other} in the manifest of ${api}'s app registration and get a new token, ` +
      `or add ${iss} to the validate-jwt <issuers>. When switching versions, check <audiences> as well: v2.0 tokens carry the client id as aud, v1.0 tokens the resource you requested.`,
  };
}

function wrongIssuer(iss: string, trusted: string[]): Diagnosis {
  const list = trusted.length > 0 ? ` The policy trusts: ${trusted.join(', ')}.` : '';
  return {
    code: 'wrong-issuer',
    title: 'The token comes from an issuer the gateway does not trust',
    explanation: `The issuer is ${iss}.${list} Same tenant and token version but another authority usually means another cloud or environment (for example a local emulator token sent to a gateway that trusts login.microsoftonline.com), or an issuer written with a different trailing slash.`,
    fix: 'Get the token from the authority the gateway trusts, or add this exact issuer to the validate-jwt <issuers> if it should be trusted.',
  };
}

function one(check: Check): CheckOutcome {
  return { checks: [check], diagnoses: [] };
}

function failWith(label: string, detail: string, diagnosis: Diagnosis): CheckOutcome {
  return { checks: [{ id: 'iss', label, status: 'fail', detail, fix: diagnosis.fix }], diagnoses: [diagnosis] };
}

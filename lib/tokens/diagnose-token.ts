import 'server-only';
import { checkAudience } from './check-audience';
import { checkIssuer } from './check-issuer';
import { checkLifetime } from './check-lifetime';
import { checkRoles } from './check-roles';
import { checkSignature } from './check-signature';
import { decodeJwt } from './decode-jwt';
import type { Check, CheckInput, Diagnosis, DoctorContext, TokenDiagnosis } from './doctor-types';

const DEFAULT_SKEW_SECONDS = 300;

/**
 * Explains, check by check, whether the gateway's validate-jwt (API scope) and the operation's
 * role requirement would let this token through, and why not.
 */
export async function diagnoseToken(token: string, ctx: DoctorContext): Promise<TokenDiagnosis> {
  const decoded = decodeJwt(token);
  if (!decoded.ok) return unreadable(decoded.error);

  const now = ctx.now ?? new Date();
  const input: CheckInput = {
    header: decoded.header,
    claims: decoded.claims,
    ctx,
    nowSeconds: Math.floor(now.getTime() / 1000),
    skewSeconds: Math.max(0, ctx.clockSkewSeconds ?? DEFAULT_SKEW_SECONDS),
  };
  const format: Check = {
    id: 'format',
    label: 'Token format',
    status: 'pass',
    detail: 'A signed JWT: header, payload and signature all decode.',
  };
  const signature = await checkSignature(input, decoded.token);
  const lifetime = checkLifetime(input);
  const issuer = checkIssuer(input);
  const audience = checkAudience(input);
  const reached = [...issuer.checks, ...audience.checks];
  const forThisApi = !reached.some((c) => (c.id === 'tenant' || c.id === 'aud') && c.status === 'fail');
  const roles = checkRoles(input, forThisApi);

  const checks = [format, ...signature.checks, ...lifetime.checks, ...issuer.checks, ...audience.checks, ...roles.checks];
  // Most fundamental first: a forged or foreign token makes the later advice moot.
  const diagnoses = [...signature.diagnoses, ...issuer.diagnoses, ...audience.diagnoses, ...lifetime.diagnoses, ...roles.diagnoses];
  const expectedStatus = checks.some((c) => c.status === 'fail' && c.id !== 'roles')
    ? 401
    : roles.checks.some((c) => c.status === 'fail')
      ? 403
      : null;
  return {
    header: decoded.header,
    claims: decoded.claims,
    checks,
    verdict: expectedStatus === null ? 'valid' : 'invalid',
    expectedStatus,
    summary: summarize(checks, diagnoses, expectedStatus, ctx),
    diagnoses,
  };
}

function unreadable(error: string): TokenDiagnosis {
  const fix = 'Paste the access token itself: three base64url parts separated by dots, usually starting with "eyJ".';
  return {
    header: null,
    claims: null,
    checks: [{ id: 'format', label: 'Token format', status: 'fail', detail: error, fix }],
    verdict: 'invalid',
    expectedStatus: 401,
    summary: `The gateway would refuse this (401): it is not a readable JWT. ${error}`,
    diagnoses: [{ code: 'malformed', title: 'This is not a readable JWT', explanation: error, fix }],
  };
}

function summarize(checks: Check[], diagnoses: Diagnosis[], status: 401 | 403 | null, ctx: DoctorContext): string {
  const target = ctx.api ? (ctx.operationName ? ` for ${ctx.operationName} on ${ctx.api.displayName}` : ` for ${ctx.api.displayName}`) : '';
  if (status === null) {
    const warnings = checks.filter((c) => c.status === 'warn').length;
    const unsigned = checks.some((c) => c.id === 'signature' && c.status === 'skip') ? ' The signature could not be checked.' : '';
    const notes = warnings > 0 ? ` ${warnings} warning${warnings === 1 ? '' : 's'} below.` : '';
    return `The gateway would accept this token${target}.${unsigned}${notes}`;
  }
  const first = diagnoses[0]?.title ?? checks.find((c) => c.status === 'fail')?.detail ?? 'a check failed';
  const more = diagnoses.length > 1 ? ` ${diagnoses.length - 1} more problem${diagnoses.length === 2 ? '' : 's'} below.` : '';
  return `The gateway would refuse this token${target} (${status}): ${first.replace(/\.$/, '')}.${more}`;
}

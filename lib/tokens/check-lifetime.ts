import 'server-only';
import type { Check, CheckInput, CheckOutcome, Diagnosis } from './doctor-types';

const GATEWAY_SKEW_NOTE =
  "The gateway does not use the doctor's tolerance: validate-jwt allows only its own clock-skew attribute (in seconds, 0 unless the policy sets it).";

export function checkLifetime(input: CheckInput): CheckOutcome {
  const outcomes = [checkExp(input), checkNbf(input), checkIat(input)];
  return { checks: outcomes.flatMap((o) => o.checks), diagnoses: outcomes.flatMap((o) => o.diagnoses) };
}

function checkExp({ claims, nowSeconds, skewSeconds }: CheckInput): CheckOutcome {
  const label = 'Expiry (exp)';
  const exp = claims.exp;
  if (exp === undefined || typeof exp !== 'number' || !Number.isFinite(exp)) {
    const fix = 'Use an access token issued by Entra; they always carry exp.';
    return fail(label, 'exp', exp === undefined ? 'The token has no exp claim.' : 'The exp claim is not a number.', {
      code: 'malformed',
      title: 'The token has no usable expiry',
      explanation:
        'validate-jwt requires an exp claim (unless the policy sets require-expiration-time="false"), so the gateway refuses this token.',
      fix,
    });
  }
  const at = `${isoOf(exp)}`;
  if (nowSeconds > exp + skewSeconds) {
    const ago = describeSeconds(nowSeconds - exp);
    return fail(label, 'exp', `Expired at ${at}, ${ago} ago.`, {
      code: 'expired',
      title: `The token expired ${ago} ago`,
      explanation: `The token was valid until ${at}. The gateway refuses expired tokens with 401.`,
      fix: 'Get a new token: sign in again, or let the console request a fresh one. Entra access tokens last about 60–90 minutes.',
    });
  }
  if (nowSeconds > exp) {
    const detail = `Expired at ${at}, ${describeSeconds(nowSeconds - exp)} ago — inside the doctor's ${skewSeconds} s tolerance. ${GATEWAY_SKEW_NOTE}`;
    return warn(label, 'exp', detail, 'Get a new token.');
  }
  return pass(label, 'exp', `Valid until ${at} (${describeSeconds(exp - nowSeconds)} from now).`);
}

function checkNbf({ claims, nowSeconds, skewSeconds }: CheckInput): CheckOutcome {
  const label = 'Not before (nbf)';
  const nbf = claims.nbf;
  if (nbf === undefined)
    return {
      checks: [{ id: 'nbf', label, status: 'skip', detail: 'No nbf claim: the token is valid from the moment it was issued.' }],
      diagnoses: [],
    };
  if (typeof nbf !== 'number' || !Number.isFinite(nbf)) {
    return fail(label, 'nbf', 'The nbf claim is not a number.', {
      code: 'malformed',
      title: 'The token has an unreadable nbf claim',
      explanation: 'nbf must be a Unix time in seconds; the gateway cannot tell when this token becomes valid and refuses it.',
      fix: 'Use an access token exactly as Entra issued it.',
    });
  }
  const at = isoOf(nbf);
  if (nowSeconds < nbf - skewSeconds) {
    const wait = describeSeconds(nbf - nowSeconds);
    return fail(label, 'nbf', `Not valid until ${at}, ${wait} from now.`, {
      code: 'not-yet-valid',
      title: `The token is not valid for another ${wait}`,
      explanation: `The token says it becomes valid at ${at}. Either the issuer's clock is ahead of this server's, or the token was minted for later. The gateway refuses it until then.`,
      fix: `Check the clocks of this machine and the issuer (NTP). Otherwise wait until ${at} or get a new token.`,
    });
  }
  if (nowSeconds < nbf) {
    return warn(
      label,
      'nbf',
      `Valid from ${at}, ${describeSeconds(nbf - nowSeconds)} from now — inside the doctor's ${skewSeconds} s tolerance. ${GATEWAY_SKEW_NOTE}`,
      'Check the clocks of this machine and the issuer (NTP).',
    );
  }
  return pass(label, 'nbf', `Valid since ${at}.`);
}

function checkIat({ claims, nowSeconds, skewSeconds }: CheckInput): CheckOutcome {
  const label = 'Issued at (iat)';
  const iat = claims.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    return warn(label, 'iat', iat === undefined ? 'No iat claim; Entra always sets one.' : 'The iat claim is not a number.');
  }
  const at = isoOf(iat);
  if (iat > nowSeconds + skewSeconds) {
    return warn(
      label,
      'iat',
      `Issued in the future (${at}, ${describeSeconds(iat - nowSeconds)} from now): the issuer's clock and this server's disagree. validate-jwt does not check iat, but the same drift affects nbf and exp.`,
      'Check the clocks of this machine and the issuer (NTP).',
    );
  }
  return pass(
    label,
    'iat',
    iat > nowSeconds
      ? `Issued at ${at}, a few seconds ahead of this server's clock.`
      : `Issued at ${at}, ${describeSeconds(nowSeconds - iat)} ago.`,
  );
}

function pass(label: string, id: Check['id'], detail: string): CheckOutcome {
  return { checks: [{ id, label, status: 'pass', detail }], diagnoses: [] };
}

function warn(label: string, id: Check['id'], detail: string, fix?: string): CheckOutcome {
  return { checks: [{ id, label, status: 'warn', detail, ...(fix ? { fix } : {}) }], diagnoses: [] };
}

function fail(label: string, id: Check['id'], detail: string, diagnosis: Diagnosis): CheckOutcome {
  return { checks: [{ id, label, status: 'fail', detail, fix: diagnosis.fix }], diagnoses: [diagnosis] };
}

export function isoOf(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

export function describeSeconds(total: number): string {
  const s = Math.round(Math.abs(total));
  if (s < 90) return `${s} second${s === 1 ? '' : 's'}`;
  if (s < 90 * 60) return `${Math.round(s / 60)} minutes`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} hours`;
  return `${Math.round(s / 86400)} days`;
}

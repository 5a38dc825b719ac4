import 'server-only';
import { compactVerify, errors } from 'jose';
import type { Check, CheckInput, CheckOutcome, Diagnosis } from './doctor-types';

// Entra signs with RS256; the other asymmetric algorithms are accepted because a key published
// by the issuer is what makes them safe. HMAC is refused outright: with a published "secret"
// (the public key) anyone can mint a token.
const ACCEPTED_ALGS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);

export async function checkSignature(input: CheckInput, token: string): Promise<CheckOutcome> {
  const alg = input.header.alg;
  const algOutcome = checkAlg(alg);
  if (algOutcome.checks[0]?.status === 'fail' || typeof alg !== 'string') {
    const detail =
      typeof alg === 'string' && alg.toLowerCase() === 'none'
        ? 'Not checked: a token with "alg": "none" carries no signature to check.'
        : 'Not checked: the gateway refuses the algorithm before it looks at the signature.';
    return {
      checks: [...algOutcome.checks, { id: 'signature', label: 'Signature', status: 'skip', detail }],
      diagnoses: algOutcome.diagnoses,
    };
  }
  const signature = await verifySignature(input, token, alg);
  return { checks: [...algOutcome.checks, ...signature.checks], diagnoses: [...algOutcome.diagnoses, ...signature.diagnoses] };
}

function checkAlg(alg: unknown): CheckOutcome {
  const label = 'Signing algorithm (alg)';
  if (typeof alg !== 'string' || alg === '') {
    const detail = 'The header has no "alg", so nobody can tell how it was signed.';
    return refuse(label, detail, {
      code: 'malformed',
      title: 'The token header has no algorithm',
      explanation: 'Every signed JWT names its algorithm in the header; validate-jwt rejects a token without one.',
      fix: 'Use the access token exactly as Entra returned it.',
    });
  }
  if (alg.toLowerCase() === 'none') {
    return refuse(label, 'The header says "alg": "none": the token is unsigned and anyone could have written it.', {
      code: 'alg-none',
      title: 'Unsigned token (alg: none)',
      explanation:
        'A token with "alg": "none" has no signature, so nothing proves who issued it. The gateway requires signed tokens and refuses it.',
      fix: 'Get a real access token from Entra; a hand-made or test token will never pass the gateway.',
    });
  }
  if (/^HS(256|384|512)$/.test(alg)) {
    return refuse(label, `The header says "alg": "${alg}", an HMAC (shared-secret) algorithm. Entra never signs access tokens with HMAC.`, {
      code: 'hmac-alg',
      title: `Shared-secret signature (${alg}) refused`,
      explanation:
        `An ${alg} token verified with the issuer's public key would let anyone sign tokens, because that key is public ` +
        '(the "algorithm confusion" attack). Entra signs with RS256 and the gateway verifies only against the keys from its OpenID configuration.',
      fix: 'Get a real access token from Entra; this token was not issued by it.',
    });
  }
  if (!ACCEPTED_ALGS.has(alg)) {
    return refuse(label, `The header says "alg": "${alg}", which the gateway does not accept.`, {
      code: 'unsupported-alg',
      title: `Unsupported signing algorithm (${alg})`,
      explanation: 'Entra signs access tokens with RS256; a token signed otherwise did not come from Entra.',
      fix: 'Get a real access token from Entra.',
    });
  }
  const detail =
    alg === 'RS256'
      ? 'RS256 (RSA with SHA-256), the algorithm Entra signs with.'
      : `${alg}, an accepted public-key algorithm; note that Entra itself signs with RS256.`;
  return { checks: [{ id: 'alg', label, status: 'pass', detail }], diagnoses: [] };
}

function refuse(label: string, detail: string, diagnosis: Diagnosis): CheckOutcome {
  const check: Check = { id: 'alg', label, status: 'fail', detail, fix: diagnosis.fix };
  return { checks: [check], diagnoses: [diagnosis] };
}

async function verifySignature(input: CheckInput, token: string, alg: string): Promise<CheckOutcome> {
  const label = 'Signature';
  const kid = typeof input.header.kid === 'string' ? input.header.kid : undefined;
  const lookup = await input.ctx.keySource.getKey(kid, alg);
  const from = lookup.jwksUri ? ` (${lookup.jwksUri})` : '';
  if (!lookup.ok) {
    if (lookup.reason === 'unavailable') {
      return { checks: [{ id: 'signature', label, status: 'skip', detail: `Not checked: ${lookup.message}` }], diagnoses: [] };
    }
    if (lookup.reason === 'unknown-kid') {
      const published = lookup.knownKids.length > 0 ? ` It publishes: ${lookup.knownKids.join(', ')}.` : '';
      const fix = `Get the token from tenant ${input.ctx.expectedTenantId}'s own authority. If it did come from there, the keys may have just rotated: try again in a few minutes.`;
      return {
        checks: [
          {
            id: 'signature',
            label,
            status: 'fail',
            detail: `Signed with key "${kid}", which the issuer does not publish${from}.${published}`,
            fix,
          },
        ],
        diagnoses: [
          {
            code: 'unknown-kid',
            title: 'Signed by a key the issuer does not publish',
            explanation: `The token was signed by a key ("${kid}") this issuer does not publish — it comes from another tenant or cloud (or a different Entra instance), or it is forged. The gateway cannot verify it and refuses it.`,
            fix,
          },
        ],
      };
    }
    return badSignature(`${lookup.message}${from}`);
  }
  try {
    await compactVerify(token, lookup.key, { algorithms: [alg] });
    return {
      checks: [
        {
          id: 'signature',
          label,
          status: 'pass',
          detail: `Verified with the issuer's published key "${lookup.kid ?? '(no kid)'}"${from}.`,
        },
      ],
      diagnoses: [],
    };
  } catch (cause) {
    if (cause instanceof errors.JWSSignatureVerificationFailed) {
      return badSignature(
        'The signature does not match the header and payload: the token was changed after it was signed, or signed by a different private key.',
      );
    }
    return badSignature(`The signature could not be verified: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function badSignature(detail: string): CheckOutcome {
  const fix = 'Use the token exactly as Entra returned it; do not edit claims. If you did not change it, treat it as forged.';
  return {
    checks: [{ id: 'signature', label: 'Signature', status: 'fail', detail, fix }],
    diagnoses: [
      {
        code: 'bad-signature',
        title: 'The signature is not valid',
        explanation: `${detail} The gateway refuses any token whose signature does not verify against the issuer's published keys.`,
        fix,
      },
    ],
  };
}

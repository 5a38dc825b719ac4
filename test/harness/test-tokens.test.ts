// Rule: the doctor's test tokens carry the same claims as Entra's published access tokens, so the corpus tests what Entra really sends.
import { describe, expect, it } from 'vitest';
import { decodeJwt } from '@/lib/tokens/decode-jwt';
import samples from '@/test/fixtures/tokens/entra-access-token-samples.json';
import { createTestIssuer, decodePart } from '@/test/harness/test-tokens';

// Present only for guests (idp) or users with a mail attribute (email), so not in every token.
const CONDITIONAL = new Set(['idp', 'email']);

describe('test token builder', () => {
  it.each([1, 2] as const)('mints v%s.0 tokens with every claim and header field of the Entra sample', async (version) => {
    const issuer = await createTestIssuer({ tenantId: '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34' });
    const token = await issuer.mint({ version, audience: 'api://contoso-orders' });
    const sample = decodeJwt(version === 1 ? samples.v1 : samples.v2);
    if (!sample.ok) throw new Error('sample must decode');
    const claims = decodePart(token, 1);
    for (const name of Object.keys(sample.claims).filter((n) => !CONDITIONAL.has(n))) expect(claims).toHaveProperty(name);
    expect(Object.keys(decodePart(token, 0)).sort()).toEqual(Object.keys(sample.header).sort());
    expect(claims.iss).toBe(
      version === 1
        ? 'https://sts.windows.net/6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34/'
        : 'https://login.microsoftonline.com/6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34/v2.0',
    );
  });

  it('mints app-only tokens without scp and without user claims', async () => {
    const issuer = await createTestIssuer({ tenantId: '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34', authority: 'https://localhost:8443' });
    const claims = decodePart(await issuer.mint({ version: 2, audience: 'x', scp: null, roles: ['Orders.Read'] }), 1);
    expect(claims).not.toHaveProperty('scp');
    expect(claims).not.toHaveProperty('preferred_username');
    expect(claims).toMatchObject({ roles: ['Orders.Read'], iss: 'https://localhost:8443/6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34/v2.0' });
  });
});

import { decodeJwt } from 'jose';
import type { DirectoryApplication } from '../directory/types';
import { EntraError, invalidRequest } from './entra-errors';
import type { MintContext } from './mint-tokens';
import { issuersFor } from './signing-keys';

// A confidential client may authenticate with a signed JWT instead of a secret: `client_assertion_type` =
// urn:ietf:params:oauth:client-assertion-type:jwt-bearer and `client_assertion` = the JWT (learn.microsoft.com/entra/
// identity-platform/certificate-credentials; v2-oauth2-client-creds-grant-flow "access token request with a federated
// credential"; the same parameters redeem an authorization code or a refresh token, and make an on-behalf-of request).
// Workload identity federation (learn.microsoft.com/entra/workload-id/workload-identity-federation): Entra accepts a
// token of another issuer when one of the app's federated identity credentials names its `iss` and `sub` exactly and
// lists its `aud` (microsoft-graph-docs-contrib api-reference/v1.0/resources/federatedidentitycredential.md), and the
// token's signature and lifetime check out against the issuer's keys. The emulator can check only the keys it signs
// with, so it trusts only assertions its own authority issued (the managed identity's tokens); any other issuer is
// refused, as Entra refuses an issuer whose keys it cannot read. Certificate credentials (keyCredentials) are not emulated.
// AADSTS70021's text is Entra's as quoted in Azure/azure-workload-identity docs/book/src/troubleshooting.md.

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const malformed = () => new EntraError(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.');

/** The federated credential of `app` the assertion satisfies, or Entra's refusal (the AADSTS70021 family). */
export async function verifyClientAssertion(ctx: MintContext, app: DirectoryApplication, type: string | null, assertion: string) {
  // AADSTS90011 as Entra answers a wrong type (AzureAD/azure-activedirectory-library-for-ruby#53).
  if (type !== JWT_BEARER_ASSERTION) throw invalidRequest(90011, 'Unexpected client assertion type.');
  let claims;
  try {
    claims = decodeJwt(assertion);
  } catch {
    throw malformed();
  }
  const { iss, sub } = claims;
  const aud = typeof claims.aud === 'string' ? claims.aud : (claims.aud?.[0] ?? '');
  if (typeof iss !== 'string' || typeof sub !== 'string') throw malformed();
  const credentials = app.federatedIdentityCredentials ?? [];
  const noMatch = () =>
    invalidRequest(
      70021,
      `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${sub}'. Assertion Audience: '${aud}'.`,
    );
  // The audience names the token-exchange resource, by its App ID URI or (in a v2.0 token) its app id.
  const names = (audience: string) => audience === aud || ctx.directory.applicationByResource(audience)?.appId === aud;
  const credential = credentials.find((c) => c.issuer === iss && c.subject === sub && c.audiences.some(names));
  if (!credential) throw noMatch();
  const { v1, v2 } = issuersFor(ctx.authorityHost, ctx.directory.tenantId, ctx.directory.cloud.v1IssuerHost);
  if (iss !== v1 && iss !== v2)
    throw new EntraError(
      401,
      'invalid_client',
      700211,
      `No matching federated identity record found for presented assertion issuer '${iss}'.`,
    );
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now || (typeof claims.nbf === 'number' && claims.nbf > now + 5))
    throw new EntraError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.');
  if (!(await ctx.keys.verifyRaw(assertion)))
    throw new EntraError(401, 'invalid_client', 700027, 'Client assertion contains an invalid signature.');
  return credential;
}

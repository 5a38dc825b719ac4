import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Directory } from '../directory/directory';
import type { DirectoryApplication } from '../directory/types';
import { verifyClientAssertion } from './client-assertion';
import { EntraError, missingParameter } from './entra-errors';
import type { MintContext } from './mint-tokens';

export const unknownApplication = (clientId: string, dir: Directory) =>
  new EntraError(
    400,
    'unauthorized_client',
    700016,
    `Application with identifier '${clientId}' was not found in the directory '${dir.tenantDomain}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  );

function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization;
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const cut = decoded.indexOf(':');
  if (cut < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before base64 (openid-client does this).
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return { id: decode(decoded.slice(0, cut)), secret: decode(decoded.slice(cut + 1)) };
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Confidential-client authentication: client_secret_basic, client_secret_post, or a client assertion (a federated
 * credential's token), as the token endpoint takes them (learn.microsoft.com/entra/identity-platform/
 * v2-oauth2-client-creds-grant-flow: "First case" with a shared secret, "Second case" with a certificate or federated
 * assertion). An app with neither a secret nor a federated credential is a public client and sends neither — except for
 * the grants that only a confidential client may use: client credentials and on-behalf-of list `client_secret` (or
 * `client_assertion`) as required (v2-oauth2-client-creds-grant-flow, v2-oauth2-on-behalf-of-flow), so there a client
 * without a credential gets AADSTS7000218 rather than a token.
 */
export async function authenticateClient(
  req: IncomingMessage,
  form: URLSearchParams,
  ctx: MintContext,
  { confidentialOnly }: { confidentialOnly: boolean },
): Promise<DirectoryApplication> {
  const dir = ctx.directory;
  const basic = basicCredentials(req);
  const clientId = basic?.id ?? form.get('client_id');
  if (!clientId) throw missingParameter('client_id');
  const app = dir.applicationByAppId(clientId);
  // Microsoft's public clients (the Azure CLI) sign users in anywhere; its other apps are never a client here.
  if (!app || (app.firstParty && !app.publicClient)) throw unknownApplication(clientId, dir);
  const secret = basic?.secret ?? form.get('client_secret');
  const assertion = form.get('client_assertion');
  // Whatever credential is sent must be valid, even beside another one.
  if (assertion) await verifyClientAssertion(ctx, app, form.get('client_assertion_type'), assertion);
  if (assertion && !secret) return app;
  const publicClient = app.passwordCredentials.length === 0 && (app.federatedIdentityCredentials ?? []).length === 0;
  if (publicClient && !confidentialOnly) return app;
  if (!secret)
    throw new EntraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  if (!app.passwordCredentials.some((c) => same(c.secretText, secret))) {
    throw new EntraError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`,
    );
  }
  return app;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { DirectoryApplication, DirectoryUser } from '../directory/types';
import { readForm } from '../http/read-body';
import { sendJson } from '../http/respond';
import { authenticateClient } from './client-auth';
import { EntraError, invalidGrant, invalidRequest, missingParameter } from './entra-errors';
import type { GrantStore } from './grant-store';
import { mintAccessToken, mintIdToken, type MintContext } from './mint-tokens';
import { consentedOboScopes } from './delegated-consent';
import { DEVICE_CODE_GRANT, MSAL_DEVICE_CODE_GRANT, redeemDeviceCode } from './device-code-flow';
import type { DeviceCodes } from './device-codes';
import { delegatedScopes, grantedScopeString, resolveResource } from './resolve-resource';

export interface TokenEndpointContext extends MintContext {
  grants: GrantStore;
  deviceCodes: DeviceCodes;
}

const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw missingParameter(name);
  return value;
}

/** POST /{tenant}/oauth2/v2.0/token: every grant Roleport and the SDKs use. */
export async function handleToken(ctx: TokenEndpointContext, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') throw invalidRequest(900561, `The endpoint only accepts POST requests. Received a ${req.method} request.`);
  const form = await readForm(req);
  const grantType = required(form, 'grant_type');
  const known = [
    'authorization_code',
    'refresh_token',
    'client_credentials',
    'password',
    OBO_GRANT,
    DEVICE_CODE_GRANT,
    MSAL_DEVICE_CODE_GRANT,
  ];
  if (!known.includes(grantType))
    throw new EntraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
  const confidentialOnly = grantType === 'client_credentials' || grantType === OBO_GRANT;
  const client = await authenticateClient(req, form, ctx, { confidentialOnly });
  const body = await grant(ctx, grantType, form, client);
  sendJson(res, 200, body, { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' });
}

async function grant(ctx: TokenEndpointContext, grantType: string, form: URLSearchParams, client: DirectoryApplication) {
  const dir = ctx.directory;
  switch (grantType) {
    case 'client_credentials': {
      const resource = resolveResource(dir, required(form, 'scope'), { defaultToGraph: false });
      if (resource.names.some((n) => n !== '.default')) {
        throw new EntraError(
          400,
          'invalid_scope',
          1002012,
          `The provided value for scope ${form.get('scope')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
      }
      const accessToken = await mintAccessToken(ctx, { resource, client });
      return tokenBody(ctx, accessToken, grantedScopeString(resource, null));
    }
    case 'password': {
      const user = dir.findUser(required(form, 'username'));
      const password = required(form, 'password');
      if (!user || user.password !== password)
        throw invalidGrant(50126, 'Error validating credentials due to invalid username or password.');
      if (user.accountEnabled === false) throw invalidGrant(50057, 'The user account is disabled.');
      return userTokens(ctx, form, client, user, form.get('scope') ?? '', {});
    }
    case 'authorization_code': {
      const code = ctx.grants.redeemCode(required(form, 'code'));
      if (!code || code.clientId !== client.appId) {
        throw invalidGrant(
          70008,
          'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
        );
      }
      if (form.get('redirect_uri') !== code.redirectUri) {
        throw invalidGrant(
          50011,
          `The redirect URI '${form.get('redirect_uri') ?? ''}' specified in the request does not match the redirect URI used to obtain the authorization code.`,
        );
      }
      if (code.codeChallenge) {
        const verifier = form.get('code_verifier');
        if (!verifier)
          throw invalidGrant(50148, 'The code_verifier must be provided for an authorization code obtained with a code_challenge.');
        const computed = code.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
        if (computed !== code.codeChallenge)
          throw invalidGrant(501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
      }
      const user = dir.findUser(code.userId);
      if (!user) throw invalidGrant(50034, 'The user account does not exist in the directory.');
      return userTokens(ctx, form, client, user, code.scope, { nonce: code.nonce, sid: code.sid });
    }
    case DEVICE_CODE_GRANT:
    case MSAL_DEVICE_CODE_GRANT: {
      const { userId, scope } = redeemDeviceCode(ctx.deviceCodes, form, client);
      const user = dir.findUser(userId);
      if (!user) throw invalidGrant(50034, 'The user account does not exist in the directory.');
      return userTokens(ctx, form, client, user, scope, { sid: ctx.grants.startSession(user.id) });
    }
    case 'refresh_token': {
      const rt = ctx.grants.redeemRefreshToken(required(form, 'refresh_token'));
      const user = rt && dir.findUser(rt.userId);
      if (!rt || rt.clientId !== client.appId || !user) {
        throw invalidGrant(
          70008,
          'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
        );
      }
      return userTokens(ctx, form, client, user, form.get('scope') || rt.scope, { sid: rt.sid });
    }
    default:
      return onBehalfOf(ctx, form, client);
  }
}

async function onBehalfOf(ctx: TokenEndpointContext, form: URLSearchParams, client: DirectoryApplication) {
  const dir = ctx.directory;
  const assertion = required(form, 'assertion');
  if (form.get('requested_token_use') !== 'on_behalf_of') throw missingParameter('requested_token_use');
  const claims = await ctx.keys.verifyRaw(assertion);
  if (!claims) throw invalidGrant(50013, 'Assertion failed signature validation or is not within its valid time range.');
  const aud = String(claims.aud ?? '');
  const audMatches =
    aud.toLowerCase() === client.appId.toLowerCase() || client.identifierUris.some((u) => u.toLowerCase() === aud.toLowerCase());
  if (!audMatches)
    throw invalidGrant(
      50013,
      "Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '" +
        aud +
        "' and the expected audience is '" +
        client.appId +
        "' or one of the Application Id URIs of this application.",
    );
  const user = typeof claims.oid === 'string' && claims.scp !== undefined ? dir.findUser(claims.oid) : undefined;
  if (!user) throw invalidGrant(50013, 'Assertion contains an invalid subject: on-behalf-of requires a user token.');
  return userTokens(ctx, form, client, user, required(form, 'scope'), {}, true);
}

async function userTokens(
  ctx: TokenEndpointContext,
  form: URLSearchParams,
  client: DirectoryApplication,
  user: DirectoryUser,
  scope: string,
  extra: { nonce?: string; sid?: string },
  onBehalfOf = false,
) {
  const resource = resolveResource(ctx.directory, scope, { defaultToGraph: true });
  const requested = delegatedScopes(resource, client.appId);
  // The middle tier cannot prompt: on-behalf-of gets only what was consented or pre-authorized.
  const scp = onBehalfOf ? consentedOboScopes(ctx.directory, client, user, resource, requested) : requested;
  const accessToken = await mintAccessToken(ctx, { resource, client, user, scp });
  const body: Record<string, unknown> = tokenBody(ctx, accessToken, grantedScopeString(resource, scp));
  if (resource.oidc.has('offline_access')) {
    body.refresh_token = ctx.grants.issueRefreshToken({ clientId: client.appId, userId: user.id, scope, sid: extra.sid });
    // Microsoft's public clients (the Azure CLI) are a "family of client IDs": their responses say so, and MSAL then keeps
    // the refresh token as the family's (msal-common ResponseHandler, `foci`).
    if (client.firstParty && client.publicClient) body.foci = '1';
  }
  if (resource.oidc.has('openid')) body.id_token = await mintIdToken(ctx, client, user, extra);
  if (form.get('client_info') === '1') {
    body.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: ctx.directory.tenantId })).toString('base64url');
  }
  return body;
}

function tokenBody(ctx: TokenEndpointContext, accessToken: string, scope: string) {
  const expiresIn = ctx.tokenLifetimeSeconds;
  return { token_type: 'Bearer', scope, expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken } as Record<
    string,
    unknown
  >;
}

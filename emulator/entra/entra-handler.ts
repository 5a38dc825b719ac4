import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorUrls, SurfaceHandler, TokenVerifier } from '../context';
import type { Directory } from '../directory/directory';
import { HttpError } from '../http/http-error';
import { redirect, sendHtml, sendJson } from '../http/respond';
import { surfaceErrorWriters } from '../http/surface-errors';
import { handleAuthorize, readCookie, SESSION_COOKIE } from './authorize';
import { openIdConfiguration } from './discovery';
import { EntraError, invalidRequest } from './entra-errors';
import { GrantStore } from './grant-store';
import { DEVICE_LOGIN_PATH, handleDeviceCode, handleDeviceLogin } from './device-code-flow';
import { DeviceCodes } from './device-codes';
import { signedOutPage } from './sign-in-page';
import type { SigningKeys } from './signing-keys';
import { handleToken } from './token-endpoint';
import { handleManagedIdentity, MANAGED_IDENTITY_PATH, type ManagedIdentityHost } from './managed-identity-endpoint';

export interface EntraHandlerOptions {
  directory: Directory;
  keys: SigningKeys;
  tokens: TokenVerifier;
  urls: EmulatorUrls;
  tokenLifetimeSeconds: number;
  /** The App Service / Container Apps managed-identity endpoint of the emulated host. */
  managedIdentity?: ManagedIdentityHost;
  /** Device code lifetime and polling interval (default Entra's: 900 s and 5 s). */
  deviceCode?: { lifetimeSeconds?: number; intervalSeconds?: number };
}

const TENANT_ROUTE =
  /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/(?:authorize|token|devicecode|logout))\/?$/i;

/** Entra's endpoints under /{tenant}/ (id or domain, any case), plus the userinfo endpoint. */
export function createEntraHandler(options: EntraHandlerOptions): SurfaceHandler {
  const { directory: dir, keys, urls } = options;
  const grants = new GrantStore();
  const deviceCodes = new DeviceCodes({
    lifetimeSeconds: options.deviceCode?.lifetimeSeconds ?? 900,
    intervalSeconds: options.deviceCode?.intervalSeconds ?? 5,
  });
  const tokenCtx = {
    directory: dir,
    keys,
    authorityHost: urls.authorityHost,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    grants,
    deviceCodes,
  };

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', urls.authorityHost);
    if (url.pathname.toLowerCase() === '/oidc/userinfo') return userInfo(req, res);
    if (url.pathname.toLowerCase() === DEVICE_LOGIN_PATH)
      return handleDeviceLogin(dir, deviceCodes, req, res, `${urls.authorityHost}${DEVICE_LOGIN_PATH}`);
    if (url.pathname === MANAGED_IDENTITY_PATH && options.managedIdentity)
      return handleManagedIdentity(tokenCtx, options.managedIdentity, req, res, url);
    const match = TENANT_ROUTE.exec(url.pathname);
    if (!match) return sendHtml(res, 404, '<!doctype html><title>Not Found</title><h1>404 - Not Found</h1>');
    const tenant = decodeURIComponent(match[1]!).toLowerCase();
    if (tenant !== dir.tenantId && tenant !== dir.tenantDomain.toLowerCase()) {
      throw invalidRequest(
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
    const endpoint = match[2]!.toLowerCase();
    const cacheable = { 'Cache-Control': 'max-age=86400, private' };
    if (endpoint.endsWith('openid-configuration'))
      return sendJson(res, 200, openIdConfiguration(urls.authorityHost, dir.tenantId), cacheable);
    if (endpoint.endsWith('keys')) return sendJson(res, 200, keys.jwks, cacheable);
    if (endpoint.endsWith('devicecode')) return handleDeviceCode(dir, deviceCodes, urls.authorityHost, req, res);
    if (endpoint.endsWith('token')) return handleToken(tokenCtx, req, res);
    if (endpoint.endsWith('authorize')) return handleAuthorize(dir, grants, req, res, `${urls.authorityHost}${url.pathname}`);
    return logout(req, res, url);
  }

  function logout(req: IncomingMessage, res: ServerResponse, url: URL) {
    grants.endSession(readCookie(req, SESSION_COOKIE));
    const clear = { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=None; Max-Age=0` };
    const target = url.searchParams.get('post_logout_redirect_uri');
    if (!target) return sendHtml(res, 200, signedOutPage(), clear);
    const next = new URL(target);
    const state = url.searchParams.get('state');
    if (state) next.searchParams.set('state', state);
    return redirect(res, next.toString(), clear);
  }

  async function userInfo(req: IncomingMessage, res: ServerResponse) {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const claims = bearer ? await options.tokens.verify(bearer) : null;
    const user = typeof claims?.oid === 'string' ? dir.findUser(claims.oid) : undefined;
    if (!claims || !user) {
      return sendJson(
        res,
        401,
        { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } },
        { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      );
    }
    return sendJson(res, 200, {
      sub: claims.sub,
      name: user.displayName,
      family_name: user.surname,
      given_name: user.givenName,
      email: user.mail,
      picture: `${urls.graphEndpoint}/v1.0/me/photo/$value`,
    });
  }

  return async (req, res) => {
    try {
      await route(req, res);
    } catch (err) {
      if (err instanceof HttpError) return surfaceErrorWriters.entra(req, res, err);
      console.error('[emulator:entra] request failed', err);
      surfaceErrorWriters.entra(req, res, new EntraError(500, 'server_error', 90000, 'An unexpected error occurred.'));
    }
  };
}

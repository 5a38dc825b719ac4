import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Directory } from '../directory/directory';
import type { DirectoryApplication } from '../directory/types';
import { readForm } from '../http/read-body';
import { sendHtml, sendJson } from '../http/respond';
import { unknownApplication } from './client-auth';
import type { DeviceCodes } from './device-codes';
import { EntraError, invalidRequest, missingParameter } from './entra-errors';
import { delegatedScopes, resolveResource } from './resolve-resource';
import { deviceDonePage, deviceLoginPage } from './device-login-page';

// The device authorization grant as Entra serves it (learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code):
// POST /{tenant}/oauth2/v2.0/devicecode with client_id and scope answers device_code, user_code, verification_uri,
// expires_in (900), interval and message; the client polls the token endpoint with grant_type
// urn:ietf:params:oauth:grant-type:device_code and gets authorization_pending until the user signed in at
// verification_uri and entered the code, authorization_declined if they refused, expired_token after expires_in, and
// bad_verification_code for a device_code Entra does not know. AADSTS numbers from reference-error-codes (70016
// AuthorizationPending, 70018 BadVerificationCode, 70019 CodeExpired).

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** The short name MSAL sends (msal-common Constants.GrantType.DEVICE_CODE_GRANT), which Entra takes as the same grant. */
export const MSAL_DEVICE_CODE_GRANT = 'device_code';
export const DEVICE_LOGIN_PATH = '/devicelogin';

/** Apps that may start a device sign-in: the tenant's own registrations and Microsoft's public clients (Azure CLI). */
function deviceClient(dir: Directory, clientId: string): DirectoryApplication {
  const app = dir.applicationByAppId(clientId);
  if (!app || (app.firstParty && !app.publicClient)) throw unknownApplication(clientId, dir);
  return app;
}

export async function handleDeviceCode(
  dir: Directory,
  codes: DeviceCodes,
  authorityHost: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (req.method !== 'POST') throw invalidRequest(900561, `The endpoint only accepts POST requests. Received a ${req.method} request.`);
  const form = await readForm(req);
  const clientId = form.get('client_id');
  if (!clientId) throw missingParameter('client_id');
  const app = deviceClient(dir, clientId);
  const scope = form.get('scope');
  if (!scope) throw missingParameter('scope');
  delegatedScopes(resolveResource(dir, scope, { defaultToGraph: true }));
  const { deviceCode, authorization } = codes.start(app.appId, scope);
  const verificationUri = `${authorityHost}${DEVICE_LOGIN_PATH}`;
  sendJson(res, 200, {
    user_code: authorization.userCode,
    device_code: deviceCode,
    verification_uri: verificationUri,
    expires_in: codes.settings.lifetimeSeconds,
    interval: codes.settings.intervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${authorization.userCode} to authenticate.`,
  });
}

/** The token endpoint's device_code grant: the signed-in user and the scope the device asked for, or why not yet. */
export function redeemDeviceCode(codes: DeviceCodes, form: URLSearchParams, client: DirectoryApplication) {
  const deviceCode = form.get('device_code');
  if (!deviceCode) throw missingParameter('device_code');
  const pending = codes.find(deviceCode);
  if (!pending || pending.clientId !== client.appId)
    throw new EntraError(400, 'bad_verification_code', 70018, 'The device_code sent to the token endpoint was not recognized.');
  if (pending.expiresAt <= Date.now()) {
    codes.redeem(deviceCode);
    throw new EntraError(400, 'expired_token', 70019, 'Verification code expired. Have the user retry the sign-in.');
  }
  if (!pending.outcome)
    throw new EntraError(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
  codes.redeem(deviceCode);
  if (!pending.outcome.approved) throw new EntraError(400, 'authorization_declined', 70000, 'The user declined the sign-in.');
  return { userId: pending.outcome.userId, scope: pending.scope };
}

/**
 * The verification page (Microsoft's is microsoft.com/devicelogin): GET asks for the code, the account and its
 * password; POST checks them and confirms (or declines) the device's sign-in. A wrong or expired code is refused.
 */
export async function handleDeviceLogin(dir: Directory, codes: DeviceCodes, req: IncomingMessage, res: ServerResponse, selfUrl: string) {
  if (req.method !== 'POST') return sendHtml(res, 200, deviceLoginPage(selfUrl));
  const form = await readForm(req);
  const pending = codes.byUserCode(form.get('user_code') ?? '');
  if (!pending || pending.outcome)
    return sendHtml(res, 400, deviceLoginPage(selfUrl, 'AADSTS70018: Invalid verification code. Check the code and try again.'));
  if (pending.expiresAt <= Date.now())
    return sendHtml(res, 400, deviceLoginPage(selfUrl, 'AADSTS70019: Verification code expired. Have the device start again.'));
  const user = dir.findUser(form.get('username') ?? '');
  if (!user || user.password !== form.get('password') || user.accountEnabled === false)
    return sendHtml(res, 400, deviceLoginPage(selfUrl, 'AADSTS50126: Error validating credentials due to invalid username or password.'));
  const app = dir.applicationByAppId(pending.clientId);
  if (form.get('decision') === 'decline') {
    pending.outcome = { approved: false };
    return sendHtml(res, 200, deviceDonePage(app?.displayName ?? pending.clientId, false));
  }
  pending.outcome = { approved: true, userId: user.id };
  return sendHtml(res, 200, deviceDonePage(app?.displayName ?? pending.clientId, true));
}

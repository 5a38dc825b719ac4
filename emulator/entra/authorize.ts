import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Directory } from '../directory/directory';
import { readForm } from '../http/read-body';
import { redirect, sendHtml } from '../http/respond';
import { EntraError } from './entra-errors';
import type { GrantStore } from './grant-store';
import { delegatedScopes, resolveResource } from './resolve-resource';
import { errorPage, formPostPage, signInPage } from './sign-in-page';

export const SESSION_COOKIE = 'roleport_emulator_session';

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const match = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${name}=`));
  return match?.slice(name.length + 1);
}

/** GET shows the account picker (or reuses the browser session); POST signs in as the chosen user. */
export async function handleAuthorize(dir: Directory, grants: GrantStore, req: IncomingMessage, res: ServerResponse, selfUrl: string) {
  const params = req.method === 'POST' ? await readForm(req) : new URL(req.url ?? '/', 'https://x').searchParams;
  const clientId = params.get('client_id') ?? '';
  const app = dir.applicationByAppId(clientId);
  if (!app || app.firstParty) {
    return sendHtml(
      res,
      400,
      errorPage(
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${dir.tenantDomain}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      ),
    );
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!app.web.redirectUris.includes(redirectUri)) {
    return sendHtml(
      res,
      400,
      errorPage(
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
      ),
    );
  }
  const state = params.get('state') ?? undefined;
  const responseMode = params.get('response_mode') ?? 'query';
  const reply = (fields: Record<string, string>) => {
    const all = state !== undefined ? { ...fields, state } : fields;
    if (responseMode === 'form_post') return sendHtml(res, 200, formPostPage(redirectUri, all));
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(all)) target.searchParams.set(k, v);
    return redirect(res, target.toString());
  };
  const fail = (error: string, aadsts: number, text: string) => reply({ error, error_description: `AADSTS${aadsts}: ${text}` });

  if (params.get('response_type') !== 'code')
    return fail(
      'unsupported_response_type',
      700054,
      "response_type 'id_token' is not enabled for the application; only 'code' is supported here.",
    );
  const challenge = params.get('code_challenge') ?? undefined;
  const method = params.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
  if (challenge && method !== 'S256' && method !== 'plain')
    return fail('invalid_request', 50029, `Invalid code_challenge_method '${method}'.`);

  try {
    delegatedScopes(resolveResource(dir, params.get('scope') ?? '', { defaultToGraph: true }));
  } catch (err) {
    if (err instanceof EntraError) return fail(err.error, err.aadsts, err.text);
    throw err;
  }

  const chosen = req.method === 'POST' ? (params.get('login_user') ?? undefined) : undefined;
  const cookieSid = readCookie(req, SESSION_COOKIE);
  const prompt = params.get('prompt');
  const sessionUser = prompt === 'login' || prompt === 'select_account' ? undefined : grants.sessionUser(cookieSid);
  const userId = chosen ?? sessionUser;
  const found = userId ? dir.findUser(userId) : undefined;
  // A shared mailbox's account is disabled: nobody signs in as it.
  const user = found?.accountEnabled === false ? undefined : found;
  if (!user) {
    if (prompt === 'none') return fail('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.');
    return sendHtml(
      res,
      200,
      signInPage(
        app.displayName,
        selfUrl,
        params,
        [...dir.users.values()].filter((u) => u.accountEnabled !== false),
      ),
    );
  }
  const sid = chosen || !cookieSid ? grants.startSession(user.id) : cookieSid;
  if (chosen) grants.endSession(cookieSid);
  res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; Secure; SameSite=None`);
  const code = grants.issueCode({
    clientId: app.appId,
    redirectUri,
    userId: user.id,
    scope: params.get('scope') ?? 'openid profile',
    nonce: params.get('nonce') ?? undefined,
    codeChallenge: challenge,
    codeChallengeMethod: method,
    sid,
  });
  return reply({ code, session_state: sid });
}

// Token requests to the emulated Entra, as a client sends them, and the claims of what it answers.
import { decodeJwt } from 'jose';
import { DEMO_PASSWORD, PORTAL_APP, TENANT_ID } from '@/emulator/seed/demo-tenant';

export const claimsOf = (token: string) => decodeJwt(token) as Record<string, unknown>;

export async function postToken(authorityHost: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${authorityHost}/${TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A user's tokens from the emulated Entra by ROPC, the portal as client (or the app given). */
export function passwordGrant(
  authorityHost: string,
  username: string,
  scope: string,
  client: { appId: string; clientSecret: string } = PORTAL_APP,
) {
  return postToken(authorityHost, {
    grant_type: 'password',
    client_id: client.appId,
    client_secret: client.clientSecret,
    username,
    password: DEMO_PASSWORD,
    scope,
  });
}

/** A user's token for the portal's own API (what next-auth holds after sign-in), via ROPC. */
export async function portalUserToken(
  authorityHost: string,
  upn: string,
  scope = `${PORTAL_APP.identifierUri}/access_as_user openid profile offline_access`,
) {
  const { status, body } = await passwordGrant(authorityHost, upn, scope);
  if (status !== 200) throw new Error(`ROPC failed: ${JSON.stringify(body)}`);
  return body.access_token as string;
}

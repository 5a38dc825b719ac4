import { readFileSync } from 'node:fs';
import { request as playwrightRequest, type APIRequestContext, type Browser } from '@playwright/test';
import { PORTAL_APP, USERS } from '../../emulator/seed/demo-tenant';
import { E2E_EMULATOR_FILE } from '../../playwright.config';
import { PORTAL_PORT } from '../support/ports';
import { signIn } from '../support/sign-in';

export const ROLES = ['anonymous', 'developer', 'otherDeveloper', 'owner', 'admin', 'formerAdmin'] as const;
export type Role = (typeof ROLES)[number];

/** Who plays each role: Olivia owns the Orders and Payments registrations; the former admin is Ada, promoted then demoted. */
export const ROLE_USERS = { developer: 'ada', otherDeveloper: 'ben', owner: 'olivia', admin: 'priya', formerAdmin: 'ada' } as const;

const PORTAL = `http://localhost:${PORTAL_PORT}`;

interface Connection {
  authorityHost: string;
  tenantId: string;
  graphEndpoint: string;
}

/** Calls the emulator's Graph as the portal's app would, to change the directory behind a signed-in session. */
async function graphAs(): Promise<{ api: APIRequestContext; base: string }> {
  const connection = JSON.parse(readFileSync(E2E_EMULATOR_FILE, 'utf8')) as Connection;
  const api = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  const token = await api.post(`${connection.authorityHost}/${connection.tenantId}/oauth2/v2.0/token`, {
    form: {
      grant_type: 'client_credentials',
      client_id: PORTAL_APP.appId,
      client_secret: PORTAL_APP.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    },
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const authed = await playwrightRequest.newContext({
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: { Authorization: `Bearer ${access_token}` },
  });
  await api.dispose();
  return { api: authed, base: `${connection.graphEndpoint}/v1.0/servicePrincipals/${PORTAL_APP.servicePrincipalId}/appRoleAssignedTo` };
}

async function signedInRequest(browser: Browser, user: keyof typeof USERS): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL: PORTAL });
  const page = await context.newPage();
  await signIn(page, user, '/');
  await page.close();
  return context.request;
}

/**
 * One browser sign-in per role, then plain HTTP through each context's cookie jar. The former admin signs in while
 * holding Portal.Admin, which is then removed through Graph: the session still carries the role it was issued with, and
 * the portal's re-check must catch it once its cache of Graph's answer (at most 60 s) has lapsed.
 */
/** How long the portal may trust a Graph answer about admin rights (`lib/auth/live-check-cache.ts`). */
const ADMIN_RECHECK_CACHE_MS = 60_000;

export async function openRoleSessions(browser: Browser): Promise<Record<Role, APIRequestContext>> {
  const anonymous = await playwrightRequest.newContext({ baseURL: PORTAL });
  const developer = await signedInRequest(browser, 'ada');
  const otherDeveloper = await signedInRequest(browser, 'ben');
  const owner = await signedInRequest(browser, 'olivia');
  const admin = await signedInRequest(browser, 'priya');

  const graph = await graphAs();
  const granted = await graph.api.post(graph.base, {
    data: { principalId: USERS.ada.oid, resourceId: PORTAL_APP.servicePrincipalId, appRoleId: PORTAL_APP.roles['Portal.Admin'] },
  });
  if (granted.status() !== 201) throw new Error(`Granting Portal.Admin failed: ${granted.status()} ${await granted.text()}`);
  const assignment = (await granted.json()) as { id: string };
  const formerAdmin = await signedInRequest(browser, 'ada');
  const removed = await graph.api.delete(`${graph.base}/${assignment.id}`);
  if (removed.status() !== 204) throw new Error(`Removing Portal.Admin failed: ${removed.status()}`);
  await graph.api.dispose();
  await new Promise((resolve) => setTimeout(resolve, ADMIN_RECHECK_CACHE_MS + 2_000));

  return { anonymous, developer, otherDeveloper, owner, admin, formerAdmin };
}

import { readFileSync } from 'node:fs';
import { expect, type APIRequestContext } from '@playwright/test';
import { APIM, DEMO_PASSWORD, USERS, type DemoUserKey } from '../../emulator/seed/demo-tenant';

/** Where the e2e emulator listens and the portal's own credential, as the e2e setup writes them. */
export interface EmulatorConnection {
  authorityHost: string;
  tenantId: string;
  gatewayUrl: string;
  armEndpoint: string;
  portal: { clientId: string; clientSecret: string };
  clientApps: { appId: string; clientSecret: string; displayName: string; ownerOids: string[] }[];
}

export const emulatorConnection = () => JSON.parse(readFileSync('.local/emulator-e2e.json', 'utf8')) as EmulatorConnection;

/** The demo API Management service's ARM path. */
export const APIM_SERVICE_PATH = `/subscriptions/${APIM.subscriptionId}/resourceGroups/${APIM.resourceGroup}/providers/Microsoft.ApiManagement/service/${APIM.serviceName}`;

/** An access token from the emulated Entra's token endpoint for the given grant. */
export async function fetchToken(request: APIRequestContext, form: Record<string, string>): Promise<string> {
  const { authorityHost, tenantId } = emulatorConnection();
  const response = await request.post(`${authorityHost}/${tenantId}/oauth2/v2.0/token`, { form });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A demo user's fresh token for `scope`, through the portal's registration (ROPC), as no browser is involved. */
export function userToken(request: APIRequestContext, user: DemoUserKey, scope: string): Promise<string> {
  const { portal } = emulatorConnection();
  return fetchToken(request, {
    grant_type: 'password',
    username: USERS[user].userPrincipalName,
    password: DEMO_PASSWORD,
    client_id: portal.clientId,
    client_secret: portal.clientSecret,
    scope,
  });
}

/** The portal's own app token (client credentials) for ARM: what Roleport itself reads and writes APIM with. */
export function portalArmToken(request: APIRequestContext): Promise<string> {
  const { portal } = emulatorConnection();
  return fetchToken(request, {
    grant_type: 'client_credentials',
    client_id: portal.clientId,
    client_secret: portal.clientSecret,
    scope: 'https://management.azure.com/.default',
  });
}

/** A token's claims, decoded without checking its signature (the gateway and the portal check it). */
export const tokenClaims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

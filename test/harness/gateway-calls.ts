// Calls through the emulated APIM gateway with a demo user's token.
import {
  DEMO_PASSWORD,
  INVENTORY_APP,
  ORDERS_APP,
  PAYMENTS_APP,
  PORTAL_APP,
  TENANT_ID,
  USERS,
  type DemoUserKey,
} from '@/emulator/seed/demo-tenant';

/** A delegated token for a demo user from the emulator's Entra (ROPC, the portal as client). */
export async function userToken(authorityHost: string, user: DemoUserKey, resource: string): Promise<string> {
  const res = await fetch(`${authorityHost}/${TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: PORTAL_APP.appId,
      client_secret: PORTAL_APP.clientSecret,
      username: USERS[user].userPrincipalName,
      password: DEMO_PASSWORD,
      scope: `${resource}/.default`,
    }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`token for ${user} failed: ${body.error_description}`);
  return body.access_token;
}

export interface DemoApiTokens {
  benOrders: string;
  adaOrders: string;
  benInventory: string;
  adaInventory: string;
  benPayments: string;
}

/** Ben's and Ada's tokens for the Orders and Inventory APIs, and Ben's for Payments, fetched together. */
export async function demoApiTokens(authorityHost: string): Promise<DemoApiTokens> {
  const [benOrders, adaOrders, benInventory, adaInventory, benPayments] = await Promise.all([
    userToken(authorityHost, 'ben', ORDERS_APP.identifierUri),
    userToken(authorityHost, 'ada', ORDERS_APP.identifierUri),
    userToken(authorityHost, 'ben', INVENTORY_APP.identifierUri),
    userToken(authorityHost, 'ada', INVENTORY_APP.identifierUri),
    userToken(authorityHost, 'ben', PAYMENTS_APP.identifierUri),
  ]);
  return { benOrders, adaOrders, benInventory, adaInventory, benPayments };
}

export interface GatewayReply {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

/** Calls the gateway and parses the JSON answer (echo or APIM error body). */
export async function callGateway(
  gatewayUrl: string,
  method: string,
  path: string,
  options: { token?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<GatewayReply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const res = await fetch(gatewayUrl + path, { method, headers, body: options.body });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = { text };
  }
  return { status: res.status, headers: res.headers, json };
}

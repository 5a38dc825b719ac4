// Calls through the emulated APIM gateway with a demo user's token.
import { INVENTORY_APP, ORDERS_APP, PAYMENTS_APP, USERS, type DemoUserKey } from '@/emulator/seed/demo-tenant';
import { passwordGrant } from './entra-token-requests';

/** A delegated token for a demo user from the emulator's Entra (ROPC, the portal as client). */
export async function userToken(authorityHost: string, user: DemoUserKey, resource: string): Promise<string> {
  const { body } = await passwordGrant(authorityHost, USERS[user].userPrincipalName, `${resource}/.default`);
  if (typeof body.access_token !== 'string') throw new Error(`token for ${user} failed: ${String(body.error_description)}`);
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

// Calls through the emulated APIM gateway with a demo user's token.
import { USERS, type DemoUserKey } from '@/emulator/seed/demo-tenant';
import { passwordGrant } from './entra-token-requests';

/** A delegated token for a demo user from the emulator's Entra (ROPC, the portal as client). */
export async function userToken(authorityHost: string, user: DemoUserKey, resource: string): Promise<string> {
  const { body } = await passwordGrant(authorityHost, USERS[user].userPrincipalName, `${resource}/.default`);
  if (typeof body.access_token !== 'string') throw new Error(`token for ${user} failed: ${String(body.error_description)}`);
  return body.access_token;
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

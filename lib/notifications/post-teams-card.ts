import 'server-only';
import { sendGatewayRequest } from '@/lib/console/send-gateway-request';
import { vetGatewayTarget } from '@/lib/console/gateway-guard';

/**
 * Posts one message to the Teams incoming webhook with the console's protections: https only, the host resolved once
 * and refused when a public name leads to a private, loopback or link-local address (a configured localhost or private
 * IP literal names its place itself), the socket pinned to the vetted addresses, and no redirect followed.
 */
export async function postTeamsCard(webhookUrl: string, message: unknown): Promise<void> {
  const target = await vetGatewayTarget(webhookUrl, [new URL(webhookUrl).host]);
  const response = await sendGatewayRequest(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Roleport-Notifications' },
    body: JSON.stringify(message),
  });
  if (response.status >= 300 && response.status < 400)
    throw new Error(`Teams answered HTTP ${response.status}: redirects are not followed`);
  if (response.status < 200 || response.status >= 300) throw new Error(`Teams answered HTTP ${response.status}`);
  // A connector can answer 200 with the failure in its body (msteams-docs connectors-using.md, rate limiting).
  if (/HTTP error \d{3}/i.test(response.body)) throw new Error(`Teams refused the card: ${response.body.slice(0, 200)}`);
}

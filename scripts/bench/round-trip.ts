// One emulator round trip: the unit every page and access target is expressed in.
import type { RunningEmulator } from '../../emulator/start';
import { USERS } from '../../emulator/seed/demo-tenant';
import { median, timed } from './numbers';

export async function appToken(emulator: RunningEmulator, scope: string): Promise<string> {
  const { connection } = emulator;
  const response = await fetch(`${connection.authorityHost}/${connection.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: connection.portal.clientId,
      client_secret: connection.portal.clientSecret,
      scope,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`No token for ${scope}: ${body.error_description ?? response.status}`);
  return body.access_token;
}

async function timeGets(url: string, token: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  // One unmeasured call opens the keep-alive connection, as the portal's long-lived clients have.
  for (let i = 0; i <= count; i++) {
    const { ms, value } = await timed(async () => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      return response.status;
    });
    if (value !== 200) throw new Error(`GET ${url} answered ${value}`);
    if (i > 0) samples.push(ms);
  }
  return samples;
}

/** Medians of `count` sequential ARM and Graph GETs (ARM reads take tokens from the throttle bucket). */
export async function measureRoundTrips(emulator: RunningEmulator, count = 20): Promise<{ armMs: number; graphMs: number }> {
  const { connection } = emulator;
  const service = `/subscriptions/${connection.subscriptionId}/resourceGroups/${connection.resourceGroup}/providers/Microsoft.ApiManagement/service/${connection.serviceName}`;
  const armToken = await appToken(emulator, 'https://management.azure.com/.default');
  const graphToken = await appToken(emulator, 'https://graph.microsoft.com/.default');
  const arm = await timeGets(`${connection.armEndpoint}${service}/apis/gen-api-0001?api-version=2022-08-01`, armToken, count);
  const graph = await timeGets(`${connection.graphEndpoint}/v1.0/users/${USERS.ada.oid}`, graphToken, count);
  return { armMs: median(arm), graphMs: median(graph) };
}

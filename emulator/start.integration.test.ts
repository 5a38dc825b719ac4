// Rule: startEmulator wires all four surfaces to one directory and one token issuer, and writes the connection file.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiManagementClient } from '@azure/arm-apimanagement';
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIM, PORTAL_APP, USERS } from './seed/demo-tenant';
import { startEmulator, type EmulatorConnection, type RunningEmulator } from './start';
import { ensureCertificates } from './tls/ensure-certificates';

// The test process trusts the CA in .local/ (NODE_EXTRA_CA_CERTS), so the temporary folder reuses those files.
const localDir = mkdtempSync(join(tmpdir(), 'roleport-emulator-'));
const trusted = ensureCertificates();
for (const f of ['ca.pem', 'ca-key.pem', 'localhost.pem', 'localhost-key.pem'])
  copyFileSync(join(trusted.caCertPath, '..', f), join(localDir, f));

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ localDir, ports: { entra: 0, graph: 0, arm: 0, gateway: 0 }, writeConnectionFile: true });
});
afterAll(async () => {
  await emu?.stop();
  rmSync(localDir, { recursive: true, force: true });
});

describe('startEmulator', () => {
  it('serves each surface on its own origin and writes .local/emulator.json', () => {
    const origins = new Set(Object.values(emu.urls));
    expect(origins.size).toBe(4);
    const file = JSON.parse(readFileSync(join(localDir, 'emulator.json'), 'utf8')) as EmulatorConnection;
    expect(file).toMatchObject({
      authorityHost: emu.urls.authorityHost,
      armEndpoint: emu.urls.armEndpoint,
      graphEndpoint: emu.urls.graphEndpoint,
      gatewayUrl: emu.urls.gatewayUrl,
      subscriptionId: APIM.subscriptionId,
      resourceGroup: APIM.resourceGroup,
      serviceName: APIM.serviceName,
      portal: { clientId: PORTAL_APP.appId, clientSecret: PORTAL_APP.clientSecret },
    });
    expect(file.users.map((u) => u.oid)).toEqual(Object.values(USERS).map((u) => u.oid));
  });

  it('lets the ARM SDK read APIM with a token from the emulated Entra, and counts the calls', async () => {
    const c = emu.connection;
    await fetch(`${c.authorityHost}/_emulator/stats/reset`, { method: 'POST' });
    const credential = new ClientSecretCredential(c.tenantId, c.portal.clientId, c.portal.clientSecret, {
      authorityHost: c.authorityHost,
      disableInstanceDiscovery: true,
    });
    const arm = new ApiManagementClient(credential, c.subscriptionId, {
      endpoint: c.armEndpoint,
      credentialScopes: ['https://management.azure.com/.default'],
    });
    const service = await arm.apiManagementService.get(c.resourceGroup, c.serviceName);
    expect(service.gatewayUrl).toBe(c.gatewayUrl);
    const stats = (await (await fetch(`${c.authorityHost}/_emulator/stats`)).json()) as { surfaces: Record<string, { total: number }> };
    expect(stats.surfaces.arm?.total).toBe(1);
    expect(stats.surfaces.entra?.total).toBeGreaterThanOrEqual(1);
  });
});

// Rule: `npm run setup:azure` makes a tenant ready for Roleport in one run through the real SDKs, changes nothing on a second run or a dry run, and refuses before writing when the operator lacks a right.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, passwordGrant } from '@/test/harness/entra-token-requests';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { emulatedSetupEnv } from '@/test/harness/setup-env';
import { INVENTORY_APP, OPERATOR_APP, ROLEPORT_MANAGED_IDENTITY, SETUP_APP, USERS } from '@/emulator/seed/demo-tenant';
import { PORTAL_GRAPH_PERMISSIONS } from '@/emulator/seed/directory-seed';
import { SERVICE_SCOPE } from '@/emulator/seed/rbac-seed';
import { BUILT_IN_ROLES } from '@/emulator/arm/rbac';
import { loadSetupConfig, type Env } from '@/lib/env';
import { operatorCredential, setupClients } from './setup-clients';
import { runSetup, type SetupOptions } from './run-setup';

let env: PortalTestEnv;
const APP_NAME = 'Roleport Production';
const PUBLIC_URL = 'https://roleport.contoso.example';

const setupEnv = (operator: { appId: string; clientSecret: string } = SETUP_APP): Env =>
  emulatedSetupEnv(env.emulator.connection, { name: APP_NAME, publicUrl: PUBLIC_URL }, operator);

async function setup(options: Partial<SetupOptions> = {}, operator?: { appId: string; clientSecret: string }) {
  const config = loadSetupConfig(setupEnv(operator));
  const lines: string[] = [];
  const clients = setupClients(
    config,
    operatorCredential(config, (m) => lines.push(m)),
  );
  const outcome = await runSetup(
    config,
    clients,
    { dryRun: false, newSecret: false, noEventGrid: true, consoleApis: [], ...options },
    (l) => lines.push(l),
  );
  return { outcome, output: lines.join('\n') };
}

/** A fingerprint of everything set-up may touch, to prove a run wrote nothing. */
function tenantSnapshot() {
  const dir = env.emulator.directory;
  return JSON.stringify({
    apps: [...dir.applications.values()].map((a) => [
      a.id,
      a.web.redirectUris,
      a.identifierUris,
      a.appRoles.length,
      a.passwordCredentials.length,
    ]),
    sps: dir.servicePrincipals.size,
    assignments: dir.assignments.size,
    grants: [...dir.permissionGrants.values()].map((g) => [g.id, g.scope]),
    rbac: env.emulator.rbac.assignments.map((a) => a.name),
  });
}

const created = () => [...env.emulator.directory.applications.values()].find((a) => a.displayName === APP_NAME);

beforeAll(async () => {
  env = await startPortalTestEnv({ emulator: { tokenLifetimeSeconds: 60 } });
});
afterAll(async () => env?.close());

describe('npm run setup:azure against the emulated tenant', () => {
  it('refuses before writing anything when the operator may not assign roles on the APIM service', async () => {
    // Contributor may do everything on the service except grant access (Microsoft.Authorization/*/Write is excluded).
    env.emulator.rbac.removeAllOf(SETUP_APP.servicePrincipalId);
    env.emulator.rbac.assign(SETUP_APP.servicePrincipalId, BUILT_IN_ROLES.Contributor!, SERVICE_SCOPE);
    const before = tenantSnapshot();
    try {
      await expect(setup()).rejects.toThrow(/Microsoft\.Authorization\/roleAssignments\/write.*nothing was changed/);
      expect(tenantSnapshot()).toBe(before);
    } finally {
      env.emulator.rbac.removeAllOf(SETUP_APP.servicePrincipalId);
      env.emulator.rbac.assign(SETUP_APP.servicePrincipalId, BUILT_IN_ROLES['User Access Administrator']!, SERVICE_SCOPE);
      env.emulator.rbac.assign(SETUP_APP.servicePrincipalId, BUILT_IN_ROLES['EventGrid EventSubscription Contributor']!, SERVICE_SCOPE);
    }
  });

  it('is refused by Graph for an operator without directory rights', async () => {
    // The APIM operator app is Contributor on the service but holds no Graph permission.
    await expect(setup({}, OPERATOR_APP)).rejects.toThrow(/Insufficient privileges/);
    expect(created()).toBeUndefined();
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const before = tenantSnapshot();
    const { outcome, output } = await setup({ dryRun: true });
    expect(outcome.applied).toBe(false);
    expect(output).toContain('dry run');
    expect(output).toContain(`create the app registration "${APP_NAME}"`);
    expect(output).toContain('Application.ReadWrite.OwnedBy');
    expect(output).not.toContain('AZURE_CLIENT_SECRET=');
    expect(tenantSnapshot()).toBe(before);
  });

  it('a first run creates the registration, consent and role, and prints the environment with the new secret once', async () => {
    const { outcome, output } = await setup({ consoleApis: [INVENTORY_APP.identifierUri] });
    expect(outcome.applied).toBe(true);
    const app = created()!;
    expect(app.web.redirectUris).toEqual([`${PUBLIC_URL}/api/auth/callback/azure-ad`]);
    expect(app.identifierUris).toEqual([`api://${app.appId}`]);
    expect(app.api.oauth2PermissionScopes.map((s) => s.value)).toEqual(['access_as_user']);
    expect(app.appRoles.map((r) => r.value)).toEqual(['Portal.Admin']);
    const secret = /^AZURE_CLIENT_SECRET=(.+)$/m.exec(output)?.[1];
    expect(secret).toBeTruthy();
    expect(output.split(secret!).length - 1).toBe(1);
    expect(output).toContain(`AZURE_CLIENT_ID=${app.appId}`);
    const sp = env.emulator.directory.servicePrincipalByAppId(app.appId)!;
    expect(env.emulator.rbac.assignments.filter((a) => a.principalId === sp.id).map((a) => [a.role.roleName, a.scope])).toEqual([
      ['API Management Service Contributor', SERVICE_SCOPE],
    ]);
    const inventory = env.emulator.directory.servicePrincipalByAppId(INVENTORY_APP.appId)!;
    expect(env.emulator.directory.consentedScopes(sp.id, inventory.id, USERS.ada.oid)).toEqual(new Set(['user_impersonation']));

    // The result works as Roleport: its app-only Graph token carries every permission of the README's table…
    const credential = new ClientSecretCredential(env.emulator.connection.tenantId, app.appId, secret!, {
      authorityHost: env.emulator.urls.authorityHost,
      disableInstanceDiscovery: true,
    });
    const graphToken = await credential.getToken('https://graph.microsoft.com/.default');
    const claims = JSON.parse(Buffer.from(graphToken.token.split('.')[1]!, 'base64url').toString()) as { roles: string[] };
    expect([...claims.roles].sort()).toEqual([...PORTAL_GRAPH_PERMISSIONS].sort());
    // …Graph and ARM accept it…
    const graph = await fetch(`${env.emulator.urls.graphEndpoint}/v1.0/applications?$top=1`, {
      headers: { authorization: `Bearer ${graphToken.token}` },
    });
    expect(graph.status).toBe(200);
    const armToken = await credential.getToken('https://management.azure.com/.default');
    const arm = await fetch(`${env.emulator.urls.armEndpoint}${SERVICE_SCOPE}/apis?api-version=2024-05-01`, {
      headers: { authorization: `Bearer ${armToken.token}` },
    });
    expect(arm.status).toBe(200);
    // …and a user signing in gets a token for its access_as_user scope.
    const scope = `openid profile offline_access api://${app.appId}/access_as_user`;
    const { body } = await passwordGrant(env.emulator.urls.authorityHost, USERS.ada.userPrincipalName, scope, {
      appId: app.appId,
      clientSecret: secret!,
    });
    expect(claimsOf(body.access_token as string)).toMatchObject({
      aud: app.appId,
      scp: 'access_as_user',
    });
  });

  it('a second run, through the npm script, changes nothing and shows no secret', async () => {
    const before = tenantSnapshot();
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'setup:azure', '--', '--no-event-grid', '--console-api', INVENTORY_APP.identifierUri],
      {
        env: { ...process.env, ...setupEnv() },
        timeout: 60_000,
      },
    );
    expect(stdout).toMatch(/No changes/);
    expect(stdout).not.toMatch(/^AZURE_CLIENT_SECRET=/m);
    expect(stdout).toContain(`AZURE_CLIENT_ID=${created()!.appId}`);
    expect(tenantSnapshot()).toBe(before);
  }, 90_000);

  it('a later run with another PUBLIC_URL adds that redirect URI and keeps the first', async () => {
    const config = setupEnv();
    const lines: string[] = [];
    const moved = loadSetupConfig({ ...config, PUBLIC_URL: 'https://portal.contoso.example' });
    await runSetup(
      moved,
      setupClients(
        moved,
        operatorCredential(moved, () => {}),
      ),
      { dryRun: false, newSecret: false, noEventGrid: true, consoleApis: [] },
      (l) => lines.push(l),
    );
    expect(created()!.web.redirectUris).toEqual([
      `${PUBLIC_URL}/api/auth/callback/azure-ad`,
      'https://portal.contoso.example/api/auth/callback/azure-ad',
    ]);
    expect(lines.join('\n')).toMatch(/update the app registration .*add the redirect URI/);
  });

  it('adds a secret to a registration without one, unless told it signs in with a federated credential', async () => {
    const app = created()!;
    const saved = app.passwordCredentials.splice(0);
    try {
      expect((await setup({ dryRun: true })).outcome.steps.map((s) => s.kind)).toEqual(['add-secret']);
      expect((await setup({ dryRun: true, noSecret: true })).outcome.steps).toEqual([]);
    } finally {
      app.passwordCredentials.push(...saved);
    }
  });

  it('--federated-identity trusts the managed identity instead of adding a secret, once, and the identity then signs in as Roleport', async () => {
    const app = created()!;
    const saved = app.passwordCredentials.splice(0);
    try {
      const first = await setup({ federatedIdentity: ROLEPORT_MANAGED_IDENTITY.principalId });
      expect(first.outcome.steps.map((s) => s.kind)).toEqual(['add-federated-credential']);
      expect(first.output).toContain('AZURE_APP_CREDENTIAL=managed-identity');
      expect(first.output).not.toMatch(/^AZURE_CLIENT_SECRET=/m);
      expect(app.passwordCredentials).toEqual([]);
      expect(app.federatedIdentityCredentials).toEqual([
        expect.objectContaining({
          issuer: `${env.emulator.urls.authorityHost}/${env.emulator.connection.tenantId}/v2.0`,
          subject: ROLEPORT_MANAGED_IDENTITY.principalId,
          audiences: ['api://AzureADTokenExchange'],
        }),
      ]);
      const again = await setup({ federatedIdentity: ROLEPORT_MANAGED_IDENTITY.principalId });
      expect(again.outcome.steps).toEqual([]);
      expect(app.federatedIdentityCredentials).toHaveLength(1);

      // The identity's token-exchange token is now accepted as the registration's client credential.
      const mi = env.emulator.managedIdentity;
      const url = `${mi.endpoint}?api-version=2019-08-01&resource=api://AzureADTokenExchange&client_id=${mi.clientId}`;
      const exchange = (await (await fetch(url, { headers: { 'X-IDENTITY-HEADER': mi.header } })).json()) as { access_token: string };
      const asRoleport = new ClientAssertionCredential(env.emulator.connection.tenantId, app.appId, async () => exchange.access_token, {
        authorityHost: env.emulator.urls.authorityHost,
        disableInstanceDiscovery: true,
      });
      expect((await asRoleport.getToken('https://graph.microsoft.com/.default')).token).toBeTruthy();
    } finally {
      app.passwordCredentials.push(...saved);
    }
  });
});

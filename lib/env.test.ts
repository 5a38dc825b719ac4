// A wrong or partial configuration fails with one clear message naming the variable; local mode needs no Azure settings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditHmacKey, ConfigError, loadConfig } from './env';

const AZURE = {
  AZURE_TENANT_ID: '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34',
  AZURE_CLIENT_ID: '9d2c6f1a-5b7e-4c3d-a8f0-10000000000a',
  AZURE_CLIENT_SECRET: 'secret-value',
  APIM_SUBSCRIPTION_ID: '3f2b8c1d-7e4a-4b9c-a1d2-5e6f7a8b9c0d',
  APIM_RESOURCE_GROUP: 'rg-apis',
  APIM_SERVICE_NAME: 'contoso-apim',
  PUBLIC_URL: 'https://roleport.contoso.com',
  NEXTAUTH_SECRET: 'x'.repeat(40),
  AUDIT_HMAC_KEY: 'k'.repeat(40),
  DATABASE_URL: 'postgres://roleport@db.internal:5432/roleport',
};

function emulatorFile(overrides: Record<string, unknown> = {}): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'roleport-env-'));
  const file = path.join(dir, 'emulator.json');
  const connection = {
    authorityHost: 'https://localhost:8443',
    tenantId: AZURE.AZURE_TENANT_ID,
    armEndpoint: 'https://localhost:8445',
    graphEndpoint: 'https://localhost:8444',
    subscriptionId: AZURE.APIM_SUBSCRIPTION_ID,
    resourceGroup: 'rg-roleport-demo',
    serviceName: 'contoso-apim',
    gatewayUrl: 'https://localhost:8446',
    caCertPath: path.join(dir, 'ca.pem'),
    portal: { clientId: AZURE.AZURE_CLIENT_ID, clientSecret: 'local-secret' },
    users: [],
    ...overrides,
  };
  writeFileSync(file, JSON.stringify(connection));
  return { ROLEPORT_EMULATOR_FILE: file, ROLEPORT_LOCAL_DIR: dir, ROLEPORT_DATA_DIR: path.join(dir, 'data') };
}

function messageOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('reads a complete Azure configuration with public-cloud defaults', () => {
    const config = loadConfig({ ...AZURE });
    expect(config.mode).toBe('azure');
    expect(config.authorityHost).toBe('https://login.microsoftonline.com');
    expect(config.armEndpoint).toBe('https://management.azure.com');
    expect(config.portalApiScope).toBe(`api://${AZURE.AZURE_CLIENT_ID}/access_as_user`);
    expect(config.database).toEqual({ kind: 'postgres', url: AZURE.DATABASE_URL });
  });

  it('takes token scopes and the v1 issuer from the public cloud by default, not from the endpoint hosts', () => {
    const config = loadConfig({ ...AZURE });
    expect(config.cloud).toEqual({
      name: 'AzurePublicCloud',
      armScope: 'https://management.azure.com/.default',
      graphScope: 'https://graph.microsoft.com/.default',
      v1IssuerHost: 'https://sts.windows.net',
      tokenExchangeScope: 'api://AzureADTokenExchange/.default',
    });
    expect(loadConfig(emulatorFile()).cloud.armScope).toBe('https://management.azure.com/.default');
  });

  it('derives the US Government cloud from its authority: endpoints, scopes and issuer', () => {
    const config = loadConfig({ ...AZURE, AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' });
    expect(config.armEndpoint).toBe('https://management.usgovcloudapi.net');
    expect(config.graphEndpoint).toBe('https://graph.microsoft.us');
    expect(config.cloud).toEqual({
      name: 'AzureUSGovernment',
      armScope: 'https://management.usgovcloudapi.net/.default',
      graphScope: 'https://graph.microsoft.us/.default',
      v1IssuerHost: 'https://sts.windows.net',
      tokenExchangeScope: 'api://AzureADTokenExchangeUSGov/.default',
    });
  });

  it('derives the China cloud from AZURE_CLOUD or from any of its endpoints', () => {
    const china = {
      name: 'AzureChinaCloud',
      armScope: 'https://management.chinacloudapi.cn/.default',
      graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
      v1IssuerHost: 'https://sts.chinacloudapi.cn',
      tokenExchangeScope: 'api://AzureADTokenExchangeChina/.default',
    };
    const byName = loadConfig({ ...AZURE, AZURE_CLOUD: 'AzureChinaCloud' });
    expect(byName.cloud).toEqual(china);
    expect([byName.authorityHost, byName.armEndpoint, byName.graphEndpoint]).toEqual([
      'https://login.chinacloudapi.cn',
      'https://management.chinacloudapi.cn',
      'https://microsoftgraph.chinacloudapi.cn',
    ]);
    expect(loadConfig({ ...AZURE, ARM_ENDPOINT: 'https://management.chinacloudapi.cn/' }).cloud).toEqual(china);
    expect(loadConfig(emulatorFile({ cloud: 'AzureChinaCloud' })).cloud).toEqual(china);
  });

  it('refuses endpoints of two different clouds, naming the odd variable', () => {
    expect(
      messageOf({ ...AZURE, AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us', GRAPH_ENDPOINT: 'https://graph.microsoft.com' }),
    ).toMatch(/GRAPH_ENDPOINT is a host of AzurePublicCloud, but the cloud is AzureUSGovernment/);
    expect(messageOf({ ...AZURE, AZURE_CLOUD: 'AzureMoonCloud' })).toMatch(/AZURE_CLOUD/);
  });

  it('names the missing variable of a partial Azure configuration', () => {
    const { APIM_SERVICE_NAME: _, ...partial } = AZURE;
    expect(messageOf(partial)).toMatch(/APIM_SERVICE_NAME is required/);
  });

  it('needs the client secret unless Roleport runs as a managed identity its registration trusts', () => {
    const { AZURE_CLIENT_SECRET: _secret, ...withoutSecret } = AZURE;
    expect(messageOf(withoutSecret)).toContain('AZURE_CLIENT_SECRET is required');
    const config = loadConfig({ ...withoutSecret, AZURE_APP_CREDENTIAL: 'managed-identity' });
    expect(config.clientSecret).toBeUndefined();
    expect(config.cloud.tokenExchangeScope).toBe('api://AzureADTokenExchange/.default');
    expect(
      loadConfig({ ...withoutSecret, AZURE_APP_CREDENTIAL: 'managed-identity', AZURE_CLOUD: 'AzureChinaCloud' }).cloud.tokenExchangeScope,
    ).toBe('api://AzureADTokenExchangeChina/.default');
  });

  it('names a malformed variable', () => {
    expect(messageOf({ ...AZURE, AZURE_TENANT_ID: 'contoso' })).toMatch(/AZURE_TENANT_ID must be a GUID/);
    expect(messageOf({ ...AZURE, PUBLIC_URL: 'http://roleport.contoso.com' })).toMatch(/PUBLIC_URL must be an https/);
    expect(messageOf({ ...AZURE, DATABASE_URL: 'mysql://x' })).toMatch(/DATABASE_URL must be a postgres/);
    expect(messageOf({ ...AZURE, NEXTAUTH_SECRET: 'short' })).toMatch(/NEXTAUTH_SECRET must be at least 32/);
  });

  it('switches to Azure mode as soon as one Azure variable is set, and says why', () => {
    expect(messageOf({ AZURE_TENANT_ID: AZURE.AZURE_TENANT_ID })).toMatch(/AZURE_CLIENT_ID is required \(Azure mode, because/);
  });

  it('runs in local mode from the emulator connection file with an embedded database', () => {
    const env = emulatorFile();
    const config = loadConfig(env);
    expect(config.mode).toBe('local');
    expect(config.armEndpoint).toBe('https://localhost:8445');
    expect(config.database.kind).toBe('sqlite');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig(env).authSecret).toBe(config.authSecret);
  });

  it('keeps the audit HMAC key outside the database: required in Azure mode, generated once into the local folder otherwise', () => {
    const { AUDIT_HMAC_KEY: _, ...withoutKey } = AZURE;
    expect(messageOf(withoutKey)).toMatch(/AUDIT_HMAC_KEY is required \(Azure mode/);
    expect(messageOf({ ...AZURE, AUDIT_HMAC_KEY: 'short' })).toMatch(/AUDIT_HMAC_KEY must be at least 32/);
    expect(loadConfig({ ...AZURE }).auditHmacKey).toBe(AZURE.AUDIT_HMAC_KEY);
    expect(() => auditHmacKey(withoutKey)).toThrow(/AUDIT_HMAC_KEY is required in Azure mode/);

    const env = emulatorFile();
    const generated = loadConfig(env).auditHmacKey;
    expect(generated.length).toBeGreaterThanOrEqual(32);
    expect(auditHmacKey(env)).toBe(generated);
    expect(auditHmacKey({ ...env, AUDIT_HMAC_KEY: 'q'.repeat(32) })).toBe('q'.repeat(32));
  });

  it('requires an https webhook URL and a Standard Webhooks secret in Azure mode, and generates the secret locally', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const hook = { ROLEPORT_WEBHOOK_URL: 'https://hooks.contoso.com/roleport', ROLEPORT_WEBHOOK_SECRET: secret };
    expect(loadConfig({ ...AZURE, ...hook })).toMatchObject({
      webhookUrl: hook.ROLEPORT_WEBHOOK_URL,
      webhookSecret: secret,
      webhookRetentionDays: 7,
    });
    expect(messageOf({ ...AZURE, ...hook, ROLEPORT_WEBHOOK_URL: 'http://hooks.contoso.com/roleport' })).toMatch(
      /ROLEPORT_WEBHOOK_URL must be an https/,
    );
    expect(messageOf({ ...AZURE, ROLEPORT_WEBHOOK_URL: hook.ROLEPORT_WEBHOOK_URL })).toMatch(/ROLEPORT_WEBHOOK_SECRET is required/);
    expect(messageOf({ ...AZURE, ...hook, ROLEPORT_WEBHOOK_SECRET: 'hunter2' })).toMatch(/ROLEPORT_WEBHOOK_SECRET must be whsec_/);
    expect(messageOf({ ...AZURE, ...hook, ROLEPORT_WEBHOOK_SECRET: 'whsec_c2hvcnQ=' })).toMatch(
      /ROLEPORT_WEBHOOK_SECRET must hold 24 to 64 bytes/,
    );
    expect(loadConfig({ ...AZURE, ...hook, ROLEPORT_WEBHOOK_RETENTION_DAYS: '30' }).webhookRetentionDays).toBe(30);

    const local = { ...emulatorFile(), ROLEPORT_WEBHOOK_URL: 'http://127.0.0.1:9000/hook' };
    const generated = loadConfig(local).webhookSecret ?? '';
    expect(generated).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(loadConfig(local).webhookSecret).toBe(generated);
    expect(loadConfig(emulatorFile()).webhookSecret).toBeUndefined();
  });

  it("notifies through the configured mailbox and Teams webhook (https only), in local mode the emulator's unless set", () => {
    const teams = 'https://contoso.webhook.office.com/webhookb2/abc@tid/IncomingWebhook/def/ghi';
    expect(loadConfig({ ...AZURE, NOTIFY_MAIL_FROM: 'roleport@contoso.com', TEAMS_WEBHOOK_URL: teams })).toMatchObject({
      notifyMailFrom: 'roleport@contoso.com',
      teamsWebhookUrl: teams,
    });
    expect(loadConfig(AZURE)).toMatchObject({ notifyMailFrom: undefined, teamsWebhookUrl: undefined });
    expect(messageOf({ ...AZURE, TEAMS_WEBHOOK_URL: teams.replace('https:', 'http:') })).toMatch(/TEAMS_WEBHOOK_URL must be an https/);
    expect(messageOf({ ...AZURE, NOTIFY_MAIL_FROM: 'not a mailbox' })).toMatch(/NOTIFY_MAIL_FROM must be a mailbox/);
    const local = emulatorFile({
      notifications: { mailFrom: 'notify@contoso.onmicrosoft.com', teamsWebhookUrl: 'https://localhost:8443/_emulator/teams/api-access' },
    });
    expect(loadConfig(local)).toMatchObject({
      notifyMailFrom: 'notify@contoso.onmicrosoft.com',
      teamsWebhookUrl: 'https://localhost:8443/_emulator/teams/api-access',
    });
    expect(loadConfig({ ...local, NOTIFY_MAIL_FROM: 'other@contoso.onmicrosoft.com' }).notifyMailFrom).toBe(
      'other@contoso.onmicrosoft.com',
    );
  });

  it('uses PostgreSQL in local mode when DATABASE_URL is set', () => {
    const config = loadConfig({ ...emulatorFile(), DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
  });

  it('explains how to start the emulator when its connection file is missing', () => {
    expect(messageOf({ ROLEPORT_EMULATOR_FILE: '/nonexistent/emulator.json' })).toMatch(/npm run dev/);
  });

  it('refuses a corrupt emulator connection file', () => {
    expect(messageOf(emulatorFile({ armEndpoint: 'http://localhost:8445' }))).toMatch(/armEndpoint must be an https/);
  });

  it('refuses a bad common variable in either mode', () => {
    expect(messageOf({ ...emulatorFile(), PORT: 'eighty' })).toMatch(/PORT/);
    expect(messageOf({ ...emulatorFile(), CATALOG_SYNC_INTERVAL_MINUTES: '0' })).toMatch(/CATALOG_SYNC_INTERVAL_MINUTES/);
    expect(messageOf({ ...emulatorFile(), ROLEPORT_AZURE_TIMEOUT_SECONDS: '0' })).toMatch(/ROLEPORT_AZURE_TIMEOUT_SECONDS/);
  });

  it('bounds every Azure request: 30 seconds unless configured', () => {
    expect(loadConfig({ ...AZURE }).azureRequestTimeoutMs).toBe(30_000);
    expect(loadConfig({ ...emulatorFile(), ROLEPORT_AZURE_TIMEOUT_SECONDS: '5' }).azureRequestTimeoutMs).toBe(5_000);
  });

  it("takes a crashed replica's catalog sync over after 120 seconds unless configured, between 5 and 3600", () => {
    expect(loadConfig({ ...AZURE }).catalogSyncLeaseStaleSeconds).toBe(120);
    expect(loadConfig({ ...emulatorFile(), CATALOG_SYNC_LEASE_STALE_SECONDS: '6' }).catalogSyncLeaseStaleSeconds).toBe(6);
    for (const bad of ['4', '3601', '1.5', 'soon'])
      expect(messageOf({ ...AZURE, CATALOG_SYNC_LEASE_STALE_SECONDS: bad })).toMatch(/CATALOG_SYNC_LEASE_STALE_SECONDS/);
  });

  it('reads the private gateway hosts as exact hosts, none by default, and refuses wildcards or URLs', () => {
    expect(loadConfig({ ...AZURE }).privateGatewayHosts).toEqual([]);
    expect(
      loadConfig({ ...AZURE, CONSOLE_PRIVATE_GATEWAY_HOSTS: ' Contoso.azure-api.net, gw.contoso.com:8443 ' }).privateGatewayHosts,
    ).toEqual(['contoso.azure-api.net', 'gw.contoso.com:8443']);
    for (const bad of ['*.contoso.com', 'https://contoso.azure-api.net', 'contoso.azure-api.net/orders'])
      expect(messageOf({ ...AZURE, CONSOLE_PRIVATE_GATEWAY_HOSTS: bad })).toMatch(
        /CONSOLE_PRIVATE_GATEWAY_HOSTS must list exact host names/,
      );
  });
});

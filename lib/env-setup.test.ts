// Rule: the set-up command's and Entra database settings are validated once in lib/env.ts, with one message naming the variable.
import { describe, expect, it } from 'vitest';
import { loadConfig, loadSetupConfig } from './env';

const TENANT = '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34';
const SETUP = {
  AZURE_TENANT_ID: TENANT,
  PUBLIC_URL: 'https://roleport.contoso.com/',
  APIM_SUBSCRIPTION_ID: '3f2b8c1d-7e4a-4b9c-a1d2-5e6f7a8b9c0d',
  APIM_RESOURCE_GROUP: 'rg-apis',
  APIM_SERVICE_NAME: 'contoso-apim',
};
const AZURE = {
  ...SETUP,
  AZURE_CLIENT_ID: '9d2c6f1a-5b7e-4c3d-a8f0-10000000000a',
  AZURE_CLIENT_SECRET: 'secret-value',
  NEXTAUTH_SECRET: 'x'.repeat(40),
  AUDIT_HMAC_KEY: 'k'.repeat(40),
};

describe('npm run setup:azure configuration', () => {
  it('defaults to the Azure CLI (then device code), the name Roleport and the public cloud', () => {
    expect(loadSetupConfig(SETUP)).toMatchObject({
      appName: 'Roleport',
      publicUrl: 'https://roleport.contoso.com',
      operator: { kind: 'cli' },
      authorityHost: 'https://login.microsoftonline.com',
      cloud: { graphScope: 'https://graph.microsoft.com/.default' },
    });
  });

  it('follows the cloud of the authority host', () => {
    expect(loadSetupConfig({ ...SETUP, AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' }).cloud.armScope).toBe(
      'https://management.usgovcloudapi.net/.default',
    );
  });

  it('names what an automation sign-in lacks', () => {
    expect(() => loadSetupConfig({ ...SETUP, SETUP_CREDENTIAL: 'client-secret' })).toThrow(/SETUP_CLIENT_ID and SETUP_CLIENT_SECRET/);
    expect(() => loadSetupConfig({ ...SETUP, SETUP_CREDENTIAL: 'password' })).toThrow(
      /SETUP_CREDENTIAL must be cli, device-code or client-secret/,
    );
    expect(() => loadSetupConfig({ ...SETUP, AZURE_TENANT_ID: 'contoso' })).toThrow(/AZURE_TENANT_ID must be a GUID/);
  });
});

describe('DATABASE_AUTH', () => {
  it('entra marks the PostgreSQL connection for access-token passwords', () => {
    const config = loadConfig({
      ...AZURE,
      DATABASE_URL: 'postgres://id-roleport@db.postgres.database.azure.com/roleport',
      DATABASE_AUTH: 'entra',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://id-roleport@db.postgres.database.azure.com/roleport',
      auth: 'entra',
    });
  });

  it('refuses entra without a PostgreSQL server, and values it does not know', () => {
    expect(() => loadConfig({ ...AZURE, DATABASE_AUTH: 'entra' })).toThrow(/DATABASE_AUTH=entra needs DATABASE_URL/);
    expect(() => loadConfig({ ...AZURE, DATABASE_URL: 'postgres://db/roleport', DATABASE_AUTH: 'kerberos' })).toThrow(
      /DATABASE_AUTH must be password or entra/,
    );
  });
});

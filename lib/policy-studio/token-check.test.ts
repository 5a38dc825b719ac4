// Rule: the token check Roleport writes trusts the configured cloud's issuers, never the public cloud's constants.
import { describe, expect, it } from 'vitest';
import { AZURE_CLOUDS } from '@/lib/azure-clouds';
import { tokenCheckFor } from './token-check';

const TID = '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34';
const app = (tokenVersion: 1 | 2) => ({ appId: 'c4a8e2d0-0002-4f5e-9b3a-a00000000002', identifierUris: ['api://inv'], tokenVersion });
const tenantIn = (cloud: keyof typeof AZURE_CLOUDS) => ({
  tenantId: TID,
  authorityHost: AZURE_CLOUDS[cloud].authorityHost,
  v1IssuerHost: AZURE_CLOUDS[cloud].v1IssuerHost,
});

describe('tokenCheckFor in a national cloud', () => {
  it("accepts China's v1 issuer (sts.chinacloudapi.cn) and reads China's discovery document", () => {
    const check = tokenCheckFor(app(1), tenantIn('AzureChinaCloud'));
    expect(check.issuers).toEqual([`https://sts.chinacloudapi.cn/${TID}/`]);
    expect(check.openIdConfigUrl).toBe(`https://login.chinacloudapi.cn/${TID}/v2.0/.well-known/openid-configuration`);
  });

  it("accepts the US Government cloud's v2 issuer on login.microsoftonline.us", () => {
    const check = tokenCheckFor(app(2), tenantIn('AzureUSGovernment'));
    expect(check.issuers).toEqual([`https://login.microsoftonline.us/${TID}/v2.0`]);
  });
});

// The national clouds Roleport knows: each has its own Entra authority, ARM and Graph hosts, resource ids and
// v1.0 token issuer. Sources: learn.microsoft.com/entra/identity-platform/authentication-national-cloud
// (authorities), /graph/deployments (Graph endpoints), /azure/azure-government/compare-azure-government-global-azure
// and /azure/china/resources-developer-guide (ARM endpoints), and the v1.0 issuers Entra's own discovery documents
// publish for each cloud (`/{tenant}/.well-known/openid-configuration`: sts.windows.net in the public and US
// Government clouds, sts.chinacloudapi.cn in China).

export type AzureCloudName = 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export interface AzureCloud {
  name: AzureCloudName;
  authorityHost: string;
  armEndpoint: string;
  graphEndpoint: string;
  /** ARM's resource id (token audience): the scope is `<armResource>.default`. */
  armResource: string;
  /** Microsoft Graph's resource id in this cloud: the scope is `<graphResource>/.default`. */
  graphResource: string;
  /** Origin of the `iss` of v1.0 access tokens (`<host>/<tenant>/`); v2.0 tokens use the authority. */
  v1IssuerHost: string;
  /**
   * Audience of a managed identity's token presented as a federated credential (learn.microsoft.com/entra/workload-id/
   * workload-identity-federation-config-app-trust-managed-identity).
   */
  tokenExchangeAudience: string;
}

export const AZURE_CLOUDS: Record<AzureCloudName, AzureCloud> = {
  AzurePublicCloud: {
    name: 'AzurePublicCloud',
    authorityHost: 'https://login.microsoftonline.com',
    armEndpoint: 'https://management.azure.com',
    graphEndpoint: 'https://graph.microsoft.com',
    armResource: 'https://management.azure.com/',
    graphResource: 'https://graph.microsoft.com',
    v1IssuerHost: 'https://sts.windows.net',
    tokenExchangeAudience: 'api://AzureADTokenExchange',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    authorityHost: 'https://login.microsoftonline.us',
    armEndpoint: 'https://management.usgovcloudapi.net',
    graphEndpoint: 'https://graph.microsoft.us',
    armResource: 'https://management.usgovcloudapi.net/',
    graphResource: 'https://graph.microsoft.us',
    v1IssuerHost: 'https://sts.windows.net',
    tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    authorityHost: 'https://login.chinacloudapi.cn',
    armEndpoint: 'https://management.chinacloudapi.cn',
    graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn',
    armResource: 'https://management.chinacloudapi.cn/',
    graphResource: 'https://microsoftgraph.chinacloudapi.cn',
    v1IssuerHost: 'https://sts.chinacloudapi.cn',
    tokenExchangeAudience: 'api://AzureADTokenExchangeChina',
  },
};

export const AZURE_CLOUD_NAMES = Object.keys(AZURE_CLOUDS) as [AzureCloudName, ...AzureCloudName[]];

/** Other hosts that belong to a cloud (legacy authority, DoD Graph), so a configuration naming them is recognised. */
const OTHER_HOSTS: Record<string, AzureCloudName> = {
  'login.partner.microsoftonline.cn': 'AzureChinaCloud',
  'dod-graph.microsoft.us': 'AzureUSGovernment',
  'management.core.usgovcloudapi.net': 'AzureUSGovernment',
  'management.core.chinacloudapi.cn': 'AzureChinaCloud',
  'management.core.windows.net': 'AzurePublicCloud',
};

/** The cloud a URL's host belongs to, or undefined for any other host (an emulator, a proxy). */
export function cloudOfUrl(url: string): AzureCloudName | undefined {
  const host = new URL(url).hostname.toLowerCase();
  const known = Object.values(AZURE_CLOUDS).find((c) =>
    [c.authorityHost, c.armEndpoint, c.graphEndpoint].some((u) => new URL(u).hostname === host),
  );
  return known?.name ?? OTHER_HOSTS[host];
}

/** Every cloud's Graph resource ids (a token for any of them is a Graph token). */
export const GRAPH_RESOURCES = Object.values(AZURE_CLOUDS).map((c) => c.graphResource);

/** The issuer of a v1.0 access token of `tenantId` in a cloud whose v1 issuer origin is `v1IssuerHost`. */
export const v1IssuerOf = (v1IssuerHost: string, tenantId: string) => `${v1IssuerHost.replace(/\/+$/, '')}/${tenantId}/`;

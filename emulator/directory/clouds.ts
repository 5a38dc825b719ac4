// The national cloud the emulator stands in for: what its tokens are for and who issues them. Sources:
// learn.microsoft.com/entra/identity-platform/authentication-national-cloud (authorities and v1 issuers),
// learn.microsoft.com/graph/deployments (Graph resource per cloud), learn.microsoft.com/azure/azure-government/
// compare-azure-government-global-azure and /azure/china/resources-developer-guide (ARM resource per cloud).

export type CloudName = 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export interface EmulatedCloud {
  name: CloudName;
  /** ARM's resource ids: the current one first, then the classic one ARM still accepts as an audience. */
  armResources: [string, string];
  /** Microsoft Graph's resource id (App ID URI of its service principal). */
  graphResource: string;
  /** Origin of v1.0 tokens' `iss`. */
  v1IssuerHost: string;
  /**
   * The audience of a token Entra accepts as a federated credential (learn.microsoft.com/entra/workload-id/
   * workload-identity-federation-config-app-trust-managed-identity: "api://AzureADTokenExchange", and the
   * ...USGov / ...China forms in the national clouds).
   */
  tokenExchangeAudience: string;
}

export const CLOUDS: Record<CloudName, EmulatedCloud> = {
  AzurePublicCloud: {
    name: 'AzurePublicCloud',
    armResources: ['https://management.azure.com/', 'https://management.core.windows.net/'],
    graphResource: 'https://graph.microsoft.com',
    v1IssuerHost: 'https://sts.windows.net',
    tokenExchangeAudience: 'api://AzureADTokenExchange',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    armResources: ['https://management.usgovcloudapi.net/', 'https://management.core.usgovcloudapi.net/'],
    graphResource: 'https://graph.microsoft.us',
    v1IssuerHost: 'https://sts.windows.net',
    tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    armResources: ['https://management.chinacloudapi.cn/', 'https://management.core.chinacloudapi.cn/'],
    graphResource: 'https://microsoftgraph.chinacloudapi.cn',
    v1IssuerHost: 'https://sts.chinacloudapi.cn',
    tokenExchangeAudience: 'api://AzureADTokenExchangeChina',
  },
};

/** ARM accepts each resource id with and without its trailing slash. */
export const armAudiences = (cloud: EmulatedCloud) => new Set(cloud.armResources.flatMap((r) => [r, r.replace(/\/+$/, '')]));

// How a workload gets a token for an API with its own identity; Roleport never holds the workload's credential.
// Client credentials ask for `<App ID URI or client id>/.default` (Entra: "the .default scope" for app-only tokens);
// a managed identity's token endpoint takes the resource without `/.default`.

export interface AppTokenSnippet {
  id: 'azure-cli' | 'node' | 'python' | 'dotnet' | 'managed-identity';
  label: string;
  language: 'shell' | 'typescript' | 'python' | 'csharp';
  code: string;
}

/** The API's scope for app-only tokens: its first App ID URI, else its client id, with `/.default`. */
export function appScopeOf(app: { appId: string; identifierUris: string[] }): string {
  return `${app.identifierUris[0] ?? app.appId}/.default`;
}

export function appTokenSnippets(app: { appId: string; identifierUris: string[] }, tenantId: string): AppTokenSnippet[] {
  const scope = appScopeOf(app);
  const resource = scope.replace(/\/\.default$/, '');
  return [
    {
      id: 'azure-cli',
      label: 'Azure CLI (signed in as the app)',
      language: 'shell',
      code: [
        `az login --service-principal --username <your app's client id> --password <its secret> --tenant ${tenantId} --allow-no-subscriptions`,
        `az account get-access-token --scope ${scope} --query accessToken --output tsv`,
      ].join('\n'),
    },
    {
      id: 'node',
      label: 'Node.js (@azure/identity)',
      language: 'typescript',
      code: [
        `// AZURE_TENANT_ID=${tenantId}, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a managed identity) in the environment`,
        `import { DefaultAzureCredential } from '@azure/identity';`,
        ``,
        `const { token } = await new DefaultAzureCredential().getToken('${scope}');`,
      ].join('\n'),
    },
    {
      id: 'python',
      label: 'Python (azure-identity)',
      language: 'python',
      code: [
        `# AZURE_TENANT_ID=${tenantId}, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a managed identity) in the environment`,
        `from azure.identity import DefaultAzureCredential`,
        ``,
        `token = DefaultAzureCredential().get_token("${scope}").token`,
      ].join('\n'),
    },
    {
      id: 'dotnet',
      label: '.NET (Azure.Identity)',
      language: 'csharp',
      code: [
        `// AZURE_TENANT_ID=${tenantId}, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a managed identity) in the environment`,
        `using Azure.Core;`,
        `using Azure.Identity;`,
        ``,
        `var token = await new DefaultAzureCredential().GetTokenAsync(new TokenRequestContext(new[] { "${scope}" }));`,
      ].join('\n'),
    },
    {
      id: 'managed-identity',
      label: 'Managed identity (Azure VM, App Service, Container Apps)',
      language: 'shell',
      code: [
        `# App Service / Container Apps: the platform sets IDENTITY_ENDPOINT and IDENTITY_HEADER`,
        `curl -s -H "X-IDENTITY-HEADER: $IDENTITY_HEADER" "$IDENTITY_ENDPOINT?api-version=2019-08-01&resource=${encodeURIComponent(resource)}&client_id=<the identity's client id>"`,
        `# Azure VM: the instance metadata service`,
        `curl -s -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${encodeURIComponent(resource)}&client_id=<the identity's client id>"`,
      ].join('\n'),
    },
  ];
}

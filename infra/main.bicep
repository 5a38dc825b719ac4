// Roleport on Azure Container Apps: `azd up` deploys this (docs/deploy.md). One resource group holds the portal, its
// PostgreSQL server, Key Vault, registry and logs; the APIM service stays where it is and only gains role assignments.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names the resource group and the resources.')
param environmentName string

@minLength(1)
@description('Azure region of the new resources.')
param location string

@description('Application (client) id of Roleport\'s app registration (npm run setup:azure prints it).')
param portalClientId string

@secure()
@minLength(32)
@description('Session cookie encryption secret, at least 32 characters (e.g. `openssl rand -base64 32`). Stored in Key Vault.')
param nextAuthSecret string

@secure()
@minLength(32)
@description('Key of the audit log\'s HMAC chain, at least 32 characters. Stored in Key Vault; changing it breaks verification of existing events.')
param auditHmacKey string

@description('Subscription of the API Management service Roleport manages.')
param apimSubscriptionId string

@description('Resource group of the API Management service.')
param apimResourceGroup string

@description('Name of the API Management service.')
param apimServiceName string

@description('The portal\'s public https URL; empty: the container app\'s own address. Its /api/auth/callback/azure-ad must be a redirect URI of the app registration.')
param publicUrl string = ''

@description('Image azd built (set by azd deploy); empty: a placeholder until the first deploy.')
param webImageName string = ''

@minValue(1)
@maxValue(10)
@description('Replicas always running. Two or more share the work through PostgreSQL (row locks, leases).')
param minReplicas int = 1

@minValue(1)
@maxValue(10)
param maxReplicas int = 3

var tags = { 'azd-env-name': environmentName, application: 'roleport' }
var token = toLower(uniqueString(subscription().id, environmentName, location))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module portal 'modules/portal.bicep' = {
  name: 'roleport-portal'
  scope: group
  params: {
    location: location
    tags: tags
    token: token
    portalClientId: portalClientId
    nextAuthSecret: nextAuthSecret
    auditHmacKey: auditHmacKey
    apimSubscriptionId: apimSubscriptionId
    apimResourceGroup: apimResourceGroup
    apimServiceName: apimServiceName
    publicUrl: publicUrl
    webImageName: webImageName
    minReplicas: minReplicas
    maxReplicas: maxReplicas
  }
}

// Roleport's identity on the APIM service: read everything, write policies, read subscription keys. Nothing else.
module apimAccess 'modules/apim-access.bicep' = {
  name: 'roleport-apim-access'
  scope: resourceGroup(apimSubscriptionId, apimResourceGroup)
  params: {
    apimServiceName: apimServiceName
    principalId: portal.outputs.identityPrincipalId
  }
}

output AZURE_RESOURCE_GROUP string = group.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = portal.outputs.registryLoginServer
output ROLEPORT_PUBLIC_URL string = portal.outputs.publicUrl
output ROLEPORT_IDENTITY_CLIENT_ID string = portal.outputs.identityClientId
output ROLEPORT_IDENTITY_PRINCIPAL_ID string = portal.outputs.identityPrincipalId
output ROLEPORT_KEY_VAULT_NAME string = portal.outputs.keyVaultName
output ROLEPORT_POSTGRES_HOST string = portal.outputs.postgresHost

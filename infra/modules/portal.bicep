// Everything in Roleport's own resource group. The container's settings are the variables lib/env.ts reads in Azure
// mode; secrets come from Key Vault through the managed identity, never as plain values (infra test).
param location string
param tags object
param token string
param portalClientId string
@secure()
param nextAuthSecret string
@secure()
param auditHmacKey string
param apimSubscriptionId string
param apimResourceGroup string
param apimServiceName string
param publicUrl string
param webImageName string
param minReplicas int
param maxReplicas int

var appName = 'roleport-${take(token, 8)}'
var databaseName = 'roleport'
// Stays inside Container Apps' 30 s between SIGTERM and SIGKILL: jobs are finished or released before it.
var shutdownSeconds = 20

// --- Identity: the one principal for ARM, Graph, Key Vault, the registry and PostgreSQL ------------------------------
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-roleport-${token}'
  location: location
  tags: tags
}

// --- Logs and telemetry ----------------------------------------------------------------------------------------------
resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-roleport-${token}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-roleport-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// --- Key Vault: the secrets, readable by the identity only -----------------------------------------------------------
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-rp-${take(token, 16)}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
  }
}

resource nextAuthSecretEntry 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'nextauth-secret'
  properties: { value: nextAuthSecret }
}

resource auditKeyEntry 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'audit-hmac-key'
  properties: { value: auditHmacKey }
}

// Key Vault Secrets User: read secret values, nothing else.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// --- Registry: azd builds the image here; the identity pulls it ------------------------------------------------------
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'crroleport${take(token, 12)}'
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

// AcrPull.
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource registryPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// --- PostgreSQL flexible server: Entra authentication only, the identity its administrator ---------------------------
resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'psql-roleport-${token}'
  location: location
  tags: tags
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    // No password exists to leak: connections present an Entra access token (DATABASE_AUTH=entra).
    authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled', tenantId: tenant().tenantId }
  }
}

resource postgresAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: postgres
  name: identity.properties.principalId
  properties: {
    principalName: identity.name
    principalType: 'ServicePrincipal'
    tenantId: tenant().tenantId
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// Container Apps' outbound addresses are Azure's; the server accepts connections from Azure services only.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

// --- Container Apps ----------------------------------------------------------------------------------------------------
resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-roleport-${token}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

var defaultPublicUrl = 'https://${appName}.${environment.properties.defaultDomain}'
var portalUrl = empty(publicUrl) ? defaultPublicUrl : publicUrl

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [vaultReader, registryPull, postgresAdmin, database]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 3000
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        { server: registry.properties.loginServer, identity: identity.id }
      ]
      // Key Vault references, resolved by the platform with the identity; the values never appear in the template.
      secrets: [
        { name: 'nextauth-secret', keyVaultUrl: nextAuthSecretEntry.properties.secretUri, identity: identity.id }
        { name: 'audit-hmac-key', keyVaultUrl: auditKeyEntry.properties.secretUri, identity: identity.id }
      ]
    }
    template: {
      containers: [
        {
          name: 'web'
          image: empty(webImageName) ? 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest' : webImageName
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: [
            { name: 'AZURE_TENANT_ID', value: tenant().tenantId }
            { name: 'AZURE_CLIENT_ID', value: portalClientId }
            // Roleport's own ARM and Graph calls, its database logins and the sign-in use the managed identity: the sign-in
            // presents the identity's token as a federated credential of the app registration, so no client secret exists
            // (`npm run setup:azure -- --federated-identity <ROLEPORT_IDENTITY_PRINCIPAL_ID>` adds that trust; docs/deploy.md).
            { name: 'AZURE_APP_CREDENTIAL', value: 'managed-identity' }
            { name: 'AZURE_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
            { name: 'APIM_SUBSCRIPTION_ID', value: apimSubscriptionId }
            { name: 'APIM_RESOURCE_GROUP', value: apimResourceGroup }
            { name: 'APIM_SERVICE_NAME', value: apimServiceName }
            { name: 'PUBLIC_URL', value: portalUrl }
            { name: 'NEXTAUTH_SECRET', secretRef: 'nextauth-secret' }
            { name: 'AUDIT_HMAC_KEY', secretRef: 'audit-hmac-key' }
            {
              name: 'DATABASE_URL'
              value: 'postgres://${identity.name}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
            }
            { name: 'DATABASE_AUTH', value: 'entra' }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
            { name: 'ROLEPORT_SHUTDOWN_TIMEOUT_SECONDS', value: string(shutdownSeconds) }
          ]
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/api/health', port: 3000 }
              periodSeconds: 5
              failureThreshold: 24
            }
            {
              type: 'Liveness'
              httpGet: { path: '/api/health', port: 3000 }
              periodSeconds: 30
            }
            {
              // Database, migrations, Entra, ARM and Graph reachable: a replica that cannot serve gets no traffic.
              type: 'Readiness'
              httpGet: { path: '/api/ready', port: 3000 }
              periodSeconds: 15
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          { name: 'http', http: { metadata: { concurrentRequests: '50' } } }
        ]
      }
    }
  }
}

output identityPrincipalId string = identity.properties.principalId
output identityClientId string = identity.properties.clientId
output registryLoginServer string = registry.properties.loginServer
output publicUrl string = portalUrl
output keyVaultName string = vault.name
output postgresHost string = postgres.properties.fullyQualifiedDomainName

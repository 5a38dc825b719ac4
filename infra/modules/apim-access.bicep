// Exactly the APIM rights Roleport uses (README, "Permissions"): the built-in reader role for the catalog, and a custom
// role with the policy writes and listSecrets for the policy studio and the console's subscription key.
param apimServiceName string
param principalId string

resource apim 'Microsoft.ApiManagement/service@2023-05-01-preview' existing = {
  name: apimServiceName
}

// API Management Service Reader Role.
var apimReaderRoleId = '71522526-b88f-4d52-b57f-d31fc3546d0d'

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(apim.id, principalId, apimReaderRoleId)
  scope: apim
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', apimReaderRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource policyWriter 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'roleport-apim-policy-writer')
  properties: {
    roleName: 'Roleport APIM policy writer (${apimServiceName})'
    description: 'Writes and deletes API and operation policies, and reads subscription keys, on one API Management service.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.ApiManagement/service/apis/policies/write'
          'Microsoft.ApiManagement/service/apis/policies/delete'
          'Microsoft.ApiManagement/service/apis/operations/policies/write'
          'Microsoft.ApiManagement/service/apis/operations/policies/delete'
          'Microsoft.ApiManagement/service/subscriptions/listSecrets/action'
        ]
        notActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource writer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(apim.id, principalId, policyWriter.id)
  scope: apim
  properties: {
    roleDefinitionId: policyWriter.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

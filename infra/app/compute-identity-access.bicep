// Managed Identity Operator for the app identity on one user-assigned identity that requests give their computes
// (compute.identity.userAssignedIdentities): ARM lets a caller attach a user-assigned identity to a resource only
// with Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action on that identity. Deployed by main.bicep at
// the identity's resource group, in whatever subscription that is.

param identityName string

@description('Principal id of the function app identity.')
param appPrincipalId string

// Built-in role: Managed Identity Operator.
var managedIdentityOperator = 'f1a07417-d97a-45cb-824c-7a7467783830'

resource computeIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource appIdentityOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(computeIdentity.id, appPrincipalId, managedIdentityOperator)
  scope: computeIdentity
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', managedIdentityOperator)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

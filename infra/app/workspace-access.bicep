// AzureML Compute Operator for the app identity on one Azure ML workspace: read, create, update and delete its
// computes (Microsoft.MachineLearningServices/workspaces/computes/*), which is every call the ARM gateway makes.
// Deployed by main.bicep at the workspace's resource group, in whatever subscription that is.

param workspaceName string

@description('Principal id of the function app identity.')
param appPrincipalId string

// Built-in role: AzureML Compute Operator.
var azureMlComputeOperator = 'e503ece1-11d0-4e8e-8e2c-7a6c3bf38815'

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {
  name: workspaceName
}

resource appComputeOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, appPrincipalId, azureMlComputeOperator)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', azureMlComputeOperator)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

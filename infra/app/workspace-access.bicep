// The app identity's roles on one Azure ML workspace, deployed by main.bicep at the workspace's resource group, in
// whatever subscription that is:
// - AzureML Compute Operator: read, create, update and delete its computes
//   (Microsoft.MachineLearningServices/workspaces/computes/*);
// - Reader: Microsoft.MachineLearningServices/workspaces/read, to learn the workspace's region, which every compute
//   PUT carries as its location. Compute Operator's actions are only workspaces/computes/* and
//   workspaces/notebooks/vm/* (Azure built-in roles, AI + machine learning), so it does not cover this read.

param workspaceName string

@description('Principal id of the function app identity.')
param appPrincipalId string

// Built-in role: AzureML Compute Operator.
var azureMlComputeOperator = 'e503ece1-11d0-4e8e-8e2c-7a6c3bf38815'
// Built-in role: Reader.
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

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

resource appReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, appPrincipalId, reader)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The app identity's roles on one Azure ML workspace, deployed by main.bicep at the workspace's resource group, in
// whatever subscription that is:
// - the custom compute lifecycle role (compute-lifecycle-role.bicep, made once per subscription): read, create, update,
//   delete, start, stop and restart its computes, and nothing else of workspaces/computes/*;
// - Reader: Microsoft.MachineLearningServices/workspaces/read, to learn the workspace's region, which every compute
//   PUT carries as its location. The lifecycle role holds only workspaces/computes actions, so it does not cover this
//   read.

param workspaceName string

@description('The deployment environment, which names the custom compute lifecycle role of this subscription.')
param environmentName string

@description('Principal id of the function app identity.')
param appPrincipalId string

// The name compute-lifecycle-role.bicep gives the lifecycle role in this subscription.
var computeLifecycleRoleName = guid(subscription().id, 'aml-compute-provisioner-compute-lifecycle', environmentName)
// Built-in role: Reader.
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource workspace 'Microsoft.MachineLearningServices/workspaces@2024-10-01' existing = {
  name: workspaceName
}

resource appComputeLifecycle 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, appPrincipalId, computeLifecycleRoleName)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', computeLifecycleRoleName)
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

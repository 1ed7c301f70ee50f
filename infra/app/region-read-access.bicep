// The region pre-flight's reads, on one subscription: before a write that allocates nodes the app reads what Azure ML
// publishes for the region of the nodes, GET /subscriptions/{s}/providers/Microsoft.MachineLearningServices/
// locations/{region}/vmSizes, /usages and /quotas. The actions, from "Azure permissions for AI + machine learning"
// (learn.microsoft.com/azure/role-based-access-control/permissions/ai-machine-learning, Microsoft.MachineLearningServices):
// - Microsoft.MachineLearningServices/locations/vmsizes/read ("Get supported vm sizes");
// - Microsoft.MachineLearningServices/locations/usages/read ("Usage report for aml compute resources in a subscription");
// - Microsoft.MachineLearningServices/locations/quotas/read ("Gets the currently assigned Workspace Quotas based on
//   VMFamily").
// They are scoped to the subscription and a location, not to a workspace, so a role on the workspace cannot grant them.
// No built-in role holds them without much more: Reader is */read on the whole subscription, Azure AI Developer adds
// workspaces/*/write and /delete (Azure built-in roles, AI + machine learning). Hence a custom role holding these three
// and nothing else, made once per subscription that holds a target workspace and assignable there only.
targetScope = 'subscription'

@description('The deployment environment: the role belongs to one environment, and role names are unique per tenant.')
param environmentName string

@description('Principal id of the function app identity.')
param appPrincipalId string

var regionReadRoleName = guid(subscription().id, 'aml-compute-provisioner-region-read', environmentName)

resource regionRead 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: regionReadRoleName
  properties: {
    roleName: 'AML Compute Provisioner region reader (${environmentName}, ${subscription().subscriptionId})'
    description: 'Read the VM sizes, core usages and quotas Azure ML publishes per region: Microsoft.MachineLearningServices/locations/vmsizes/read, locations/usages/read and locations/quotas/read, nothing else. Assigned by the AML Compute Provisioner deployment to its app identity for the region pre-flight.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.MachineLearningServices/locations/vmsizes/read'
          'Microsoft.MachineLearningServices/locations/usages/read'
          'Microsoft.MachineLearningServices/locations/quotas/read'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

// At the subscription: the reads are /subscriptions/{s}/providers/Microsoft.MachineLearningServices/locations/...
resource appRegionRead 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, appPrincipalId, regionReadRoleName)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', regionReadRoleName)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
  dependsOn: [
    regionRead
  ]
}

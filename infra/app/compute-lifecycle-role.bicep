// The app identity's rights on the computes of a workspace: a custom role holding exactly the actions the ARM gateway
// uses (arm/ArmPermissions.java; a test keeps the lists equal), from "Azure permissions for AI + machine learning"
// (learn.microsoft.com/azure/role-based-access-control/permissions/ai-machine-learning):
// - workspaces/computes/read, /write, /delete: GET, PUT (create, attach) and PATCH, DELETE (delete, detach);
// - workspaces/computes/start/action, /stop/action, /restart/action: a compute instance's power.
// Creating an instance on someone's behalf (personalComputeInstanceSettings.assignedUser) is a computes/write like any
// create (how-to-assign-roles, "Common scenarios": "Create new compute instance ... /workspaces/computes/write"); the
// rights Azure ML lists for create-on-behalf-of are the assigned user's (start, stop, restart, applicationaccess,
// updateSchedules), not the creator's. AzureML Compute Operator, which this replaces, is workspaces/computes/* and
// workspaces/notebooks/vm/*: it would also let the app read attached computes' secrets (computes/listKeys/action) and
// open the applications of shared instances (computes/applicationaccess/action), neither of which it does.
// Deployed by main.bicep once per subscription that holds a target workspace; assignable in that subscription only.
targetScope = 'subscription'

@description('The deployment environment: the role belongs to one environment, and role names are unique per tenant.')
param environmentName string

// workspace-access.bicep computes the same name to assign the role (a test keeps the two expressions equal).
var computeLifecycleRoleName = guid(subscription().id, 'aml-compute-provisioner-compute-lifecycle', environmentName)

resource computeLifecycle 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: computeLifecycleRoleName
  properties: {
    roleName: 'AML Compute Provisioner compute lifecycle (${environmentName}, ${subscription().subscriptionId})'
    description: 'Read, create, update, delete, start, stop and restart Azure ML computes: Microsoft.MachineLearningServices/workspaces/computes/read, write, delete, start/action, stop/action and restart/action, nothing else. Assigned by the AML Compute Provisioner deployment to its app identity on each target workspace.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.MachineLearningServices/workspaces/computes/read'
          'Microsoft.MachineLearningServices/workspaces/computes/write'
          'Microsoft.MachineLearningServices/workspaces/computes/delete'
          'Microsoft.MachineLearningServices/workspaces/computes/start/action'
          'Microsoft.MachineLearningServices/workspaces/computes/stop/action'
          'Microsoft.MachineLearningServices/workspaces/computes/restart/action'
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

output roleDefinitionId string = computeLifecycle.id

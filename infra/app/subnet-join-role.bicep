// A custom role holding one action, Microsoft.Network/virtualNetworks/subnets/join/action: what ARM checks on a
// subnet when a compute cluster is put into it (without it, 403 LinkedAuthorizationFailed). No built-in role grants
// that action without also granting write on networks: Network Contributor is Microsoft.Network/*
// (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/networking). Deployed by main.bicep
// once per subscription that holds an allowed subnet; assignable in that subscription only.
targetScope = 'subscription'

@description('The deployment environment: the role belongs to one environment, and role names are unique per tenant.')
param environmentName string

// subnet-access.bicep computes the same name to assign the role (a test keeps the two expressions equal).
var subnetJoinRoleName = guid(subscription().id, 'aml-compute-provisioner-subnet-join', environmentName)

resource subnetJoin 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: subnetJoinRoleName
  properties: {
    roleName: 'AML Compute Provisioner subnet join (${environmentName}, ${subscription().subscriptionId})'
    description: 'Join compute clusters to a subnet: Microsoft.Network/virtualNetworks/subnets/join/action and nothing else. Assigned by the AML Compute Provisioner deployment on each allowed subnet.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Network/virtualNetworks/subnets/join/action'
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

output roleDefinitionId string = subnetJoin.id

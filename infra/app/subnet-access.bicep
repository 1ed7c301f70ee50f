// What the app identity needs to put an AmlCompute cluster into one allowed subnet (compute.subnet). Azure Machine
// Learning requires "Microsoft.Network/virtualNetworks/*/read on the virtual network resource" and
// "Microsoft.Network/virtualNetworks/subnets/join/action on the subnet resource"
// (https://learn.microsoft.com/azure/machine-learning/how-to-assign-roles#troubleshooting):
//   - the custom join role (subnet-join-role.bicep) on the subnet only, so no other subnet of the network can be
//     joined;
//   - Reader on the virtual network, the built-in role that carries its reads (*/read) and nothing that changes it.
// Deployed by main.bicep at the network's resource group, in whatever subscription that is.

@description('ARM id of the subnet: /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}.')
param subnetId string

@description('The deployment environment, which names the custom join role of this subscription.')
param environmentName string

@description('Principal id of the function app identity.')
param appPrincipalId string

// Built-in role: Reader.
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
// The name subnet-join-role.bicep gives the join role in this subscription.
var subnetJoinRoleName = guid(subscription().id, 'aml-compute-provisioner-subnet-join', environmentName)

var segments = split(subnetId, '/')

resource virtualNetwork 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: segments[8]
}

resource subnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: virtualNetwork
  name: segments[10]
}

resource appSubnetJoin 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subnet.id, appPrincipalId, subnetJoinRoleName)
  scope: subnet
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', subnetJoinRoleName)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appNetworkReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(virtualNetwork.id, appPrincipalId, reader)
  scope: virtualNetwork
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

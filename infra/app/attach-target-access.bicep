// Reader for the app identity on one existing resource that attach requests point at, so the attach can read the
// resource it references. Deployed by main.bicep at the target's resource group, in whatever subscription that is.
// Bicep needs a resource type to scope a role assignment to, so each kind an attach accepts
// (io.amlcompute.provisioner.contract.AttachTarget) has its own `existing` reference, and only the assignment
// whose type matches the id is deployed. An id of any other type gets nothing (the request would be rejected anyway).

@description('ARM id of the attach target.')
param targetResourceId string

@description('Principal id of the function app identity.')
param appPrincipalId string

// Built-in role: Reader.
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

// /subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{childType}/{childName}]
var segments = split(targetResourceId, '/')
var resourceType = toLower(length(segments) > 10 ? '${segments[6]}/${segments[7]}/${segments[9]}' : '${segments[6]}/${segments[7]}')
var resourceName = segments[8]
var childName = length(segments) > 10 ? segments[10] : 'none'

resource databricks 'Microsoft.Databricks/workspaces@2024-05-01' existing = {
  name: resourceName
}

resource hdInsight 'Microsoft.HDInsight/clusters@2021-06-01' existing = {
  name: resourceName
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: resourceName
}

resource arcKubernetes 'Microsoft.Kubernetes/connectedClusters@2024-01-01' existing = {
  name: resourceName
}

resource synapseWorkspace 'Microsoft.Synapse/workspaces@2021-06-01' existing = {
  name: resourceName
}

resource synapseSparkPool 'Microsoft.Synapse/workspaces/bigDataPools@2021-06-01' existing = {
  parent: synapseWorkspace
  name: childName
}

resource virtualMachine 'Microsoft.Compute/virtualMachines@2024-07-01' existing = {
  name: resourceName
}

resource databricksReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (resourceType == 'microsoft.databricks/workspaces') {
  name: guid(databricks.id, appPrincipalId, reader)
  scope: databricks
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource hdInsightReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (resourceType == 'microsoft.hdinsight/clusters') {
  name: guid(hdInsight.id, appPrincipalId, reader)
  scope: hdInsight
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource aksReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (resourceType == 'microsoft.containerservice/managedclusters') {
  name: guid(aks.id, appPrincipalId, reader)
  scope: aks
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource arcKubernetesReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (resourceType == 'microsoft.kubernetes/connectedclusters') {
  name: guid(arcKubernetes.id, appPrincipalId, reader)
  scope: arcKubernetes
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource synapseSparkPoolReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (resourceType == 'microsoft.synapse/workspaces/bigdatapools') {
  name: guid(synapseSparkPool.id, appPrincipalId, reader)
  scope: synapseSparkPool
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource virtualMachineReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (resourceType == 'microsoft.compute/virtualmachines') {
  name: guid(virtualMachine.id, appPrincipalId, reader)
  scope: virtualMachine
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The Durable Task Scheduler backend (durableBackend = 'scheduler'): a scheduler, the app's task hub in it, and
// Durable Task Data Contributor for the app identity on that task hub only. Deployed by main.bicep; the storage
// provider itself is switched by app settings there (docs/decisions/0005-durable-task-scheduler.md).
//
// Resource types, api-version and properties: Microsoft.DurableTask 2025-11-01 (Azure/bicep-types-az,
// generated/durabletask/microsoft.durabletask/2025-11-01/types.md), as Azure-Samples/Durable-Task-Scheduler
// deploys them (samples/durable-functions/dotnet/HelloCities/infra/app/dts.bicep, commit c17a179e).

param name string
param location string
param tags object

@description('Name of the task hub: letters, digits and hyphens, 3 to 64 characters.')
param taskHubName string

@allowed([
  'Consumption'
  'Dedicated'
])
@description('Consumption: pay per action, up to 500 actions/s. Dedicated: capacity units of up to 2,000 actions/s each, billed monthly.')
param skuName string

@minValue(1)
@maxValue(3)
@description('Capacity units of the Dedicated SKU (three for high availability); ignored by Consumption.')
param capacity int

// Required by the resource provider, and an empty list refuses every caller (Azure-Samples and Microsoft's
// Bicep guidance both warn of it); main.bicep refuses an empty list before it gets here.
@minLength(1)
@description('IPv4/IPv6 addresses or CIDR ranges allowed to reach the scheduler.')
param ipAllowlist array

@description('Principal id of the function app identity.')
param appPrincipalId string

// Built-in role: Durable Task Data Contributor (all data operations on the task hub: what a Durable Functions app
// needs as worker and as client). https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-identity
var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    ipAllowlist: ipAllowlist
    // capacity is meaningful for Dedicated only; Azure-Samples leaves it out for Consumption.
    sku: skuName == 'Dedicated' ? {
      name: skuName
      capacity: capacity
    } : {
      name: skuName
    }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

// On the task hub, not the scheduler: a scheduler-wide assignment would reach every other task hub in it
// (Microsoft: "Granting access on the scheduler scope gives access to all task hubs in that scheduler").
resource appTaskHubContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(taskHub.id, appPrincipalId, durableTaskDataContributor)
  scope: taskHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// https://<scheduler>.<region>.durabletask.io: the Endpoint of the connection string.
output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
output dashboardUrl string = taskHub.properties.dashboardUrl
output taskHubId string = taskHub.id

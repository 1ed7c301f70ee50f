// The function app on Flex Consumption (Linux, Java 17), running as the user-assigned identity. Flex takes the
// runtime and the deployment package location from functionAppConfig, not from app settings: FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE are not set (Flex rejects them).

param name string
param planName string
param location string
param tags object

@description('The service name in azure.yaml; azd deploys to the app carrying this azd-service-name tag.')
param serviceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('https://<account>.blob.core.windows.net/<container>: where Flex Consumption keeps the app package.')
param deploymentContainerUrl string

@description('Every app setting (built in main.bicep, where a test checks them against the code).')
param appSettings object

param maximumInstanceCount int
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          // The package is read as the identity (Storage Blob Data Owner on the account): no storage key.
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        // Durable Functions on Flex: one always-ready instance for the orchestrator and activity triggers (the
        // "durable" group), so durable timers and queued work are picked up without waiting for a cold start.
        // host.json keeps maxQueuePollingInterval at 10 seconds for the same reason.
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: 1
          }
        ]
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
  }
}

resource functionAppSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: appSettings
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName

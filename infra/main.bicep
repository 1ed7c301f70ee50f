// AML Compute Provisioner: everything the function app needs in Azure, identity-based end to end.
//
// Subscription scope, as the azd templates for Java Functions use it: one deployment creates the resource group
// (rg-<environment>) and everything in it, and can reach the target Azure ML workspaces and attach targets in
// their own resource groups (and subscriptions) through modules scoped there. `azd up` and
// `az deployment sub create` deploy this file unchanged; see docs/deploy.md.
targetScope = 'subscription'

// ---------------------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd: AZURE_ENV_NAME). Feeds the resource group name and the unique token in every resource name.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer Flex Consumption: az functionapp list-flexconsumption-locations -o table.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group to create or reuse; empty means rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of a person or CI principal that should be able to send requests and read replies and events right away (azd: AZURE_PRINCIPAL_ID, the signed-in user). Empty grants nobody.')
param principalId string = ''

// ---------------------------------------------------------------------------------------------------------------
// Service Bus entities. The defaults are io.amlcompute.provisioner.config.EntityNames; a test keeps them equal.
// ---------------------------------------------------------------------------------------------------------------

@description('Queue producers put compute requests on (app setting COMPUTE_REQUESTS_QUEUE).')
param requestsQueueName string = 'compute-requests'

@description('Topic every completion event is published to (app setting COMPUTE_EVENTS_TOPIC).')
param eventsTopicName string = 'compute-events'

@description('Subscription of the events topic that receives every event.')
param allEventsSubscriptionName string = 'all-events'

@description('Example filtered subscription: only io.amlcompute.compute.failed events.')
param failedEventsSubscriptionName string = 'compute-failed'

@description('Session-enabled queue for request-reply answers (app setting COMPUTE_REPLIES_QUEUE).')
param repliesQueueName string = 'compute-replies'

@description('How long the requests queue remembers MessageIds to drop resent requests (ISO-8601, 20 seconds to 7 days).')
param duplicateDetectionWindow string = 'PT10M'

@description('How long the events topic and the replies queue remember event ids (ISO-8601). It must outlast the app\'s publish retries (about 36 minutes, ADR 0004), or a retried publish could deliver an event twice.')
param eventsDuplicateDetectionWindow string = 'PT1H'

// ---------------------------------------------------------------------------------------------------------------
// What the provisioner may touch: workspaces, attach targets, and the request policy (POLICY_* app settings).
// ---------------------------------------------------------------------------------------------------------------

@description('ARM ids of the Azure ML workspaces requests may address (/subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<name>). They become POLICY_ALLOWED_WORKSPACES and, unless assignWorkspaceRoles is false, each gets the custom compute lifecycle role (computes read, write, delete, start, stop, restart) and Reader for the app identity. They may live in other resource groups and subscriptions.')
param computeWorkspaceIds array = []

@description('Make the custom compute lifecycle role in each subscription of computeWorkspaceIds and assign it, with Reader, on each workspace. Set false when someone else grants them (making roles and assigning them needs Owner or User Access Administrator).')
param assignWorkspaceRoles bool = true

@description('ARM ids of existing resources that attach requests point at (Databricks workspaces, HDInsight clusters, AKS or Arc clusters, Synapse Spark pools, VMs). Each gets Reader for the app identity.')
param attachTargetIds array = []

@description('ARM ids of the user-assigned identities requests may give their computes (compute.identity); the app identity gets Managed Identity Operator on each, which ARM requires to assign them.')
param computeIdentityIds array = []

@description('ARM ids of the subnets AmlCompute clusters may join (compute.subnet): /subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>. They become POLICY_ALLOWED_SUBNETS (a request naming any other subnet is rejected), and the app identity gets a custom role holding only the join action on each subnet, and Reader on its virtual network. Empty: requests may not name a subnet.')
param allowedSubnetIds array = []

@description('Glob patterns of VM sizes requests may ask for (POLICY_ALLOWED_VM_SIZES), case-insensitive.')
param allowedVmSizes array = [
  'Standard_D*'
  'Standard_E*'
  'Standard_NC*'
]

@minValue(1)
@description('Largest maxNodes a request may ask for (POLICY_MAX_NODES_PER_CLUSTER).')
param maxNodesPerCluster int = 20

@description('VM priorities requests may ask for (POLICY_ALLOWED_PRIORITIES).')
param allowedPriorities array = [
  'Dedicated'
  'LowPriority'
]

@description('Glob patterns of Key Vault host names secret references may point into (POLICY_ALLOWED_SECRET_STORES). Empty means the vault this deployment creates.')
param allowedSecretStores array = []

@description('Glob patterns of VM sizes compute instances may have (POLICY_ALLOWED_INSTANCE_VM_SIZES), case-insensitive.')
param allowedInstanceVmSizes array = [
  'Standard_D*'
  'Standard_E*'
]

@description('Whether compute instances may have a public IP (POLICY_ALLOW_INSTANCE_PUBLIC_IP). Without one the workspace needs private link.')
param allowInstancePublicIp bool = true

@description('Whether compute instances may open public SSH (POLICY_ALLOW_INSTANCE_SSH). Azure ML keeps it closed by default.')
param allowInstanceSsh bool = false

@description('Longest idle time before Azure ML stops a compute instance (POLICY_MAX_INSTANCE_IDLE_TIME, ISO-8601, PT15M to P3D): no instance runs unwatched.')
param maxInstanceIdleTime string = 'PT4H'

@description('Longest options.timeout a request may ask for (POLICY_MAX_TIMEOUT, ISO-8601).')
param maxTimeout string = 'P1D'

@description('Deadline for requests without options.timeout (DEFAULT_TIMEOUT, ISO-8601).')
param defaultTimeout string = 'PT30M'

@description('Longest a lease may hold a compute from now: options.lease.duration, and the expiry a renewal reaches (POLICY_MAX_LEASE, ISO-8601).')
param maxLease string = 'P7D'

@description('How long before a lease ends its lease.expiring event is published (LEASE_WARNING, ISO-8601).')
param leaseWarning string = 'PT15M'

@description('Largest request body accepted (MAX_REQUEST_BYTES). Service Bus Standard takes 262144 bytes per message, properties included; 256000 leaves room for them.')
param maxRequestBytes int = 256000

@description('Make every request\'s region pre-flight enforce, whatever its options.preflight says (PREFLIGHT_FORCE_ENFORCE): no write without the VM size offered and the cores available.')
param preflightForceEnforce bool = false

@description('How long the pre-flight uses what it read for a subscription and region (VM sizes, usages, quotas) before it reads again (PREFLIGHT_CACHE_TTL, ISO-8601). Each read costs ARM read budget.')
param preflightCacheTtl string = 'PT1M'

@description('NCRONTAB schedule (UTC, with seconds) on which AnswerUndeliverableRequests answers dead-lettered requests whose body is not text.')
param undeliverableRequestsSchedule string = '0 */5 * * * *'

@description('api-version the ARM gateway uses for Microsoft.MachineLearningServices/workspaces/computes (ARM_API_VERSION).')
param armApiVersion string = '2025-12-01'

// ---------------------------------------------------------------------------------------------------------------
// Hosting
// ---------------------------------------------------------------------------------------------------------------

@description('Upper bound of Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
@description('Memory per Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

// ---------------------------------------------------------------------------------------------------------------
// Durable Functions backend (docs/decisions/0005-durable-task-scheduler.md)
// ---------------------------------------------------------------------------------------------------------------

@allowed([
  'azureStorage'
  'scheduler'
])
@description('Where orchestrations run (azd: DURABLE_BACKEND). azureStorage: the task hub in the host storage account, the default. scheduler: a Durable Task Scheduler and task hub made here, for large fleets (about 5x the work-item throughput, docs/benchmarks.md). Switching drops the orchestrations in flight in the old backend: drain first (docs/deploy.md).')
param durableBackend string = 'azureStorage'

@allowed([
  'Consumption'
  'Dedicated'
])
@description('Durable Task Scheduler SKU when durableBackend is scheduler (azd: DURABLE_TASK_SCHEDULER_SKU). Consumption: pay per action, up to 500 actions/s. Dedicated: capacity units of up to 2,000 actions/s each.')
param durableTaskSchedulerSku string = 'Consumption'

@minValue(1)
@maxValue(3)
@description('Capacity units of a Dedicated scheduler (3 for high availability).')
param durableTaskSchedulerCapacity int = 1

// Flex Consumption has no fixed outbound addresses unless it is integrated with a virtual network behind a NAT
// gateway, so the default lets every IPv4 address reach the endpoint; every call still needs an Entra ID token of an
// identity holding a Durable Task role on the task hub. Narrow it to the NAT gateway's address where there is one.
// An empty list would refuse every caller, the app included.
@minLength(1)
@description('Addresses or CIDR ranges allowed to reach the Durable Task Scheduler.')
param durableTaskSchedulerIpAllowlist array = [
  '0.0.0.0/0'
]

// ---------------------------------------------------------------------------------------------------------------
// Operations: the workbook and the alerts (docs/deploy.md, Monitoring)
// ---------------------------------------------------------------------------------------------------------------

@description('Email addresses the alerts notify (azd: ALERT_EMAIL_ADDRESSES). Empty: the alerts still fire and show in the portal.')
param alertEmailAddresses array = []

@minValue(0)
@description('Failed or timed-out requests in 15 minutes above which the failures alert fires.')
param failedRequestsAlertThreshold int = 5

@minValue(0)
@description('Exceptions of the app\'s functions in 15 minutes above which the exceptions alert fires.')
param appExceptionsAlertThreshold int = 5

@minValue(1)
@description('Minutes after its start that a request without a completion event counts as stuck (alert and workbook). Keep it above maxTimeout plus a margin: the default is P1D + 1 hour.')
param stuckRequestAfterMinutes int = 1500

@description('Key Vault purge protection. Irreversible once on; leave off for environments you tear down with azd down --purge.')
param keyVaultPurgeProtection bool = false

@minValue(7)
@maxValue(90)
@description('Days a deleted vault or secret stays recoverable.')
param keyVaultSoftDeleteRetentionDays int = 7

// ---------------------------------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// The host names of a vault in this cloud, e.g. kv-abc.vault.azure.net (environment() covers sovereign clouds).
var keyVaultName = 'kv-${resourceToken}'
var keyVaultHost = '${keyVaultName}${environment().suffixes.keyvaultDns}'
// ARM endpoint of this cloud without the trailing slash, as the ARM gateway joins paths to it.
var armEndpoint = endsWith(environment().resourceManager, '/') ? substring(environment().resourceManager, 0, length(environment().resourceManager) - 1) : environment().resourceManager
// POLICY_ALLOWED_WORKSPACES speaks subscriptionId/resourceGroup/workspaceName; derive it from the same ids the
// role assignments use, so the allow-list and the permissions cannot drift apart.
var serviceBusName = 'sb-${resourceToken}'
var allowedWorkspaceKeys = map(computeWorkspaceIds, id => '${split(id, '/')[2]}/${split(id, '/')[4]}/${last(split(id, '/'))}')
var useDurableTaskScheduler = durableBackend == 'scheduler'
// Each subscription holding a target workspace gets the custom compute lifecycle role and the region reader role once
// (union() drops duplicates).
var workspaceSubscriptionIds = union(map(computeWorkspaceIds, id => split(id, '/')[2]), [])
// Each subscription holding an allowed subnet gets the custom join role once (union() drops duplicates).
var subnetSubscriptionIds = union(map(allowedSubnetIds, id => split(id, '/')[2]), [])
// host.json's extensions.durableTask.hubName, which the Azure Storage backend uses as it is; the scheduler's task hub
// gets the same name (a test keeps the two equal).
var durableTaskHubName = 'AmlComputeProvisioner'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-provisioner-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
    appPrincipalId: identity.outputs.principalId
    durableUsesStorage: !useDurableTaskScheduler
  }
}

module durableTaskScheduler 'app/durable-task-scheduler.bicep' = if (useDurableTaskScheduler) {
  name: 'durable-task-scheduler'
  scope: rg
  params: {
    name: 'dts-${resourceToken}'
    location: location
    tags: tags
    taskHubName: durableTaskHubName
    skuName: durableTaskSchedulerSku
    capacity: durableTaskSchedulerCapacity
    ipAllowlist: durableTaskSchedulerIpAllowlist
    appPrincipalId: identity.outputs.principalId
  }
}

module serviceBus 'app/service-bus.bicep' = {
  name: 'service-bus'
  scope: rg
  params: {
    name: serviceBusName
    location: location
    tags: tags
    requestsQueueName: requestsQueueName
    eventsTopicName: eventsTopicName
    allEventsSubscriptionName: allEventsSubscriptionName
    failedEventsSubscriptionName: failedEventsSubscriptionName
    repliesQueueName: repliesQueueName
    duplicateDetectionWindow: duplicateDetectionWindow
    eventsDuplicateDetectionWindow: eventsDuplicateDetectionWindow
    appPrincipalId: identity.outputs.principalId
    senderPrincipalId: principalId
  }
}

module keyVault 'app/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionDays
    appPrincipalId: identity.outputs.principalId
  }
}

// Every app setting the code reads whose scope is EVERYWHERE or AZURE (io.amlcompute.provisioner.config.Setting),
// plus the host's own. No connection string with a key and no account key: each connection is the user-assigned
// identity (…__credential=managedidentity, …__clientId). A test checks this block against Setting.
var appSettings = {
  // Functions host storage (Durable Functions task hub, leases, function keys), identity-based.
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  // Telemetry. The connection string names the component (its key alone cannot ingest: local auth is off);
  // the authentication string makes the host send with Entra ID as the identity.
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  // Service Bus: the trigger (connection = "ServiceBusConnection") and the publisher read the same three settings.
  ServiceBusConnection__fullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identity.outputs.clientId
  COMPUTE_REQUESTS_QUEUE: requestsQueueName
  COMPUTE_EVENTS_TOPIC: eventsTopicName
  COMPUTE_REPLIES_QUEUE: repliesQueueName
  // ARM and Key Vault through DefaultAzureCredential as the user-assigned identity.
  AZURE_CLIENT_ID: identity.outputs.clientId
  ARM_ENDPOINT: armEndpoint
  ARM_API_VERSION: armApiVersion
  ARM_AUTH: 'managedidentity'
  // Request policy.
  POLICY_ALLOWED_WORKSPACES: join(allowedWorkspaceKeys, ',')
  POLICY_ALLOWED_VM_SIZES: join(allowedVmSizes, ',')
  POLICY_MAX_NODES_PER_CLUSTER: string(maxNodesPerCluster)
  POLICY_ALLOWED_PRIORITIES: join(allowedPriorities, ',')
  POLICY_ALLOWED_SECRET_STORES: empty(allowedSecretStores) ? keyVaultHost : join(allowedSecretStores, ',')
  POLICY_ALLOWED_SUBNETS: join(allowedSubnetIds, ',')
  POLICY_MAX_TIMEOUT: maxTimeout
  POLICY_ALLOWED_INSTANCE_VM_SIZES: join(allowedInstanceVmSizes, ',')
  POLICY_ALLOW_INSTANCE_PUBLIC_IP: allowInstancePublicIp ? 'true' : 'false'
  POLICY_ALLOW_INSTANCE_SSH: allowInstanceSsh ? 'true' : 'false'
  POLICY_MAX_INSTANCE_IDLE_TIME: maxInstanceIdleTime
  DEFAULT_TIMEOUT: defaultTimeout
  POLICY_MAX_LEASE: maxLease
  LEASE_WARNING: leaseWarning
  MAX_REQUEST_BYTES: string(maxRequestBytes)
  // Region pre-flight before writes that allocate nodes.
  PREFLIGHT_FORCE_ENFORCE: preflightForceEnforce ? 'true' : 'false'
  PREFLIGHT_CACHE_TTL: preflightCacheTtl
  UNDELIVERABLE_REQUESTS_SCHEDULE: undeliverableRequestsSchedule
}

// The Durable Task Scheduler backend: app settings of the form AzureFunctionsJobHost__path__to__setting override
// host.json (https://learn.microsoft.com/azure/azure-functions/functions-host-json#override-hostjson-values), so
// host.json keeps the Azure Storage default and one deployment parameter switches the provider without touching the
// package. The connection string holds no secret: the app authenticates as its identity (ClientID)
// (https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-identity). A test checks both
// backends' settings.
var durableBackendSettings = useDurableTaskScheduler ? {
  DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableTaskScheduler.outputs.endpoint};Authentication=ManagedIdentity;ClientID=${identity.outputs.clientId}'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: 'azureManaged'
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
  AzureFunctionsJobHost__extensions__durableTask__hubName: durableTaskScheduler.outputs.taskHubName
} : {}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'provisioner'
    identityId: identity.outputs.id
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${storage.outputs.deploymentContainerName}'
    appSettings: union(appSettings, durableBackendSettings)
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The host starts with these settings: let the identity's data-plane roles exist first.
  dependsOn: [
    monitoring
    serviceBus
    keyVault
  ]
}

// The custom role holding exactly the compute actions the app uses (read, write, delete, start, stop, restart), made
// in each subscription that holds a target workspace; then, per workspace, that role and Reader, in the workspace's
// own resource group and subscription. Making and assigning roles needs Owner or User Access Administrator there.
module computeLifecycleRoles 'app/compute-lifecycle-role.bicep' = [for subscriptionId in workspaceSubscriptionIds: if (assignWorkspaceRoles) {
  name: 'compute-lifecycle-role-${uniqueString(subscriptionId, environmentName)}'
  scope: subscription(subscriptionId)
  params: {
    environmentName: environmentName
  }
}]

module workspaceAccess 'app/workspace-access.bicep' = [for workspaceId in computeWorkspaceIds: if (assignWorkspaceRoles) {
  name: 'workspace-access-${uniqueString(workspaceId)}'
  scope: resourceGroup(split(workspaceId, '/')[2], split(workspaceId, '/')[4])
  params: {
    workspaceName: last(split(workspaceId, '/'))
    environmentName: environmentName
    appPrincipalId: identity.outputs.principalId
  }
  dependsOn: [
    computeLifecycleRoles
  ]
}]

// The region pre-flight reads what Azure ML publishes per subscription and region (locations/{region}/vmSizes, usages,
// quotas): a custom role holding just those three reads, made and assigned to the app identity on each subscription
// that holds a target workspace. Like the workspace roles, it needs Owner or User Access Administrator there.
module regionReadAccess 'app/region-read-access.bicep' = [for subscriptionId in workspaceSubscriptionIds: if (assignWorkspaceRoles) {
  name: 'region-read-access-${uniqueString(subscriptionId, environmentName)}'
  scope: subscription(subscriptionId)
  params: {
    environmentName: environmentName
    appPrincipalId: identity.outputs.principalId
  }
}]

// Reader on each attach target, in the target's own resource group and subscription.
module attachTargetAccess 'app/attach-target-access.bicep' = [for targetId in attachTargetIds: {
  name: 'attach-target-access-${uniqueString(targetId)}'
  scope: resourceGroup(split(targetId, '/')[2], split(targetId, '/')[4])
  params: {
    targetResourceId: targetId
    appPrincipalId: identity.outputs.principalId
  }
}]

// Managed Identity Operator on each user-assigned identity that computes may run as, in its own resource group.
module computeIdentityAccess 'app/compute-identity-access.bicep' = [for computeIdentityId in computeIdentityIds: {
  name: 'compute-identity-access-${uniqueString(computeIdentityId)}'
  scope: resourceGroup(split(computeIdentityId, '/')[2], split(computeIdentityId, '/')[4])
  params: {
    identityName: last(split(computeIdentityId, '/'))
    appPrincipalId: identity.outputs.principalId
  }
}]

// The custom role that holds only Microsoft.Network/virtualNetworks/subnets/join/action, in each subscription that
// holds an allowed subnet; then, per subnet, that role on the subnet and Reader on its network, in the network's own
// resource group. The same parameter feeds POLICY_ALLOWED_SUBNETS, so the allow-list and the rights cannot drift.
module subnetJoinRoles 'app/subnet-join-role.bicep' = [for subscriptionId in subnetSubscriptionIds: {
  name: 'subnet-join-role-${uniqueString(subscriptionId, environmentName)}'
  scope: subscription(subscriptionId)
  params: {
    environmentName: environmentName
  }
}]

module subnetAccess 'app/subnet-access.bicep' = [for subnetId in allowedSubnetIds: {
  name: 'subnet-access-${uniqueString(subnetId)}'
  scope: resourceGroup(split(subnetId, '/')[2], split(subnetId, '/')[4])
  params: {
    subnetId: subnetId
    environmentName: environmentName
    appPrincipalId: identity.outputs.principalId
  }
  dependsOn: [
    subnetJoinRoles
  ]
}]

// The operations workbook and the alerts, on the component the app's telemetry goes to and on the namespace.
var serviceBusNamespaceId = resourceId(subscription().subscriptionId, rg.name, 'Microsoft.ServiceBus/namespaces', serviceBusName)

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    serviceBusNamespaceId: serviceBusNamespaceId
    requestsQueueName: requestsQueueName
    overdueAfter: '${stuckRequestAfterMinutes}m'
  }
  dependsOn: [
    serviceBus
  ]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    namePrefix: resourceToken
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    serviceBusNamespaceId: serviceBusNamespaceId
    requestsQueueName: requestsQueueName
    alertEmailAddresses: alertEmailAddresses
    failedRequestsThreshold: failedRequestsAlertThreshold
    stuckAfterMinutes: stuckRequestAfterMinutes
    appExceptionsThreshold: appExceptionsAlertThreshold
  }
  dependsOn: [
    serviceBus
  ]
}

// Read by azd into .azure/<env>/.env, and by docs/deploy.md.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output KEY_VAULT_URI string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output APP_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APP_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output DURABLE_BACKEND string = durableBackend
output WORKBOOK_ID string = workbook.outputs.id
// The task hub's dashboard (people need a Durable Task role on the task hub to open it; docs/deploy.md).
output DURABLE_TASK_SCHEDULER_DASHBOARD_URL string = useDurableTaskScheduler ? durableTaskScheduler.outputs.dashboardUrl : ''

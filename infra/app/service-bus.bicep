// Service Bus: the requests queue the trigger listens on, the events topic every completion event goes to (with a
// catch-all and a filtered subscription), and the session-enabled replies queue for request-reply. Standard tier:
// topics, sessions and duplicate detection. Local (SAS) auth is off: every client is an Entra ID identity.

param name string
param location string
param tags object

param requestsQueueName string
param eventsTopicName string
param allEventsSubscriptionName string
param failedEventsSubscriptionName string
param repliesQueueName string

@description('How long the requests queue remembers MessageIds to drop duplicates (ISO-8601).')
param duplicateDetectionWindow string

@description('How long the events topic and the replies queue remember event ids: longer than the app\'s publish retries.')
param eventsDuplicateDetectionWindow string

@description('Principal id of the function app identity.')
param appPrincipalId string

@description('Object id of a person or CI principal that sends requests and reads replies and events; empty for none.')
param senderPrincipalId string = ''

// Built-in roles.
var serviceBusDataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource requestsQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: requestsQueueName
  properties: {
    // The Functions host renews the lock while SubmitComputeRequest runs, for up to maxAutoLockRenewalDuration
    // (host.json: 5 minutes). A 5-minute lock is the longest Service Bus allows; with the renewals a message stays
    // locked for about lock + renewal = 10 minutes = functionTimeout, so a running invocation never loses its
    // message to another instance. The price: a message whose instance died comes back only when its lock expires
    // (at most 5 minutes later), which the idempotent intake (instance id from requestId) absorbs.
    lockDuration: 'PT5M'
    // After 10 abandoned deliveries (the function threw: a transient failure) Service Bus dead-letters the message
    // with MaxDeliveryCountExceeded.
    maxDeliveryCount: 10
    // A producer's retry with the same MessageId within the window is dropped before the function sees it.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    // A request nobody processed within its time to live is kept for inspection, not silently dropped.
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresSession: false
  }
}

resource eventsTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: eventsTopicName
  properties: {
    // Event ids are deterministic: a publish repeated by an activity retry is dropped here, for as long as the
    // retries last (the window outlasts them).
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: eventsDuplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
  }
}

resource allEventsSubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: eventsTopic
  name: allEventsSubscriptionName
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
  }
}

// An example of a filtered subscription: only failures. Consumers add their own the same way (docs/deploy.md).
resource failedEventsSubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: eventsTopic
  name: failedEventsSubscriptionName
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
  }
}

resource failedEventsOnly 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: failedEventsSubscription
  // Named $Default to replace the match-all rule every new subscription starts with: a rule of another name would
  // sit beside it, and as rules are OR-ed, every event would still arrive.
  name: '$Default'
  properties: {
    filterType: 'CorrelationFilter'
    correlationFilter: {
      // The publisher sets Subject (ARM: label) to the CloudEvents type; eventType carries the same value as an
      // application property for SQL filters.
      label: 'io.amlcompute.compute.failed'
    }
  }
}

resource repliesQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: repliesQueueName
  properties: {
    // Replies carry SessionId = the session the request named; a waiting sender accepts just its own session.
    requiresSession: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: eventsDuplicateDetectionWindow
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    // A reply nobody waited for expires after a day and is dropped: the same event stays on the topic.
    defaultMessageTimeToLive: 'P1D'
    deadLetteringOnMessageExpiration: false
  }
}

// The app identity, each role on the one entity that needs it.

resource appRequestsReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(requestsQueue.id, appPrincipalId, serviceBusDataReceiver)
  scope: requestsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataReceiver)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appEventsSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventsTopic.id, appPrincipalId, serviceBusDataSender)
  scope: eventsTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appRepliesSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(repliesQueue.id, appPrincipalId, serviceBusDataSender)
  scope: repliesQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The sender (computectl send --wait, watch): send requests, read replies and all events.

resource senderRequestsSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(senderPrincipalId)) {
  name: guid(requestsQueue.id, senderPrincipalId, serviceBusDataSender)
  scope: requestsQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: senderPrincipalId
  }
}

resource senderRepliesReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(senderPrincipalId)) {
  name: guid(repliesQueue.id, senderPrincipalId, serviceBusDataReceiver)
  scope: repliesQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataReceiver)
    principalId: senderPrincipalId
  }
}

resource senderAllEventsReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(senderPrincipalId)) {
  name: guid(allEventsSubscription.id, senderPrincipalId, serviceBusDataReceiver)
  scope: allEventsSubscription
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataReceiver)
    principalId: senderPrincipalId
  }
}

output name string = namespace.name
// <name>.servicebus.windows.net (or the sovereign cloud's suffix), from https://<host>:443/.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

// Alerts on what goes wrong in operation, and the action group that tells people. Log alerts run the queries in
// queries/ against the Application Insights component (Microsoft.Insights/scheduledQueryRules@2023-12-01); the
// dead-letter alert watches the Service Bus metric (Microsoft.Insights/metricAlerts@2018-03-01). A test checks each
// query's names against what the app writes. docs/deploy.md lists them.

param location string
param tags object
param namePrefix string

@description('Resource id of the Application Insights component the log alerts query.')
param applicationInsightsId string

@description('Resource id of the Service Bus namespace.')
param serviceBusNamespaceId string

@description('The requests queue: any message in its dead-letter queue alerts.')
param requestsQueueName string

@description('Email addresses the alerts go to. Empty: the alerts still fire and show in the portal, but notify nobody.')
param alertEmailAddresses array

@minValue(0)
@description('Failed or timed-out requests in 15 minutes above which the failures alert fires.')
param failedRequestsThreshold int

@minValue(1)
@description('Minutes after its start that a request still without a completion event is stuck: the longest timeout the policy allows plus a margin.')
param stuckAfterMinutes int

@minValue(0)
@description('Exceptions of the app\'s functions in 15 minutes above which the exceptions alert fires (transient failures are retried, so a few are normal).')
param appExceptionsThreshold int

var notify = !empty(alertEmailAddresses)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (notify) {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    // At most 12 characters (shown in SMS and email subjects).
    groupShortName: 'amlprov'
    enabled: true
    emailReceivers: [for (address, i) in alertEmailAddresses: {
      name: 'email-${i}'
      emailAddress: address
      useCommonAlertSchema: true
    }]
  }
}

var actions = notify ? [
  actionGroup.id
] : []

resource failedRequests 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-failed-requests-${namePrefix}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'AML Compute Provisioner: failed or timed-out requests'
    description: 'More than the threshold of requests ended failed or timed out in 15 minutes.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: loadTextContent('queries/failed-requests.kql')
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: failedRequestsThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actions
    }
  }
}

resource stuckRequests 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-stuck-requests-${namePrefix}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'AML Compute Provisioner: request past its deadline'
    description: 'A request started longer ago than the longest timeout plus a margin has no completion event.'
    severity: 1
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    // The query looks back further than the window: a stuck request started more than a day ago.
    overrideQueryTimeRange: 'P2D'
    criteria: {
      allOf: [
        {
          query: replace(loadTextContent('queries/stuck-requests.kql'), '__STUCK_AFTER__', '${stuckAfterMinutes}m')
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actions
    }
  }
}

resource publishFailures 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-publish-failures-${namePrefix}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'AML Compute Provisioner: completion events not published'
    description: 'PublishCompletion failed in the last 15 minutes: events are being retried, and a request whose publish keeps failing ends without one.'
    severity: 1
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: loadTextContent('queries/publish-failures.kql')
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actions
    }
  }
}

resource appExceptions 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-app-exceptions-${namePrefix}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'AML Compute Provisioner: exceptions in the app'
    description: 'The app\'s functions threw more exceptions than the threshold in 15 minutes.'
    severity: 3
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: loadTextContent('queries/app-exceptions.kql')
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: appExceptionsThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actions
    }
  }
}

// Service Bus metric DeadletteredMessages (count of messages in an entity's dead-letter queue, dimension EntityName):
// https://learn.microsoft.com/azure/service-bus-messaging/monitor-service-bus-reference
resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-dead-letters-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    description: 'A message is in the dead-letter queue of the requests queue: a request failed ten times, or expired unprocessed.'
    severity: 1
    enabled: true
    scopes: [
      serviceBusNamespaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered-requests'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                requestsQueueName
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    autoMitigate: true
    actions: [for id in actions: {
      actionGroupId: id
    }]
  }
}

output actionGroupId string = notify ? actionGroup.id : ''

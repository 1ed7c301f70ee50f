// The operations workbook: is compute provisioning healthy, and why did a request take as long as it did. Every query
// is a file in queries/ and reads only what the app writes (the event= lines of io.amlcompute.provisioner.functions
// .RequestLogEvent), the Functions host's request and Durable tracking telemetry, and Service Bus metrics; a test
// checks each name. docs/deploy.md describes each tile.
// Workbook schema: Notebook/1.0 (Microsoft.Insights/workbooks@2023-06-01, Azure/bicep-types-az
// generated/applicationinsights/microsoft.insights/2023-06-01); item types: 1 text, 3 query, 9 parameters, 10 metric.

param location string
param tags object

@description('Resource id of the Application Insights component the queries run against.')
param applicationInsightsId string

@description('Resource id of the Service Bus namespace whose dead-letter counts the workbook shows.')
param serviceBusNamespaceId string

@description('The requests queue, whose dead letters matter most.')
param requestsQueueName string

@description('KQL timespan after which a request without a completion event is overdue: the longest timeout the policy allows (POLICY_MAX_TIMEOUT) plus a margin, as the stuck-request alert uses it.')
param overdueAfter string

// Log query tiles against the component, over the workbook's time range.
var logs = {
  version: 'KqlItem/1.0'
  size: 0
  queryType: 0
  resourceType: 'microsoft.insights/components'
  timeContextFromParameter: 'TimeRange'
  timeContext: {
    durationMs: 86400000
  }
}

var workbookContent = {
  version: 'Notebook/1.0'
  items: [
    {
      type: 1
      name: 'introduction'
      content: {
        json: '## AML Compute Provisioner\nRequests, their outcomes and timings, from the app\'s `event=` log lines; ARM status reads and steps from the Durable tracking events; dead letters from Service Bus. Select a row in the slowest or failed requests to see that request\'s log lines.'
      }
    }
    {
      type: 9
      name: 'parameters'
      content: {
        version: 'KqlParameterItem/1.0'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        parameters: [
          {
            id: 'time-range'
            version: 'KqlParameterItem/1.0'
            name: 'TimeRange'
            label: 'Time range'
            type: 4
            isRequired: true
            value: {
              durationMs: 86400000
            }
            typeSettings: {
              selectableValues: [
                {
                  durationMs: 3600000
                }
                {
                  durationMs: 86400000
                }
                {
                  durationMs: 604800000
                }
              ]
            }
          }
          {
            id: 'overdue-after'
            version: 'KqlParameterItem/1.0'
            name: 'OverdueAfter'
            label: 'Overdue after (longest timeout + margin, KQL timespan)'
            type: 1
            value: overdueAfter
          }
        ]
      }
    }
    {
      type: 3
      name: 'requests-by-outcome'
      content: union(logs, {
        title: 'Requests by outcome'
        query: loadTextContent('queries/workbook-outcomes.kql')
        visualization: 'timechart'
      })
    }
    {
      type: 3
      name: 'time-to-ready'
      content: union(logs, {
        title: 'Time to ready (seconds), p50 and p95'
        query: loadTextContent('queries/workbook-time-to-ready.kql')
        visualization: 'table'
      })
    }
    {
      type: 3
      name: 'status-reads-per-request'
      content: union(logs, {
        title: 'ARM status reads per request'
        query: loadTextContent('queries/workbook-status-reads.kql')
        visualization: 'table'
      })
    }
    {
      type: 3
      name: 'rejections-by-reason'
      content: union(logs, {
        title: 'Rejections by reason code'
        query: loadTextContent('queries/workbook-rejections.kql')
        visualization: 'barchart'
      })
    }
    {
      type: 3
      name: 'in-flight'
      content: union(logs, {
        title: 'Requests in flight now'
        query: loadTextContent('queries/workbook-in-flight.kql')
        visualization: 'table'
        timeContextFromParameter: ''
        timeContext: {
          durationMs: 172800000
        }
      })
    }
    {
      type: 10
      name: 'dead-letters'
      content: {
        version: 'MetricsItem/2.0'
        title: 'Dead-lettered messages'
        size: 0
        chartType: 2
        resourceType: 'microsoft.servicebus/namespaces'
        metricScope: 0
        resourceIds: [
          serviceBusNamespaceId
        ]
        timeContextFromParameter: 'TimeRange'
        timeContext: {
          durationMs: 86400000
        }
        metrics: [
          {
            namespace: 'microsoft.servicebus/namespaces'
            metric: 'microsoft.servicebus/namespaces--DeadletteredMessages'
            aggregation: 3
            splitBy: 'EntityName'
          }
        ]
        filters: [
          {
            key: 'EntityName'
            operator: 0
            values: [
              requestsQueueName
            ]
          }
        ]
      }
    }
    {
      type: 3
      name: 'slowest-requests'
      content: union(logs, {
        title: 'Slowest requests'
        query: loadTextContent('queries/workbook-slowest.kql')
        visualization: 'table'
        exportFieldName: 'requestId'
        exportParameterName: 'SelectedRequestId'
      })
    }
    {
      type: 3
      name: 'failed-requests'
      content: union(logs, {
        title: 'Failed and timed-out requests'
        query: loadTextContent('queries/workbook-failed.kql')
        visualization: 'table'
        exportFieldName: 'requestId'
        exportParameterName: 'SelectedRequestId'
      })
    }
    {
      type: 3
      name: 'request-log'
      conditionalVisibility: {
        parameterName: 'SelectedRequestId'
        comparison: 'isNotEqualTo'
        value: ''
      }
      content: union(logs, {
        title: 'Log lines of the selected request'
        query: loadTextContent('queries/workbook-request-log.kql')
        visualization: 'table'
      })
    }
  ]
  fallbackResourceIds: [
    applicationInsightsId
  ]
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A workbook's name is a GUID; this one is stable per component, so redeployments update it in place.
  name: guid(applicationInsightsId, 'aml-compute-provisioner-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'AML Compute Provisioner'
    category: 'workbook'
    version: 'Notebook/1.0'
    sourceId: applicationInsightsId
    serializedData: string(workbookContent)
  }
}

output id string = workbook.id

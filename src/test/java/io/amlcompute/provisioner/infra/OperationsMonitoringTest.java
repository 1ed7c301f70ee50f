package io.amlcompute.provisioner.infra;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `azd up` deploys the operations workbook and the alerts with the app: on the app's Application Insights component
 * and its Service Bus namespace, notifying the receivers of one parameter. What the queries read is checked in
 * {@link LogQueriesTest}.
 */
class OperationsMonitoringTest {

    private static final String WORKBOOK = "app/workbook.bicep";
    private static final String ALERTS = "app/alerts.bicep";
    private static final String LOG_ALERT = "Microsoft.Insights/scheduledQueryRules";

    @Test
    void theWorkbookIsASharedWorkbookOfTheAppsComponent() {
        BicepFile.Resource workbook = Infra.moduleOfMain(WORKBOOK).resourcesOfType("Microsoft.Insights/workbooks")
                .get(0);
        assertThat(workbook.apiVersion()).isEqualTo("2023-06-01");
        assertThat(workbook.body().text("kind")).contains("shared");
        assertThat(workbook.expr("name")).hasValueSatisfying(name -> assertThat(name).startsWith("guid("));
        assertThat(workbook.expr("properties.sourceId")).contains("applicationInsightsId");
        assertThat(workbook.expr("properties.serializedData")).contains("string(workbookContent)");
        BicepFile.Module module = Infra.main().module(WORKBOOK);
        assertThat(module.condition()).as("deployed by every azd up").isNull();
        assertThat(module.body().expr("params.applicationInsightsId"))
                .contains("monitoring.outputs.applicationInsightsId");
        assertThat(Infra.moduleOfMain("app/monitoring.bicep").outputs().get("applicationInsightsId"))
                .isEqualTo("applicationInsights.id");
    }

    @Test
    void theWorkbookHasATileForEveryQuestion() {
        Map<String, BicepValue.Obj> tiles = tiles();

        assertThat(tiles).containsKeys("requests-by-outcome", "time-to-ready", "status-reads-per-request",
                "rejections-by-reason", "in-flight", "dead-letters", "slowest-requests", "failed-requests",
                "request-log");
        // The slowest and the failed requests each lead to their log lines: selecting a row sets SelectedRequestId.
        for (String grid : List.of("slowest-requests", "failed-requests")) {
            assertThat(tiles.get(grid).expr("content")).as(grid).hasValueSatisfying(content -> assertThat(content)
                    .contains("exportFieldName: 'requestId'").contains("exportParameterName: 'SelectedRequestId'"));
        }
        assertThat(Infra.text("infra/app/queries/workbook-request-log.kql")).contains("\"{SelectedRequestId}\"");
    }

    @Test
    void theDeadLetterTileShowsTheRequestsQueueOfTheNamespace() {
        BicepValue.Obj content = tiles().get("dead-letters").object("content").orElseThrow();

        assertThat(content.array("resourceIds").orElseThrow().items())
                .containsExactly(new BicepValue.Expr("serviceBusNamespaceId"));
        BicepValue.Obj metric = (BicepValue.Obj) content.array("metrics").orElseThrow().items().get(0);
        assertThat(metric.text("metric")).contains("microsoft.servicebus/namespaces--DeadletteredMessages");
        BicepValue.Obj filter = (BicepValue.Obj) content.array("filters").orElseThrow().items().get(0);
        assertThat(filter.text("key")).contains("EntityName");
        assertThat(filter.array("values").orElseThrow().items())
                .containsExactly(new BicepValue.Expr("requestsQueueName"));
        assertThat(Infra.main().module(WORKBOOK).body().expr("params.requestsQueueName")).contains("requestsQueueName");
    }

    @Test
    void everyLogAlertRunsItsQueryOnTheAppsComponent() {
        List<BicepFile.Resource> rules = Infra.moduleOfMain(ALERTS).resourcesOfType(LOG_ALERT);

        assertThat(rules).extracting(BicepFile.Resource::symbol)
                .containsExactlyInAnyOrder("failedRequests", "stuckRequests", "publishFailures", "appExceptions");
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.apiVersion()).isEqualTo("2023-12-01");
            assertThat(rule.body().array("properties.scopes").orElseThrow().items())
                    .containsExactly(new BicepValue.Expr("applicationInsightsId"));
            BicepValue.Obj criterion = (BicepValue.Obj) rule.body().array("properties.criteria.allOf").orElseThrow()
                    .items().get(0);
            assertThat(criterion.expr("query")).hasValueSatisfying(q -> assertThat(q).contains("loadTextContent("));
            assertThat(rule.expr("properties.actions.actionGroups")).contains("actions");
        });
        assertThat(window("failedRequests")).isEqualTo("PT15M");
        assertThat(window("publishFailures")).isEqualTo("PT15M");
        assertThat(window("appExceptions")).isEqualTo("PT15M");
        assertThat(Infra.main().module(ALERTS).body().expr("params.applicationInsightsId"))
                .contains("monitoring.outputs.applicationInsightsId");
    }

    @Test
    void aRequestIsStuckOnlyAfterTheLongestDeadlineThePolicyAllowsPlusAMargin() {
        BicepFile main = Infra.main();
        Duration maxTimeout = Duration.parse(BicepText.unquote(main.param("maxTimeout").defaultValue()));
        long stuckAfter = Long.parseLong(main.param("stuckRequestAfterMinutes").defaultValue());

        assertThat(Duration.ofMinutes(stuckAfter)).isGreaterThanOrEqualTo(maxTimeout.plusHours(1));
        BicepFile.Resource stuck = Infra.moduleOfMain(ALERTS).resource("stuckRequests");
        BicepValue.Obj criterion = (BicepValue.Obj) stuck.body().array("properties.criteria.allOf").orElseThrow()
                .items().get(0);
        assertThat(criterion.expr("query")).hasValueSatisfying(q -> assertThat(q)
                .contains("'__STUCK_AFTER__', '${stuckAfterMinutes}m'"));
        // The query looks back two days: a request stuck since yesterday must still be in range.
        assertThat(stuck.body().text("properties.overrideQueryTimeRange")).contains("P2D");
        assertThat(Infra.main().module(ALERTS).body().expr("params.stuckAfterMinutes"))
                .contains("stuckRequestAfterMinutes");
        assertThat(Infra.main().module(WORKBOOK).body().expr("params.overdueAfter"))
                .contains("'${stuckRequestAfterMinutes}m'");
    }

    @Test
    void anyDeadLetteredRequestAlerts() {
        BicepFile.Resource alert = Infra.moduleOfMain(ALERTS).resource("deadLetters");
        assertThat(alert.type()).isEqualTo("Microsoft.Insights/metricAlerts");
        assertThat(alert.body().array("properties.scopes").orElseThrow().items())
                .containsExactly(new BicepValue.Expr("serviceBusNamespaceId"));
        BicepValue.Obj criterion = (BicepValue.Obj) alert.body().array("properties.criteria.allOf").orElseThrow()
                .items().get(0);
        assertThat(criterion.text("metricName")).contains("DeadletteredMessages");
        assertThat(criterion.text("operator")).contains("GreaterThan");
        assertThat(criterion.expr("threshold")).contains("0");
        BicepValue.Obj dimension = (BicepValue.Obj) criterion.array("dimensions").orElseThrow().items().get(0);
        assertThat(dimension.text("name")).contains("EntityName");
        assertThat(dimension.array("values").orElseThrow().items())
                .containsExactly(new BicepValue.Expr("requestsQueueName"));
        assertThat(Infra.main().var("serviceBusNamespaceId")).contains("'Microsoft.ServiceBus/namespaces', serviceBusName");
    }

    @Test
    void theActionGroupsReceiversAreAParameterAndEveryAlertNotifiesThem() {
        Deployment.Scope withReceivers = Deployment.of(Map.of("alertEmailAddresses",
                List.of("ops@contoso.com", "ml-platform@contoso.com"))).module(ALERTS);
        Deployment.Scope without = Deployment.of(Map.of()).module(ALERTS);

        BicepFile.Resource group = withReceivers.file().resource("actionGroup");
        assertThat(withReceivers.resources()).contains(group);
        assertThat(without.resources()).as("no receivers: no action group").doesNotContain(group);
        assertThat(withReceivers.value("alertEmailAddresses")).isEqualTo(List.of("ops@contoso.com",
                "ml-platform@contoso.com"));
        assertThat(group.expr("properties.emailReceivers")).hasValueSatisfying(r -> assertThat(r)
                .contains("in alertEmailAddresses").contains("emailAddress: address"));
        assertThat(withReceivers.evaluate(withReceivers.file().var("actions")))
                .isEqualTo(List.of(new BicepExpression.Opaque("actionGroup.id")));
        assertThat(without.evaluate(without.file().var("actions"))).isEqualTo(List.of());
        assertThat(withReceivers.file().resource("deadLetters").expr("properties.actions"))
                .hasValueSatisfying(a -> assertThat(a).contains("in actions").contains("actionGroupId: id"));
        assertThat(Infra.text("infra/main.parameters.json")).contains("${ALERT_EMAIL_ADDRESSES=[]}");
    }

    private static String window(String rule) {
        return Infra.moduleOfMain(ALERTS).resource(rule).body().text("properties.windowSize").orElseThrow();
    }

    /** The workbook's items by name. */
    private static Map<String, BicepValue.Obj> tiles() {
        BicepValue.Obj content = Infra.moduleOfMain(WORKBOOK).objectVar("workbookContent");
        Map<String, BicepValue.Obj> tiles = new java.util.LinkedHashMap<>();
        for (BicepValue item : content.array("items").orElseThrow().items()) {
            BicepValue.Obj tile = (BicepValue.Obj) item;
            tiles.put(tile.text("name").orElseThrow(), tile);
        }
        return tiles;
    }
}

package io.amlcompute.provisioner.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs and telemetry: a Log Analytics workspace the deployment creates, and a workspace-based Application Insights
 * component in it (classic, workspace-less components are retired). Entra-only ingestion on the component is checked
 * in {@link IdentityOnlyTest#applicationInsightsAcceptsOnlyEntraIdTelemetry()}.
 */
class MonitoringTest {

    private static final String WORKSPACE = "Microsoft.OperationalInsights/workspaces";
    private static final String COMPONENT = "Microsoft.Insights/components";

    private static BicepFile monitoring() {
        return Infra.moduleOfMain("app/monitoring.bicep");
    }

    @Test
    void deploymentCreatesALogAnalyticsWorkspace() {
        BicepFile.Resource workspace = monitoring().resourceNamed(WORKSPACE, "logAnalyticsName");
        assertThat(workspace.existing()).as("created, not referenced").isFalse();
        assertThat(workspace.condition()).as("deployed unconditionally").isNull();
        assertThat(Infra.main().module("app/monitoring.bicep").body().expr("params.logAnalyticsName"))
                .hasValueSatisfying(name -> assertThat(name).contains("${resourceToken}"));
    }

    @Test
    void applicationInsightsKeepsItsTelemetryInThatWorkspace() {
        BicepFile file = monitoring();
        String workspace = file.resourceNamed(WORKSPACE, "logAnalyticsName").symbol();
        assertThat(file.resourcesOfType(COMPONENT)).singleElement().satisfies(insights -> {
            assertThat(insights.body().text("kind")).contains("web");
            assertThat(insights.expr("properties.WorkspaceResourceId")).contains(workspace + ".id");
        });
    }

    @Test
    void workspaceRefusesSharedKeyIngestion() {
        // Telemetry reaches the workspace through the component (Entra ID only); the workspace's own shared keys
        // would be a second, key-based way in (HTTP Data Collector API, agents), which nothing here uses.
        BicepFile.Resource workspace = monitoring().resourceNamed(WORKSPACE, "logAnalyticsName");
        assertThat(workspace.expr("properties.features.disableLocalAuth")).contains("true");
    }

    @Test
    void requestLogLinesAreNeverSampledAndTheDeployGuideSaysSo() {
        // The workbook and the alerts count the app's trace lines and the host's request telemetry: sampling them
        // would make the counts wrong. docs/deploy.md must describe host.json, not an older configuration.
        String excluded = Infra.json("host.json").path("logging").path("applicationInsights")
                .path("samplingSettings").path("excludedTypes").asText();
        assertThat(excluded.split(";")).contains("Request", "Exception", "Trace");
        assertThat(Infra.text("docs/deploy.md")).contains("\"excludedTypes\": \"" + excluded + "\"")
                .doesNotContain("trace lines may be sampled");
    }
}

package io.amlcompute.provisioner.infra;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Identity-based everything in Azure": no Bicep file reads a key or builds a connection string, and every service
 * that could accept one refuses it.
 */
class IdentityOnlyTest {

    /** Ways a template gets hold of a secret: list*() functions and key-bearing connection strings. */
    private static final List<Pattern> SECRET_SOURCES = List.of(
            Pattern.compile("\\blist[A-Z]\\w*\\s*\\("),
            Pattern.compile("\\.list[A-Z]\\w*\\s*\\("),
            Pattern.compile("(?i)AccountKey\\s*="),
            Pattern.compile("(?i)SharedAccessKey"),
            Pattern.compile("(?i)DefaultEndpointsProtocol"),
            Pattern.compile("(?i)Endpoint\\s*=\\s*sb://"),
            Pattern.compile("(?i)authorizationRules"),
            Pattern.compile("(?i)primaryKey|secondaryKey|InstrumentationKey\\s*:"));

    @Test
    void noBicepFileReadsAKeyOrBuildsAConnectionString() {
        List<BicepFile> files = Infra.allBicep();
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        for (BicepFile file : files) {
            for (Pattern secret : SECRET_SOURCES) {
                assertThat(secret.matcher(file.code()).find()).as("%s matches %s", file.path(), secret).isFalse();
            }
        }
    }

    @Test
    void storageAccountRefusesSharedKeys() {
        BicepFile.Resource storage = Infra.moduleOfMain("app/storage.bicep")
                .resourcesOfType("Microsoft.Storage/storageAccounts").get(0);
        assertThat(storage.expr("properties.allowSharedKeyAccess")).contains("false");
        assertThat(storage.expr("properties.allowBlobPublicAccess")).contains("false");
    }

    @Test
    void serviceBusRefusesSharedAccessSignatures() {
        BicepFile.Resource namespace = Infra.moduleOfMain("app/service-bus.bicep")
                .resourcesOfType("Microsoft.ServiceBus/namespaces").get(0);
        assertThat(namespace.expr("properties.disableLocalAuth")).contains("true");
    }

    @Test
    void applicationInsightsAcceptsOnlyEntraIdTelemetry() {
        BicepFile.Resource insights = Infra.moduleOfMain("app/monitoring.bicep")
                .resourcesOfType("Microsoft.Insights/components").get(0);
        assertThat(insights.expr("properties.DisableLocalAuth")).contains("true");
    }

    @Test
    void keyVaultGrantsAccessByRoleAndKeepsDeletedSecrets() {
        BicepFile.Resource vault = Infra.moduleOfMain("app/key-vault.bicep")
                .resourcesOfType("Microsoft.KeyVault/vaults").get(0);
        assertThat(vault.expr("properties.enableRbacAuthorization")).contains("true");
        assertThat(vault.expr("properties.enableSoftDelete")).contains("true");
        assertThat(vault.body().get("properties.accessPolicies")).isEmpty();
    }

    @Test
    void functionAppReadsItsPackageAsTheIdentity() {
        BicepFile.Resource site = Infra.moduleOfMain("app/function-app.bicep")
                .resourcesOfType("Microsoft.Web/sites").get(0);
        assertThat(site.body().text("identity.type")).contains("UserAssigned");
        assertThat(site.body().text("properties.functionAppConfig.deployment.storage.authentication.type"))
                .contains("UserAssignedIdentity");
        assertThat(site.expr("properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId"))
                .contains("identityId");
    }
}

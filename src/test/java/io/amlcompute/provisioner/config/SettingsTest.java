package io.amlcompute.provisioner.config;

import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.ReasonCode;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestPolicy;
import io.amlcompute.provisioner.contract.validation.RequestValidator;
import io.amlcompute.provisioner.contract.validation.Samples;
import io.amlcompute.provisioner.contract.validation.ValidationError;
import io.amlcompute.provisioner.contract.validation.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** App settings turned into the request policy and defaults, as the function app and computectl read them. */
class SettingsTest {

    private static final String ENSURE = "ensure-amlcompute.json";

    @Test
    void policyWithNothingSetRefusesEveryWorkspaceAndOtherwiseUsesTheDocumentedDefaults() {
        RequestPolicy policy = Settings.of(Map.of()).requestPolicy();

        assertThat(policy.allowedWorkspaces()).isEmpty();
        assertThat(policy.allowedVmSizes()).containsExactly("*");
        assertThat(policy.maxNodesPerCluster()).isEqualTo(100);
        assertThat(policy.allowedPriorities()).isEqualTo(EnumSet.allOf(VmPriority.class));
        assertThat(policy.allowedSecretStores()).containsExactly("*.vault.azure.net");
        assertThat(policy.maxTimeout()).isEqualTo(Duration.ofDays(1));
        assertThat(policy.allowedSubnets()).as("no subnet may be joined").isEmpty();
    }

    @Test
    void readsTheAllowedSubnetsAsArmIdsInAnyCase() {
        String subnet = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/"
                + "Microsoft.Network/virtualNetworks/vnet-ml/subnets/AML";

        RequestPolicy policy = Settings.of(Map.of("POLICY_ALLOWED_SUBNETS", subnet + " , ")).requestPolicy();

        assertThat(policy.allowedSubnets()).containsExactly(subnet.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void readsEveryPolicySetting() {
        RequestPolicy policy = Settings.of(Map.of(
                "POLICY_ALLOWED_WORKSPACES", " 11111111-2222-3333-4444-555555555555/RG-ML-Demo/mlw-demo , a/b/c ,",
                "POLICY_ALLOWED_VM_SIZES", "Standard_DS*_v2, Standard_NC* ,,",
                "POLICY_MAX_NODES_PER_CLUSTER", " 8 ",
                "POLICY_ALLOWED_PRIORITIES", "Dedicated",
                "POLICY_ALLOWED_SECRET_STORES", "local, kv-*.vault.azure.net",
                "POLICY_MAX_TIMEOUT", "PT6H")).requestPolicy();

        assertThat(policy.allowedWorkspaces())
                .isEqualTo(Set.of("11111111-2222-3333-4444-555555555555/rg-ml-demo/mlw-demo", "a/b/c"));
        assertThat(policy.allowedVmSizes()).containsExactly("Standard_DS*_v2", "Standard_NC*");
        assertThat(policy.maxNodesPerCluster()).isEqualTo(8);
        assertThat(policy.allowedPriorities()).containsExactly(VmPriority.DEDICATED);
        assertThat(policy.allowedSecretStores()).containsExactly("local", "kv-*.vault.azure.net");
        assertThat(policy.maxTimeout()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aValidatorBuiltFromSettingsEnforcesThePrioritiesAndVmSizesTheyAllow() {
        Settings settings = Settings.of(Map.of(
                "POLICY_ALLOWED_WORKSPACES", Samples.DEMO_WORKSPACE,
                "POLICY_ALLOWED_SECRET_STORES", "local",
                "POLICY_ALLOWED_PRIORITIES", "Dedicated",
                "POLICY_ALLOWED_VM_SIZES", "Standard_NC*"));
        RequestValidator validator = new RequestValidator(settings.requestDefaults(), settings.requestPolicy());

        Verdict verdict = validator.validate(Samples.with(ENSURE, "/compute/vmPriority", "\"LowPriority\""),
                MessageEnvelope.NONE);

        assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) verdict).errors()).extracting(ValidationError::code)
                .containsExactlyInAnyOrder(ReasonCode.POLICY_PRIORITY_NOT_ALLOWED, ReasonCode.POLICY_VM_SIZE_NOT_ALLOWED);
        assertThat(validator.validate(Samples.with(ENSURE, "/compute/vmSize", "\"Standard_NC6s_v3\""),
                MessageEnvelope.NONE)).isInstanceOf(Verdict.Accepted.class);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "POLICY_ALLOWED_PRIORITIES|Spot",
            "POLICY_ALLOWED_PRIORITIES|dedicated",
            "POLICY_ALLOWED_PRIORITIES|Dedicated;LowPriority",
            "POLICY_ALLOWED_WORKSPACES|mlw-demo",
            "POLICY_ALLOWED_WORKSPACES|sub/rg/ws/extra",
            "POLICY_MAX_NODES_PER_CLUSTER|ten",
            "POLICY_MAX_NODES_PER_CLUSTER|0",
            "POLICY_MAX_NODES_PER_CLUSTER|-3",
            "POLICY_MAX_TIMEOUT|1 day",
            "POLICY_ALLOWED_SUBNETS|vnet-ml/aml",
            "POLICY_ALLOWED_SUBNETS|/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-ml",
            "POLICY_MAX_TIMEOUT|PT0S",
            "DEFAULT_TIMEOUT|30m",
            "DEFAULT_TIMEOUT|-PT5M",
            "MAX_REQUEST_BYTES|256KB",
            "MAX_REQUEST_BYTES|0"})
    void refusesAMalformedValueNamingTheSettingAndTheValue(String key, String value) {
        Settings settings = Settings.of(Map.of(key, value));

        assertThatThrownBy(() -> {
            settings.requestPolicy();
            settings.requestDefaults();
        }).isInstanceOf(Settings.SettingsException.class)
                .hasMessageStartingWith("App setting " + key + " ")
                .hasMessageContaining(value);
    }

    @Test
    void aWrongPriorityNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> Settings.of(Map.of("POLICY_ALLOWED_PRIORITIES", "Dedicated,Spot")).requestPolicy())
                .hasMessageContaining("'Spot'").hasMessageContaining("Dedicated, LowPriority");
    }

    @Test
    void defaultsWithNothingSetAreThirtyMinutesAndServiceBusStandardsMessageSize() {
        assertThat(Settings.of(Map.of()).requestDefaults()).isEqualTo(RequestDefaults.standard());
    }

    @Test
    void aRequestWithoutATimeoutGetsTheConfiguredDefaultTimeout() {
        Settings settings = Settings.of(Map.of("DEFAULT_TIMEOUT", "PT2H", "MAX_REQUEST_BYTES", "100000"));
        assertThat(settings.requestDefaults()).isEqualTo(new RequestDefaults(Duration.ofHours(2), 100_000));

        ParseResult parsed = new RequestParser(settings.requestDefaults())
                .parse(Samples.without(ENSURE, "/options/timeout"), MessageEnvelope.NONE);

        assertThat(parsed).isInstanceOf(ParseResult.Parsed.class);
        assertThat(((ParseResult.Parsed) parsed).request().options().timeout()).isEqualTo(Duration.ofHours(2));
        ParseResult explicit = new RequestParser(settings.requestDefaults()).parse(Samples.text(ENSURE),
                MessageEnvelope.NONE);
        assertThat(((ParseResult.Parsed) explicit).request().options().timeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theConfiguredMessageSizeLimitRefusesLargerBodies() {
        Settings settings = Settings.of(Map.of("MAX_REQUEST_BYTES", "1000"));
        String padded = Samples.with(ENSURE, "/compute/description", "\"" + "x".repeat(1000) + "\"");

        ParseResult result = new RequestParser(settings.requestDefaults()).parse(padded, MessageEnvelope.NONE);

        assertThat(result).isInstanceOf(ParseResult.Unparsed.class);
        assertThat(((ParseResult.Unparsed) result).errors()).extracting(ValidationError::code)
                .contains(ReasonCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void aBlankValueCountsAsUnset() {
        Settings settings = Settings.of(Map.of("POLICY_ALLOWED_PRIORITIES", "  ", "DEFAULT_TIMEOUT", ""));

        assertThat(settings.requestPolicy().allowedPriorities()).isEqualTo(EnumSet.allOf(VmPriority.class));
        assertThat(settings.requestDefaults().timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(List.of(settings.get(Setting.POLICY_MAX_TIMEOUT))).containsExactly("P1D");
    }
}

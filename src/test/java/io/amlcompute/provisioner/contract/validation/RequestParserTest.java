package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.DetachCompute;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.OsType;
import io.amlcompute.provisioner.contract.PreflightMode;
import io.amlcompute.provisioner.contract.RemoteLoginPortPublicAccess;
import io.amlcompute.provisioner.contract.VmPriority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestParserTest {

    private final RequestParser parser = new RequestParser(RequestDefaults.standard());

    static List<Path> validSamples() {
        return Samples.valid();
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void acceptsEverySampleUnderTheDemoPolicy(Path sample) {
        Verdict verdict = Samples.demoValidator().validate(Samples.text(sample.getFileName().toString()),
                MessageEnvelope.NONE);

        assertThat(verdict).as(() -> verdict.toString()).isInstanceOfAny(Verdict.Accepted.class,
                Verdict.AcceptedControl.class);
    }

    @ParameterizedTest
    @MethodSource("validSamples")
    void readsBackWhatItWritesForEverySample(Path sample) {
        ParseResult read = new RequestParser(RequestDefaults.standard()).parse(
                Samples.text(sample.getFileName().toString()), MessageEnvelope.NONE);
        if (read instanceof ParseResult.ParsedControl control) {
            ParseResult again = new RequestParser(RequestDefaults.standard()).parse(
                    RequestWriter.toJson(control.control()), MessageEnvelope.NONE);
            assertThat(again).isInstanceOfSatisfying(ParseResult.ParsedControl.class,
                    c -> assertThat(c.control()).isEqualTo(control.control()));
            return;
        }
        ComputeRequest request = ((ParseResult.Parsed) read).request();

        ComputeRequest again = parsed(RequestWriter.toJson(request));

        assertThat(again).isEqualTo(request);
    }

    @Test
    void readsABodyThatStartsWithAByteOrderMarkAsTheSameRequest() {
        String sample = Samples.text("ensure-amlcompute.json");

        ComputeRequest withMark = parsed("\uFEFF" + sample);

        assertThat(withMark).isEqualTo(parsed(sample));
    }

    @Test
    void fillsInTheDefaultsAUserLeavesOut() {
        String minimal = """
                {"schemaVersion":"1.0","action":"ensure","requestId":"r-1",
                 "workspace":{"subscriptionId":"11111111-2222-3333-4444-555555555555","resourceGroup":"rg","workspaceName":"mlw-demo"},
                 "compute":{"name":"aml-cluster","type":"AmlCompute","vmSize":"Standard_DS3_v2","maxNodes":2}}""";

        ComputeRequest request = parsed(minimal);

        EnsureAmlCompute ensure = (EnsureAmlCompute) request.operation();
        assertThat(ensure.vmPriority()).isEqualTo(VmPriority.DEDICATED);
        assertThat(ensure.scale().minNodes()).isZero();
        assertThat(ensure.scale().idleBeforeScaleDown()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(ensure.osType()).isEqualTo(OsType.LINUX);
        assertThat(ensure.remoteLoginPortPublicAccess()).isEqualTo(RemoteLoginPortPublicAccess.NOT_SPECIFIED);
        assertThat(ensure.enableNodePublicIp()).isTrue();
        assertThat(request.correlationId()).isEqualTo("r-1");
        assertThat(request.options().timeout()).isEqualTo(RequestDefaults.DEFAULT_TIMEOUT);
        assertThat(request.options().onExisting()).isEqualTo(OnExisting.REUSE);
        assertThat(request.options().onFailedLeftover()).isEqualTo(OnFailedLeftover.FAIL);
        assertThat(request.options().waitForNodes()).isZero();
        assertThat(request.options().preflight()).isEqualTo(PreflightMode.ENFORCE);
    }

    @Test
    void readsThePreflightModeOfEnsureUpdateAndAnInstancesStartAndRefusesItElsewhere() {
        ComputeRequest warn = parsed(Samples.with("ensure-amlcompute.json", "/options/preflight", "\"warn\""));
        ComputeRequest off = parsed(Samples.with("update-scale.json", "/options/preflight", "\"off\""));
        ComputeRequest instance = parsed(Samples.with("ensure-computeinstance.json", "/options/preflight", "\"off\""));
        ComputeRequest start = parsed(Samples.with("start-computeinstance.json", "/options/preflight", "\"warn\""));
        ParseResult onAttach = parser.parse(Samples.with("attach-databricks.json", "/options/preflight", "\"off\""),
                MessageEnvelope.NONE);
        ParseResult onStop = parser.parse(Samples.with("stop-computeinstance.json", "/options/preflight", "\"off\""),
                MessageEnvelope.NONE);
        ParseResult unknown = parser.parse(Samples.with("ensure-amlcompute.json", "/options/preflight",
                "\"strict\""), MessageEnvelope.NONE);

        assertThat(warn.options().preflight()).isEqualTo(PreflightMode.WARN);
        assertThat(off.options().preflight()).isEqualTo(PreflightMode.OFF);
        assertThat(instance.options().preflight()).isEqualTo(PreflightMode.OFF);
        assertThat(start.options().preflight()).as("a start allocates the instance's node again")
                .isEqualTo(PreflightMode.WARN);
        for (ParseResult notApplicable : List.of(onAttach, onStop)) {
            assertThat(((ParseResult.Unparsed) notApplicable).errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ReasonCode.OPTION_NOT_APPLICABLE);
                assertThat(e.path()).isEqualTo("$.options.preflight");
            });
        }
        assertThat(((ParseResult.Unparsed) unknown).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(e.path()).isEqualTo("$.options.preflight");
        });
    }

    @Test
    void aRequestEncodedTwiceIsNotAnObjectAndTheMessageSaysHowItHappened() throws Exception {
        String twice = Json.MAPPER.writeValueAsString(
                Samples.text("ensure-amlcompute.json"));

        ParseResult result = parser.parse(twice, MessageEnvelope.NONE);
        ParseResult plainString = parser.parse("\"ensure\"", MessageEnvelope.NONE);

        assertThat(((ParseResult.Unparsed) result).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ReasonCode.NOT_AN_OBJECT);
            assertThat(e.message()).contains("encoded twice").contains("send the object itself")
                    .doesNotContain("sshPublicKey");
        });
        assertThat(((ParseResult.Unparsed) plainString).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).doesNotContain("encoded twice"));
    }

    @Test
    void takesRequestIdAndCorrelationIdFromTheMessageWhenTheBodyHasNone() {
        String body = Samples.without("ensure-amlcompute.json", "/requestId")
                .replace("\"correlationId\":\"pipeline-run-4711\",", "");

        ParseResult result = parser.parse(body, new MessageEnvelope("msg-42", "corr-7"));

        ComputeRequest request = ((ParseResult.Parsed) result).request();
        assertThat(request.requestId()).isEqualTo("msg-42");
        assertThat(request.correlationId()).isEqualTo("corr-7");
    }

    @Test
    void prefersTheBodysRequestIdOverTheMessageId() {
        ParseResult result = parser.parse(Samples.text("ensure-amlcompute.json"), new MessageEnvelope("msg-42", null));

        assertThat(((ParseResult.Parsed) result).request().requestId()).isEqualTo("demo-ensure-aml-cluster-001");
    }

    @Test
    void refusesAMessageIdThatCannotServeAsRequestId() {
        String body = Samples.without("ensure-amlcompute.json", "/requestId");

        ParseResult result = parser.parse(body, new MessageEnvelope("has spaces/and slashes", null));

        assertThat(((ParseResult.Unparsed) result).errors())
                .extracting(ValidationError::code).containsExactly(ReasonCode.INVALID_REQUEST_ID);
    }

    @Test
    void requiresARequestIdWhenTheMessageHasNoMessageId() {
        ParseResult result = parser.parse(Samples.without("ensure-amlcompute.json", "/requestId"), MessageEnvelope.NONE);

        assertThat(((ParseResult.Unparsed) result).errors())
                .extracting(ValidationError::code, ValidationError::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ReasonCode.MISSING_FIELD, "$.requestId"));
    }

    @Test
    void reportsEveryProblemOfARequestAtOnce() {
        ParseResult result = parser.parse(Samples.text("invalid-request.json"), MessageEnvelope.NONE);

        assertThat(((ParseResult.Unparsed) result).errors())
                .extracting(ValidationError::code, ValidationError::path)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ReasonCode.INVALID_COMPUTE_NAME, "$.compute.name"),
                        org.assertj.core.groups.Tuple.tuple(ReasonCode.WRONG_TYPE, "$.compute.maxNodes"),
                        org.assertj.core.groups.Tuple.tuple(ReasonCode.SECRET_INLINE, "$.compute.adminUser.password"));
    }

    @Test
    void neverRepeatsAnInlineSecretInItsErrors() {
        String secret = "Sup3r-Secret-Value-42";
        String body = Samples.with("ensure-amlcompute.json", "/compute/adminUser/password", "\"" + secret + "\"");
        String refBody = Samples.with("ensure-amlcompute.json", "/compute/adminUser/password",
                "{\"secretRef\":\"" + secret + "\"}");

        for (String input : List.of(body, refBody)) {
            ParseResult.Unparsed result = (ParseResult.Unparsed) parser.parse(input, MessageEnvelope.NONE);
            assertThat(result.errors()).isNotEmpty();
            assertThat(result.toString()).doesNotContain(secret);
        }
    }

    @Test
    void keepsWhatItCouldLearnFromAnInvalidRequestForTheRejection() {
        ParseResult result = parser.parse(Samples.text("invalid-request.json"), new MessageEnvelope("m-1", "c-1"));

        RequestContext context = result.context();
        assertThat(context.requestId()).isEqualTo("demo-invalid-001");
        assertThat(context.correlationId()).isEqualTo("c-1");
        assertThat(context.action()).isEqualTo(io.amlcompute.provisioner.contract.Action.ENSURE);
        assertThat(context.workspace().workspaceName()).isEqualTo("mlw-demo");
        assertThat(context.computeName()).isNull();
        assertThat(context.computeType()).isEqualTo(io.amlcompute.provisioner.contract.ComputeType.AML_COMPUTE);
    }

    @Test
    void fallsBackToTheMessageIdentityWhenTheBodyIsNotJson() {
        ParseResult result = parser.parse("garbage", new MessageEnvelope("m-9", null));

        assertThat(result.context().requestId()).isEqualTo("m-9");
        assertThat(result.context().correlationId()).isEqualTo("m-9");
    }

    @Test
    void readsEachAttachKindIntoItsOwnTarget() {
        assertThat(((AttachCompute) parsed(Samples.text("attach-databricks.json")).operation()).target())
                .isInstanceOf(AttachTarget.Databricks.class);
        assertThat(((AttachCompute) parsed(Samples.text("attach-virtualmachine.json")).operation()).target())
                .isInstanceOfSatisfying(AttachTarget.VirtualMachine.class, vm -> {
                    assertThat(vm.sshPort()).isEqualTo(22);
                    assertThat(vm.adminUser().sshPrivateKey().uri()).isEqualTo("local:vm-ssh-private-key");
                });
        assertThat(((AttachCompute) parsed(Samples.text("attach-kubernetes.json")).operation()).target())
                .isEqualTo(new AttachTarget.Kubernetes(
                        "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml-demo/providers/"
                                + "Microsoft.ContainerService/managedClusters/aks-demo", "azureml", null));
        assertThat(((AttachCompute) parsed(Samples.text("attach-hdinsight.json")).operation()).target())
                .isInstanceOf(AttachTarget.HdInsight.class);
        assertThat(((AttachCompute) parsed(Samples.text("attach-synapsespark.json")).operation()).target())
                .isInstanceOf(AttachTarget.SynapseSpark.class);
    }

    @Test
    void leavesTheExpectedTypeOfADetachOpenWhenTheRequestDoesNotNameIt() {
        String body = Samples.without("detach-databricks.json", "/compute/type");

        assertThat(((DetachCompute) parsed(body).operation()).expectedType()).isNull();
    }

    private ComputeRequest parsed(String body) {
        ParseResult result = parser.parse(body, MessageEnvelope.NONE);
        assertThat(result).as(() -> result.toString()).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).request();
    }
}

package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import io.amlcompute.provisioner.local.host.worker.WorkerFunction;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real function app's bindings, as the local host reads them. */
class BindingResolverTest {

    private static final Map<String, String> SETTINGS = Map.of("COMPUTE_REQUESTS_QUEUE", "compute-requests",
            "UNDELIVERABLE_REQUESTS_SCHEDULE", "0 */5 * * * *");

    @Test
    void findsEveryFunctionOfTheApp() {
        assertThat(appMethods()).extracting(m -> m.getAnnotation(
                        com.microsoft.azure.functions.annotation.FunctionName.class).value())
                .containsExactly("AnswerUndeliverableRequests", "CleanUpCompute", "FindLeaseHolders",
                        "GetComputeRequestStatus", "PerformComputeAction", "ProvisionCompute", "PublishCompletion",
                        "PublishReply", "ReadComputeStatus", "SubmitComputeRequest");
    }

    @Test
    void resolvesTheServiceBusTriggerWithItsQueueFromTheSettingsAndItsMetadataBindings() {
        FunctionDefinition submit = definition("SubmitComputeRequest");

        assertThat(submit.trigger()).isEqualTo(new TriggerBinding.ServiceBusQueue("message", "compute-requests",
                "ServiceBusConnection"));
        assertThat(submit.durableClientInputs()).containsExactly("durableContext");
        assertThat(submit.worker().parameters()).extracting(p -> p.getClass().getSimpleName()).containsExactly(
                "Input", "Metadata", "Metadata", "Metadata", "Input", "ByType");
        assertThat(submit.worker().parameters().subList(1, 4)).extracting(p -> ((WorkerFunction.Param.Metadata) p).name())
                .containsExactly("ApplicationProperties", "DeliveryCount", "SequenceNumber");
        assertThat(submit.worker().returnTarget()).isFalse();
    }

    @Test
    void resolvesTheStatusApiRouteMethodAndAuthLevel() {
        TriggerBinding.Http http = (TriggerBinding.Http) definition("GetComputeRequestStatus").trigger();

        assertThat(http.route().template()).isEqualTo("compute-requests/{requestId}");
        assertThat(http.methods()).containsExactly(HttpMethod.GET);
        assertThat(http.authLevel()).isEqualTo(AuthorizationLevel.FUNCTION);
        assertThat(definition("GetComputeRequestStatus").worker().returnTarget())
                .as("the Maven plugin declares http $return for an HTTP-triggered method that returns a value").isTrue();
    }

    @Test
    void resolvesOrchestratorAndActivityTriggers() {
        assertThat(definition("ProvisionCompute").trigger()).isInstanceOf(TriggerBinding.Orchestration.class);
        assertThat(definition("PerformComputeAction").trigger()).isInstanceOf(TriggerBinding.Activity.class);
        assertThat(definition("PerformComputeAction").worker().parameters()).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("Input", "ByType");
        assertThat(definition("PerformComputeAction").worker().returnTarget())
                .as("@DurableActivityTrigger has implicit output").isTrue();
    }

    @Test
    void resolvesTheDeadLetterTimerWithItsScheduleFromTheSettingsAndTheMonitorOn() {
        FunctionDefinition answer = definition("AnswerUndeliverableRequests");

        TriggerBinding.Timer timer = (TriggerBinding.Timer) answer.trigger();
        assertThat(timer.schedule()).hasToString("Cron: '0 */5 * * * *'");
        assertThat(timer.useMonitor()).isTrue();
        assertThat(answer.worker().parameters()).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("Input", "ByType");
    }

    @Test
    void failsAtStartNamingTheFunctionAndTheSettingWhenASettingIsMissing() {
        Method submit = appMethods().stream().filter(m -> m.getName().equals("run")
                && m.getDeclaringClass().getSimpleName().equals("SubmitComputeRequest")).findFirst().orElseThrow();

        assertThatIllegalStateException().isThrownBy(() -> new BindingResolver(Map.of()).resolve(submit))
                .withMessageContaining("SubmitComputeRequest").withMessageContaining("COMPUTE_REQUESTS_QUEUE");
    }

    private static FunctionDefinition definition(String name) {
        BindingResolver resolver = new BindingResolver(SETTINGS);
        return appMethods().stream().map(resolver::resolve).filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static List<Method> appMethods() {
        return FunctionScanner.functionMethods(LocalFunctionsHostOptions.APP_FUNCTIONS_PACKAGE,
                BindingResolverTest.class.getClassLoader());
    }
}

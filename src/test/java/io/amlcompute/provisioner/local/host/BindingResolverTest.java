package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real function app's bindings, as the local host reads them. */
class BindingResolverTest {

    private static final Map<String, String> SETTINGS = Map.of("COMPUTE_REQUESTS_QUEUE", "compute-requests");

    @Test
    void findsEveryFunctionOfTheApp() {
        assertThat(appMethods()).extracting(m -> m.getAnnotation(
                        com.microsoft.azure.functions.annotation.FunctionName.class).value())
                .containsExactly("GetComputeRequestStatus", "PerformComputeAction", "ProvisionCompute",
                        "PublishCompletion", "ReadComputeStatus", "SubmitComputeRequest");
    }

    @Test
    void resolvesTheServiceBusTriggerWithItsQueueFromTheSettingsAndItsMetadataBindings() {
        FunctionDefinition submit = definition("SubmitComputeRequest");

        assertThat(submit.trigger()).isEqualTo(new TriggerBinding.ServiceBusQueue("compute-requests",
                "ServiceBusConnection"));
        assertThat(submit.parameters()).extracting(p -> p.getClass().getSimpleName()).containsExactly(
                "TriggerPayload", "Metadata", "Metadata", "Metadata", "Metadata", "Metadata", "DurableClient", "Context");
        assertThat(submit.parameters().subList(1, 6)).extracting(p -> ((ParameterBinding.Metadata) p).name())
                .containsExactly("MessageId", "CorrelationId", "ReplyTo", "ReplyToSessionId", "DeliveryCount");
    }

    @Test
    void resolvesTheStatusApiRouteMethodAndAuthLevel() {
        TriggerBinding.Http http = (TriggerBinding.Http) definition("GetComputeRequestStatus").trigger();

        assertThat(http.route().template()).isEqualTo("compute-requests/{requestId}");
        assertThat(http.methods()).containsExactly(HttpMethod.GET);
        assertThat(http.authLevel()).isEqualTo(AuthorizationLevel.FUNCTION);
    }

    @Test
    void resolvesOrchestratorAndActivityTriggers() {
        assertThat(definition("ProvisionCompute").trigger()).isInstanceOf(TriggerBinding.Orchestration.class);
        assertThat(definition("PerformComputeAction").trigger()).isInstanceOf(TriggerBinding.Activity.class);
        assertThat(definition("PerformComputeAction").parameters()).extracting(p -> p.getClass().getSimpleName())
                .containsExactly("TriggerPayload", "Context");
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

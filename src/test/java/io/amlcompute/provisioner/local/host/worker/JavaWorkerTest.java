package io.amlcompute.provisioner.local.host.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** One invocation through the worker model (W1, W2, W5, W6, W7, W8 in docs/local/functions-host.md). */
class JavaWorkerTest {

    private static final Logger LOG = Logger.getLogger("Function.test");
    private final JavaWorker worker = new JavaWorker(JavaWorkerTest.class.getClassLoader());

    @Test
    void aBindingNameWithoutItsMetadataFailsBeforeTheMethodRunsWithTheWorkersText() {
        Functions.calls.set(0);

        InvocationResult result = invoke("receive", Map.of("message", new TypedData.Text("body")), Map.of());

        assertThat(((InvocationResult.Failure) result).message()).isEqualTo("RuntimeException: Cannot find matched"
                + " @BindingName of customer function, please check if customer function is defined correctly");
        assertThat(Functions.calls).hasValue(0);
    }

    @Test
    void metadataNamesAreMatchedCaseSensitively() {
        InvocationResult result = invoke("receive", Map.of("message", new TypedData.Text("body")),
                Map.of("correlationid", new TypedData.Text("c-1")));

        assertThat(((InvocationResult.Failure) result).message()).contains("Cannot find matched @BindingName");
    }

    @Test
    void anInputTheHostDidNotSendFailsWithTheWorkersOtherText() {
        InvocationResult result = invoke("receive", Map.of(), Map.of("CorrelationId", new TypedData.Text("c-1")));

        assertThat(((InvocationResult.Failure) result).message()).isEqualTo("RuntimeException: Cannot find matched"
                + " parameter name of customer function, please check if customer function is defined correctly");
    }

    @Test
    void everyInvocationGetsANewInstanceOfTheFunctionClass() {
        Functions.instances.set(0);

        invoke("receive", Map.of("message", new TypedData.Text("a")), Map.of("CorrelationId", new TypedData.Text("c")));
        invoke("receive", Map.of("message", new TypedData.Text("b")), Map.of("CorrelationId", new TypedData.Text("c")));

        assertThat(Functions.instances).hasValue(2);
    }

    @Test
    void aFailureIsReportedAsItsRootCauseWithTheWholeTrace() {
        InvocationResult result = invoke("explode", Map.of("text", new TypedData.Text("\"x\"")), Map.of());

        InvocationResult.Failure failure = (InvocationResult.Failure) result;
        assertThat(failure.message()).isEqualTo("IllegalArgumentException: no good: \"x\"");
        assertThat(failure.stackTrace()).contains("InvocationTargetException").contains("Caused by: java.lang.IllegalArgumentException");
        assertThat(failure.hostExceptionMessage()).startsWith("Result: Failure\nException: IllegalArgumentException: no good");
    }

    @Test
    void aVoidFunctionWithoutImplicitOutputSendsNoReturnValueAndAnActivityAlwaysDoes() {
        InvocationResult plain = invoke("receive", Map.of("message", new TypedData.Text("a")),
                Map.of("CorrelationId", new TypedData.Text("c")));
        InvocationResult activity = invoke("echo", Map.of("text", new TypedData.Text("\"quoted\"")), Map.of());

        assertThat(plain).isEqualTo(new InvocationResult.Success(null));
        assertThat(activity).isEqualTo(new InvocationResult.Success(new TypedData.Text("\"quoted\"")));
    }

    @Test
    void findsDurabletasksOrchestrationMiddlewareOnTheAppsClassPath() {
        assertThat(worker.middlewareNames()).contains(
                "com.microsoft.durabletask.azurefunctions.internal.middleware.OrchestrationMiddleware");
    }

    @Test
    void refusesOutputBindingParametersItDoesNotModel() throws Exception {
        assertThatIllegalStateException().isThrownBy(() -> WorkerFunction.of("out",
                Functions.class.getMethod("withOutput", String.class, OutputBinding.class), false))
                .withMessageContaining("OutputBinding");
    }

    private InvocationResult invoke(String method, Map<String, TypedData> inputs, Map<String, TypedData> metadata) {
        WorkerFunction function = java.util.Arrays.stream(Functions.class.getMethods())
                .filter(m -> m.getName().equals(method)).findFirst()
                .map(m -> WorkerFunction.of(method, m, false)).orElseThrow();
        return worker.invoke(function, Invocation.of(method, inputs, metadata), LOG);
    }

    /** Functions of a test app. */
    public static final class Functions {
        static final AtomicInteger instances = new AtomicInteger();
        static final AtomicInteger calls = new AtomicInteger();

        public Functions() {
            instances.incrementAndGet();
        }

        @FunctionName("receive")
        public void receive(@ServiceBusQueueTrigger(name = "message", queueName = "q", connection = "c") String body,
                            @BindingName("CorrelationId") String correlationId, ExecutionContext context) {
            calls.incrementAndGet();
        }

        @FunctionName("explode")
        public String explode(@DurableActivityTrigger(name = "text") String text) {
            throw new IllegalArgumentException("no good: " + text);
        }

        @FunctionName("echo")
        public String echo(@DurableActivityTrigger(name = "text") String text) {
            return text;
        }

        @FunctionName("out")
        public void withOutput(@ServiceBusQueueTrigger(name = "message", queueName = "q", connection = "c") String body,
                               OutputBinding<String> out) {
        }
    }
}

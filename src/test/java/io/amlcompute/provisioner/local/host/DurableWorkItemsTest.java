package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.durable.DurableBackendOptions;
import io.amlcompute.provisioner.local.durable.DurableTaskBackend;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The test app's Durable functions run as the Durable extension runs them for Java, on the embedded backend,
 * started and awaited through the Durable client binding of HTTP functions. Each test pins one rule of the real
 * pipeline (docs/local/functions-host.md, "Durable").
 */
@Timeout(60)
class DurableWorkItemsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DurableTaskBackend backend;
    private LocalFunctionsHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void anActivitysStringParameterGetsTheScheduledInputAsJsonQuotesAndAllAndAReturnedStringComesBackUnchanged()
            throws Exception {
        start(HostJson.defaults());

        post("shouts/Shout/shout-1", "say \"hi\"");

        // Upper gets "say \"hi\"" (the JSON of the string) and returns it upper-cased; that String comes back to the
        // orchestrator unchanged, which schedules it for Exclaim, which gets its JSON in turn.
        assertThat(await("shout-1")).isEqualTo("COMPLETED:\"\\\"SAY \\\\\\\"HI\\\\\\\"\\\"\"!");
    }

    @Test
    void anActivityGetsAnObjectInputAsItsJsonTextAndAMapItReturnsComesBackAsJson() throws Exception {
        start(HostJson.defaults());

        post("shouts/MeasureShout/measure-1", "abc");

        assertThat(await("measure-1")).isEqualTo("COMPLETED:{\"input\":\"{\\\"text\\\":\\\"abc\\\"}\",\"length\":14}");
    }

    @Test
    void anActivityFailureCarriesTheRootCausesSimpleNameAsItsTypeAndTheOnlyStreamStaysAlive() throws Exception {
        HostJson oneStream = new HostJson("api", DurableBackendOptions.DEFAULT_TASK_HUB, 1,
                HostJson.defaults().serviceBus());
        start(oneStream);

        post("shouts/ExplodeQuietly/quiet-1", "");
        String failure = await("quiet-1");
        post("shouts/Shout/after-1", "still here");

        assertThat(failure).isEqualTo("COMPLETED:IllegalStateException | ");
        assertThat(await("after-1")).startsWith("COMPLETED:");
    }

    @Test
    void anOrchestratorsExceptionFailsTheOrchestrationWrappedAsDurabletasksMiddlewareWrapsIt() throws Exception {
        start(HostJson.defaults());

        post("shouts/Crash/crash-1", "x");

        assertThat(await("crash-1")).isEqualTo("FAILED:java.lang.RuntimeException: Unexpected failure in the task"
                + " execution");
    }

    @Test
    void closesItsStreamThreads() throws Exception {
        start(HostJson.defaults());
        post("shouts/Shout/before-close", "x");
        await("before-close");

        host.close();
        host = null;

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("durable-work-items-"));
    }

    private void start(HostJson hostJson) throws Exception {
        backend = DurableTaskBackend.start(DurableBackendOptions.inMemory());
        host = LocalFunctionsHost.start(LocalFunctionsHostOptions.forApp(Map.of())
                .withFunctionsPackage("io.amlcompute.provisioner.local.host.testapp")
                .withHostJson(hostJson)
                .withDurablePort(backend.port()));
    }

    private void post(String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(host.httpBaseUri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
    }

    private String await(String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(host.httpBaseUri().resolve("shouts/" + id))
                .timeout(Duration.ofSeconds(40)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}

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
 * The test app's Durable functions on the real 1.4.0 worker and the embedded backend, started and awaited through
 * the Durable client binding of HTTP functions.
 */
@Timeout(60)
class DurableTriggersTest {

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
    void runsAnOrchestratorWhoseReturnValueIsTheOutputAndWhoseActivitiesGetDecodedStrings() throws Exception {
        start(HostJson.defaults());

        post("shouts/Shout/shout-1", "say \"hi\"");

        assertThat(await("shout-1")).isEqualTo("COMPLETED:SAY \"HI\"!");
    }

    @Test
    void givesAnActivityFailureWithoutMessageAMessageAndKeepsTheOnlyWorkerAlive() throws Exception {
        HostJson oneWorker = new HostJson("api", DurableBackendOptions.DEFAULT_TASK_HUB, 1,
                HostJson.defaults().serviceBus());
        start(oneWorker);

        post("shouts/ExplodeQuietly/quiet-1", "");
        String failure = await("quiet-1");
        post("shouts/Shout/after-1", "still here");

        assertThat(failure).startsWith("COMPLETED:" + FunctionInvocationException.class.getName() + " | ")
                .contains("Function Explode failed: java.lang.IllegalStateException (no message)");
        assertThat(await("after-1")).isEqualTo("COMPLETED:STILL HERE!");
    }

    @Test
    void closesItsWorkerThreads() throws Exception {
        start(HostJson.defaults());
        post("shouts/Shout/before-close", "x");
        await("before-close");

        host.close();
        host = null;

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("durable-worker-"));
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

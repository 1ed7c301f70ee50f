package io.amlcompute.provisioner.local.durable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import io.amlcompute.provisioner.contract.Json;

/**
 * The {@code @DurableClientInput} binding value for a local Functions host, pointing at a {@link DurableTaskBackend}.
 *
 * <p>In Azure the Durable extension writes the client binding as JSON with Newtonsoft's defaults, nulls included
 * ({@code BindingHelper.DurableOrchestrationClientToString}, Azure/azure-functions-durable-extension v2.13.7): in the
 * passthrough mode Java uses, {@code creationUrls}, {@code managementUrls} and {@code baseUrl} are null and
 * {@code rpcBaseUrl} is its gRPC listener, {@code http://localhost:<port>}. The Java worker reads that JSON into
 * {@link DurableClientContext} with its Gson ({@code new Gson()}, field names), and
 * {@link DurableClientContext#getClient()} builds a {@code DurableTaskGrpcClient} on the port of {@code rpcBaseUrl}
 * (host ignored, "localhost" always). This class writes the same JSON and reads it the same way.
 */
public final class LocalDurableClientContext {

    private static final Gson WORKER_GSON = new Gson();

    private LocalDurableClientContext() {
    }

    /** The binding JSON the Durable extension hands the Java worker, for a host that passes it on as text. */
    public static String bindingJson(int port, String taskHubName) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        ObjectNode binding = Json.MAPPER.createObjectNode();
        binding.put("taskHubName", taskHubName);
        binding.putNull("connectionName");
        binding.putNull("creationUrls");
        binding.putNull("managementUrls");
        binding.putNull("baseUrl");
        binding.put("requiredQueryStringParameters", "");
        binding.put("rpcBaseUrl", "http://localhost:" + port);
        return binding.toString();
    }

    /**
     * A {@link DurableClientContext} as the Functions Java worker builds it from {@link #bindingJson}. Each
     * {@code getClient()} opens a new gRPC channel; close the client when done.
     */
    public static DurableClientContext create(int port, String taskHubName) {
        return WORKER_GSON.fromJson(bindingJson(port, taskHubName), DurableClientContext.class);
    }
}

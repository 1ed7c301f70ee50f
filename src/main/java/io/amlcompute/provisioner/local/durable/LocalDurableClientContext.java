package io.amlcompute.provisioner.local.durable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import io.amlcompute.provisioner.contract.Json;
import java.lang.reflect.Field;

/**
 * The {@code @DurableClientInput} binding value for a local Functions host, pointing at a {@link DurableTaskBackend}.
 *
 * <p>In Azure the Durable extension serializes the client binding as JSON ({@code taskHubName}, {@code rpcBaseUrl}
 * = its gRPC listener's address {@code http://localhost:<port>}, {@code requiredQueryStringParameters}, ...) and the
 * Functions Java worker deserializes it with Gson into {@link DurableClientContext}'s private fields;
 * {@link DurableClientContext#getClient()} then builds a {@code DurableTaskGrpcClient} on the port of
 * {@code rpcBaseUrl} (host ignored, "localhost" always). This class produces the same JSON and the same object.
 */
public final class LocalDurableClientContext {

    private LocalDurableClientContext() {
    }

    /** The binding JSON the Durable extension hands the Java worker, for a host that deserializes it itself. */
    public static String bindingJson(int port, String taskHubName) {
        try {
            return Json.MAPPER.writeValueAsString(new ClientBinding(taskHubName, rpcBaseUrl(port), ""));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Durable client binding", e);
        }
    }

    /**
     * A {@link DurableClientContext} as the Functions Java worker would build it from {@link #bindingJson}: the
     * private fields set by name, as Gson sets them. Each {@code getClient()} opens a new gRPC channel; close the
     * client when done.
     */
    public static DurableClientContext create(int port, String taskHubName) {
        ClientBinding binding = new ClientBinding(taskHubName, rpcBaseUrl(port), "");
        DurableClientContext context = new DurableClientContext();
        setField(context, "taskHubName", binding.taskHubName());
        setField(context, "rpcBaseUrl", binding.rpcBaseUrl());
        setField(context, "requiredQueryStringParameters", binding.requiredQueryStringParameters());
        return context;
    }

    private static String rpcBaseUrl(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        return "http://127.0.0.1:" + port;
    }

    private static void setField(DurableClientContext context, String name, String value) {
        try {
            Field field = DurableClientContext.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(context, value);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            // durabletask-azure-functions changed its binding fields: the Java worker would no longer fill them either.
            throw new IllegalStateException("DurableClientContext has no settable field '" + name + "'", e);
        }
    }

    /** Field names as the Durable extension writes them and DurableClientContext declares them. */
    record ClientBinding(String taskHubName, String rpcBaseUrl, String requiredQueryStringParameters) {
    }
}

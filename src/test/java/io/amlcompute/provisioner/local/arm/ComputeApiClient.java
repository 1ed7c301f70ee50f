package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The tests' way to talk to the emulator: plain java.net.http over the real wire (no client library exists yet).
 * Paths are relative to one seeded workspace.
 */
final class ComputeApiClient {

    static final String API_VERSION = "api-version=" + ArmEmulator.DEFAULT_API_VERSION;

    private final HttpClient http;
    private final URI endpoint;
    private final String workspacePath;

    ComputeApiClient(HttpClient http, URI endpoint, String subscriptionId, String resourceGroup, String workspace) {
        this.http = http;
        this.endpoint = endpoint;
        this.workspacePath = "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.MachineLearningServices/workspaces/" + workspace;
    }

    /** What came back. */
    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        /** {@code properties.provisioningState}. */
        String provisioningState() {
            return json().path("properties").path("provisioningState").asText();
        }

        /** {@code properties.properties}. */
        JsonNode typeProperties() {
            return json().path("properties").path("properties");
        }
    }

    String computePath(String name) {
        return workspacePath + "/computes/" + name;
    }

    String computesPath() {
        return workspacePath + "/computes";
    }

    Reply put(String name, String body) {
        return send("PUT", computePath(name) + "?" + API_VERSION, body);
    }

    Reply patch(String name, String body) {
        return send("PATCH", computePath(name) + "?" + API_VERSION, body);
    }

    Reply get(String name) {
        return send("GET", computePath(name) + "?" + API_VERSION, null);
    }

    /** Workspaces_Get on the client's workspace. */
    Reply workspace() {
        return send("GET", workspacePath + "?" + API_VERSION, null);
    }

    String workspacePath() {
        return workspacePath;
    }

    Reply list() {
        return send("GET", computesPath() + "?" + API_VERSION, null);
    }

    Reply delete(String name, String underlyingResourceAction) {
        return send("DELETE", computePath(name) + "?" + API_VERSION + "&underlyingResourceAction="
                + underlyingResourceAction, null);
    }

    /** GET on an absolute URL the emulator handed out (Azure-AsyncOperation, Location, nextLink). */
    Reply follow(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Any method on a path-and-query relative to the endpoint. */
    Reply send(String method, String pathAndQuery, String body) {
        return send(method, pathAndQuery, body, new String[0]);
    }

    Reply send(String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return exchange(request);
    }

    private Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

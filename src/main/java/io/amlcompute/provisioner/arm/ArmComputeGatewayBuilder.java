package io.amlcompute.provisioner.arm;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import com.azure.core.util.HttpClientOptions;
import io.amlcompute.provisioner.provisioning.SecretResolver;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures an {@link ArmComputeGateway}. Required: {@link #endpoint}, {@link #secretResolver} and exactly one of
 * {@link #credential} (bearer tokens through azure-core-management's ARM challenge policy; https only) and
 * {@link #withoutAuthentication()} (loopback emulators only). {@link #build()} refuses a combination that could
 * send a token over http or an unauthenticated call off the machine. Not thread-safe; the gateway it builds is.
 */
public final class ArmComputeGatewayBuilder {

    /** The api-version whose contract the bodies follow (same wire shape as 2026-07-01, contract notes 7). */
    public static final String DEFAULT_API_VERSION = "2025-12-01";

    private URI endpoint;
    private String apiVersion = DEFAULT_API_VERSION;
    private SecretResolver secretResolver;
    private TokenCredential credential;
    private boolean withoutAuthentication;
    private HttpClient httpClient;
    private RetrySettings retry = RetrySettings.defaults();
    private Clock clock = Clock.systemUTC();

    ArmComputeGatewayBuilder() {
    }

    /** The ARM base URI, e.g. {@code https://management.azure.com} or an emulator's {@code http://127.0.0.1:port}. */
    public ArmComputeGatewayBuilder endpoint(URI endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    public ArmComputeGatewayBuilder apiVersion(String apiVersion) {
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
        return this;
    }

    /** Resolves the secret references of PUT bodies, at the moment the body is built. */
    public ArmComputeGatewayBuilder secretResolver(SecretResolver secretResolver) {
        this.secretResolver = Objects.requireNonNull(secretResolver, "secretResolver");
        return this;
    }

    /** Authenticates every call with a token for scope {@code <endpoint>/.default}; the endpoint must be https. */
    public ArmComputeGatewayBuilder credential(TokenCredential credential) {
        this.credential = Objects.requireNonNull(credential, "credential");
        return this;
    }

    /** Sends calls without authentication; the endpoint must be loopback (127.0.0.1, ::1, localhost). */
    public ArmComputeGatewayBuilder withoutAuthentication() {
        this.withoutAuthentication = true;
        return this;
    }

    /** The transport; default azure-core's default client (Netty) with connect 10 s and response/read 60 s timeouts. */
    public ArmComputeGatewayBuilder httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        return this;
    }

    /** Default {@link RetrySettings#defaults()}. */
    public ArmComputeGatewayBuilder retry(RetrySettings retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        return this;
    }

    /** Reads HTTP-date {@code Retry-After} values; default the system UTC clock. */
    public ArmComputeGatewayBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * @throws IllegalArgumentException when the endpoint does not suit the auth mode, or the configuration is
     *                                  incomplete
     */
    public ArmComputeGateway build() {
        if (endpoint == null) {
            throw new IllegalArgumentException("an ARM endpoint is required");
        }
        if (secretResolver == null) {
            throw new IllegalArgumentException("a secret resolver is required");
        }
        if ((credential == null) == !withoutAuthentication) {
            throw new IllegalArgumentException(
                    "choose exactly one auth mode: credential(...) for ARM, withoutAuthentication() for an emulator");
        }
        ArmEndpoint arm = new ArmEndpoint(endpoint);
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy("aml-compute-provisioner"));
        if (credential != null) {
            arm.requireHttpsForToken();
            // Handles ARM's claims challenges (CAE) as the generated management SDKs do.
            policies.add(new ArmChallengeAuthenticationPolicy(credential, arm.scope()));
        } else {
            arm.requireLoopbackForNoAuth();
        }
        // No HttpLoggingPolicy: PUT bodies carry resolved secrets. ArmExchange logs method, path and status only.
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .httpClient(httpClient != null ? httpClient : defaultHttpClient())
                .policies(policies.toArray(HttpPipelinePolicy[]::new))
                .build();
        return new ArmComputeGateway(arm, apiVersion, new ArmExchange(pipeline, retry, clock), secretResolver);
    }

    private static HttpClient defaultHttpClient() {
        return HttpClient.createDefault(new HttpClientOptions()
                .setConnectTimeout(Duration.ofSeconds(10))
                .setResponseTimeout(Duration.ofSeconds(60))
                .setReadTimeout(Duration.ofSeconds(60)));
    }
}

package io.amlcompute.provisioner.arm;

import com.sun.net.httpserver.HttpServer;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.preflight.RegionOffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the region reads accept from an answer that is not the emulator's: a {@code nextLink} is followed only on the
 * same endpoint and path (a token is never sent elsewhere), and fields the contract marks optional may be missing.
 */
class ArmRegionReaderTest {

    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000aaaa";

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers vmSizes, quotas with an empty list and usages with {@code usages}. */
    private ArmComputeGateway serve(String usages) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getRawQuery());
            String path = exchange.getRequestURI().getPath();
            String body = path.endsWith("/usages") ? usages : path.endsWith("/vmSizes")
                    ? "{\"value\":[{\"name\":\"Standard_NC6\",\"family\":\"standardNCFamily\"}]}" : "{\"value\":[]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return ArmComputeGateway.builder().endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .withoutAuthentication().secretResolver(EmulatedArm.secretStore()).build();
    }

    @Test
    void aNextLinkToAnotherHostIsNeverFollowed() throws IOException {
        ArmComputeGateway gateway = serve("{\"value\":[],\"nextLink\":\"http://other.example/subscriptions/"
                + SUBSCRIPTION + "/providers/Microsoft.MachineLearningServices/locations/westeurope/usages?p=2\"}");

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> gateway.regionReader().read(SUBSCRIPTION, "westeurope", "corr"));

        assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT);
        assertThat(e.code()).isEqualTo("MalformedArmResponse");
        assertThat(paths).noneSatisfy(p -> assertThat(p).contains("p=2"));
    }

    @Test
    void missingOptionalFieldsAreToleratedAndARowWithoutANameIsSkipped() throws IOException {
        ArmComputeGateway gateway = serve("{\"value\":[{\"type\":\"Microsoft.MachineLearningServices/vmFamily/usages\","
                + "\"name\":{\"value\":\"Standard NC Family Cluster Dedicated vCPUs\"}},{\"currentValue\":3}]}");

        RegionOffer offer = gateway.regionReader().read(SUBSCRIPTION, "West Europe", "corr");

        assertThat(offer.vmSizes()).singleElement().satisfies(size -> {
            assertThat(size.vCPUs()).isZero();
            assertThat(size.supportedComputeTypes()).as("not said: any type").isNull();
        });
        assertThat(offer.usages()).singleElement().satisfies(row -> {
            assertThat(row.currentValue()).isZero();
            assertThat(row.limit()).as("no limit given: none").isEqualTo(-1);
        });
        assertThat(paths).allSatisfy(p -> assertThat(p).contains("/locations/westeurope/")
                .contains("api-version=2025-12-01"));
    }

    @Test
    void aRegionNameThatCouldLeaveTheLocationPathIsRefusedBeforeAnyCall() throws IOException {
        ArmComputeGateway gateway = serve("{\"value\":[]}");

        ProvisioningException e = catchThrowableOfType(ProvisioningException.class,
                () -> gateway.regionReader().read(SUBSCRIPTION, "westeurope/../../x", "corr"));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(paths).isEmpty();
    }
}

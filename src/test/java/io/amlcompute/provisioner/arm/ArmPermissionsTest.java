package io.amlcompute.provisioner.arm;

import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.UnderlyingResourceAction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static io.amlcompute.provisioner.arm.EmulatedArm.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RBAC actions the deployment grants ({@link ArmPermissions}, the custom role's list) are exactly those of the
 * calls the gateway makes: every operation of the port is run against the emulator, and each recorded request is
 * mapped to the action ARM checks for it (GET read, PUT and PATCH write, DELETE delete, POST {name}/action).
 */
class ArmPermissionsTest {

    private static final String WORKSPACE_READ = "Microsoft.MachineLearningServices/workspaces/read";

    @Test
    void everyCallTheGatewayMakesNeedsAGrantedActionAndEveryGrantedActionIsUsed() {
        Set<String> needed;
        try (EmulatedArm arm = EmulatedArm.start()) {
            arm.gateway.create(address("cpu-cluster"), EmulatedArm.cluster("cpu-cluster", "STANDARD_DS3_V2", 0, 2),
                    EmulatedArm.SETUP_MARK, "c");
            arm.gateway.attach(address("db-cluster"), EmulatedArm.databricks("db-cluster", EmulatedArm.TOKEN_REF),
                    EmulatedArm.SETUP_MARK, "c");
            arm.gateway.createInstance(address("ci-alice"), EmulatedArm.instance("ci-alice"), EmulatedArm.SETUP_MARK,
                    "c");
            arm.advance(Duration.ofMinutes(1));
            arm.gateway.get(address("cpu-cluster"), "c");
            arm.gateway.updateScale(address("cpu-cluster"), new UpdateScaleSettings("cpu-cluster",
                    new ScaleSettings(0, 3, Duration.ofMinutes(2)), true), "c");
            arm.gateway.stop(address("ci-alice"), "c");
            arm.advance(Duration.ofMinutes(1));
            arm.gateway.start(address("ci-alice"), "c");
            arm.advance(Duration.ofMinutes(1));
            arm.gateway.restart(address("ci-alice"), "c");
            arm.advance(Duration.ofMinutes(1));
            arm.gateway.delete(address("cpu-cluster"), UnderlyingResourceAction.DELETE, "c");
            arm.gateway.delete(address("db-cluster"), UnderlyingResourceAction.DETACH, "c");
            needed = arm.requests().stream().map(ArmPermissionsTest::actionOf).collect(Collectors.toSet());
        }

        assertThat(needed).as("the region read is Reader's, the rest the custom role's")
                .containsExactlyInAnyOrderElementsOf(union(ArmPermissions.COMPUTE_ACTIONS, WORKSPACE_READ));
    }

    /** The action ARM authorizes a request with. */
    private static String actionOf(RecordedRequest request) {
        String path = request.path();
        if (!path.contains("/computes/")) {
            assertThat(request.method()).isEqualTo("GET");
            return WORKSPACE_READ;
        }
        String afterName = path.substring(path.indexOf("/computes/") + "/computes/".length());
        if (afterName.contains("/")) {
            assertThat(request.method()).isEqualTo("POST");
            return "Microsoft.MachineLearningServices/workspaces/computes/" + afterName.substring(afterName.indexOf('/') + 1)
                    + "/action";
        }
        return switch (request.method()) {
            case "GET" -> ArmPermissions.READ;
            case "PUT", "PATCH" -> ArmPermissions.WRITE;
            case "DELETE" -> ArmPermissions.DELETE;
            default -> throw new AssertionError("unexpected " + request.method() + " " + path);
        };
    }

    private static Set<String> union(java.util.List<String> actions, String more) {
        Set<String> all = new java.util.HashSet<>(actions);
        all.add(more);
        return all;
    }
}

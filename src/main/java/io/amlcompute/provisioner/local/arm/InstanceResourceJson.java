package io.amlcompute.provisioner.local.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The read-only part of a compute instance's {@code properties.properties} as the service fills it in, after the
 * example GET of the 2025-12-01 spec (examples/Compute/get/ComputeInstance.json): {@code state}, {@code lastOperation},
 * {@code errors}, {@code sshSettings.adminUserName} and {@code sshPort}, the defaults of what the PUT left out, and,
 * while the instance is Running, its {@code connectivityEndpoints} and {@code applications}. A stopped machine has no
 * address to reach, so the emulator shows neither then. Addresses and application URIs are illustrative but stable:
 * derived from the compute's name, under the host name form {@code <name>.<region>.instances.azureml.ms}.
 */
final class InstanceResourceJson {

    /** ComputeInstanceSshSettings.adminUserName and sshPort as the spec's example GET shows them. */
    static final String ADMIN_USER = "azureuser";
    static final int SSH_PORT = 22;

    private InstanceResourceJson() {
    }

    static void put(ObjectNode properties, ObservedCompute observed, Workspace workspace) {
        InstanceView view = observed.instance().orElseThrow();
        String name = observed.stored().name();
        properties.putIfAbsent("applicationSharingPolicy", Json.MAPPER.getNodeFactory().textNode("Shared"));
        properties.putIfAbsent("computeInstanceAuthorizationType", Json.MAPPER.getNodeFactory().textNode("personal"));
        properties.putIfAbsent("enableNodePublicIp", Json.MAPPER.getNodeFactory().booleanNode(true));
        properties.putIfAbsent("enableSSO", Json.MAPPER.getNodeFactory().booleanNode(true));
        ObjectNode ssh = properties.has("sshSettings") && properties.get("sshSettings").isObject()
                ? (ObjectNode) properties.get("sshSettings") : properties.putObject("sshSettings");
        ssh.putIfAbsent("sshPublicAccess", Json.MAPPER.getNodeFactory().textNode("Disabled"));
        ssh.put("adminUserName", ADMIN_USER);
        ssh.put("sshPort", SSH_PORT);
        properties.put("state", view.state().wireName());
        ObjectNode last = properties.putObject("lastOperation");
        last.put("operationName", view.lastOperation().name());
        last.put("operationTime", view.lastOperation().time().toString());
        last.put("operationStatus", view.lastOperation().status());
        last.put("operationTrigger", "User");
        if (view.errors().isEmpty()) {
            properties.putNull("errors");
        } else {
            ArrayNode errors = properties.putArray("errors");
            view.errors().forEach(error -> errors.add(error.toEnvelopeJson()));
        }
        if (view.running()) {
            putEndpoints(properties, name, workspace.location());
        }
    }

    private static void putEndpoints(ObjectNode properties, String name, String region) {
        int host = hostNumber(name);
        ObjectNode endpoints = properties.putObject("connectivityEndpoints");
        endpoints.put("privateIpAddress", "10.0.0." + (4 + host % 250));
        if (properties.path("enableNodePublicIp").asBoolean(true)) {
            endpoints.put("publicIpAddress", "20.50." + (host / 250 % 250) + "." + (1 + host % 250));
        } else {
            endpoints.putNull("publicIpAddress");
        }
        String base = "https://" + name.toLowerCase(Locale.ROOT) + "." + region.toLowerCase(Locale.ROOT)
                + ".instances.azureml.ms";
        ArrayNode applications = properties.putArray("applications");
        applications.addObject().put("displayName", "Jupyter").put("endpointUri", base + "/tree/");
        applications.addObject().put("displayName", "Jupyter Lab").put("endpointUri", base + "/lab");
        applications.addObject().put("displayName", "VS Code").put("endpointUri", base + "/vscode");
    }

    private static int hostNumber(String name) {
        return (int) (UUID.nameUUIDFromBytes(name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                .getLeastSignificantBits() & 0xffff);
    }
}

package io.amlcompute.provisioner.contract.validation;

import io.amlcompute.provisioner.contract.AdminUser;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.SecretRef;

import java.util.regex.Pattern;

/** Reads the type-specific fields of {@code $.compute} for an attach: one method per compute type. */
final class AttachTargetReader {

    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)$");
    private static final Pattern K8S_NAME = Pattern.compile("^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$");
    private static final int DEFAULT_SSH_PORT = 22;

    private final ComputeSectionReader section;
    private final ObjectFields compute;

    AttachTargetReader(ComputeSectionReader section, ObjectFields compute) {
        this.section = section;
        this.compute = compute;
    }

    AttachTarget read(ComputeType type) {
        String resourceId = section.readResourceId("resourceId", true, AttachTarget.expectedResourceTypes(type));
        return switch (type) {
            case DATABRICKS -> databricks(resourceId);
            case VIRTUAL_MACHINE -> virtualMachine(resourceId);
            case KUBERNETES -> kubernetes(resourceId);
            case HDINSIGHT -> hdInsight(resourceId);
            case SYNAPSE_SPARK -> resourceId == null ? null : new AttachTarget.SynapseSpark(resourceId);
            case AML_COMPUTE, COMPUTE_INSTANCE -> throw new IllegalArgumentException(type.wireName() + " is not attached");
        };
    }

    private AttachTarget databricks(String resourceId) {
        SecretRef token = compute.secret("accessToken", true);
        String url = compute.string("workspaceUrl", false, HOST, ReasonCode.INVALID_VALUE,
                "the workspace host name, such as adb-1234567890123456.7.azuredatabricks.net.");
        boolean complete = resourceId != null && token != null && (url != null || !compute.has("workspaceUrl"));
        return complete ? new AttachTarget.Databricks(resourceId, token, url) : null;
    }

    private AttachTarget virtualMachine(String resourceId) {
        SshAccess ssh = readSshAccess();
        return resourceId == null || ssh == null
                ? null : new AttachTarget.VirtualMachine(resourceId, ssh.address(), ssh.port(), ssh.adminUser());
    }

    private AttachTarget hdInsight(String resourceId) {
        SshAccess ssh = readSshAccess();
        return resourceId == null || ssh == null
                ? null : new AttachTarget.HdInsight(resourceId, ssh.address(), ssh.port(), ssh.adminUser());
    }

    private AttachTarget kubernetes(String resourceId) {
        String namespace = compute.string("namespace", false, K8S_NAME, ReasonCode.INVALID_VALUE,
                "a Kubernetes namespace name: lower-case letters, digits and '-', at most 63 characters.");
        String instanceType = compute.string("defaultInstanceType", false, INSTANCE_TYPE, ReasonCode.INVALID_VALUE,
                "an instance type name of the cluster's Azure ML extension.");
        boolean complete = resourceId != null
                && (namespace != null || !compute.has("namespace"))
                && (instanceType != null || !compute.has("defaultInstanceType"));
        return complete
                ? new AttachTarget.Kubernetes(resourceId, namespace == null ? "default" : namespace, instanceType)
                : null;
    }

    private SshAccess readSshAccess() {
        String address = compute.string("address", false);
        if (address != null && !IPV4.matcher(address).matches() && !HOST.matcher(address).matches()) {
            compute.problems().add(ReasonCode.INVALID_VALUE, compute.pathOf("address"), compute.pathOf("address")
                    + " " + Problems.quote(address) + " is not an IPv4 address or host name.");
            address = null;
        }
        Integer port = compute.integer("sshPort", false, 1, 65535);
        AdminUser admin = section.readAdminUser(compute, true, false);
        boolean complete = admin != null && (address != null || !compute.has("address"))
                && (port != null || !compute.has("sshPort"));
        return complete ? new SshAccess(address, port == null ? DEFAULT_SSH_PORT : port, admin) : null;
    }

    private record SshAccess(String address, int port, AdminUser adminUser) {
    }
}

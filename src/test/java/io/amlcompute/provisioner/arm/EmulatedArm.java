package io.amlcompute.provisioner.arm;

import io.amlcompute.provisioner.contract.AdminUser;
import io.amlcompute.provisioner.contract.ApplicationSharingPolicy;
import io.amlcompute.provisioner.contract.AssignedUser;
import io.amlcompute.provisioner.contract.EnsureComputeInstance;
import io.amlcompute.provisioner.contract.InstanceSchedule;
import io.amlcompute.provisioner.contract.InstanceSsh;
import io.amlcompute.provisioner.contract.SetupScripts;
import io.amlcompute.provisioner.contract.SshPublicAccess;
import io.amlcompute.provisioner.contract.AttachCompute;
import io.amlcompute.provisioner.contract.AttachTarget;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.IdentityType;
import io.amlcompute.provisioner.contract.ManagedIdentity;
import io.amlcompute.provisioner.contract.OsType;
import io.amlcompute.provisioner.contract.RemoteLoginPortPublicAccess;
import io.amlcompute.provisioner.contract.ScaleSettings;
import io.amlcompute.provisioner.contract.SecretRef;
import io.amlcompute.provisioner.contract.VmPriority;
import io.amlcompute.provisioner.contract.WorkspaceRef;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.local.arm.ArmEmulator;
import io.amlcompute.provisioner.local.arm.ArmEmulatorBuilder;
import io.amlcompute.provisioner.local.arm.RecordedRequest;
import io.amlcompute.provisioner.provisioning.ComputeAddress;
import io.amlcompute.provisioner.provisioning.CreatorMark;
import io.amlcompute.provisioner.provisioning.ErrorKind;
import io.amlcompute.provisioner.provisioning.ProvisioningException;
import io.amlcompute.provisioner.provisioning.SecretResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The ARM emulator on an ephemeral loopback port (ManualClock; provisioning 10 s, node allocation 20 s, update 5 s,
 * deletion 5 s, an instance's start, stop or restart 4 s) with one workspace and one attachable resource of each kind, and the real gateway talking to it over
 * HTTP without authentication. Waits between retries are recorded, not slept. Secrets come from a map standing in for
 * the secret store. Close it after the test.
 */
final class EmulatedArm implements AutoCloseable {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000aaaa";
    static final WorkspaceRef WORKSPACE = new WorkspaceRef(SUBSCRIPTION, "rg-ml", "ws-ml");
    static final String LOCATION = "westeurope";
    /** The creator mark of computes a test sets up directly through the gateway (no request of its own). */
    static final CreatorMark SETUP_MARK = new CreatorMark("test-setup");
    static final Instant START = Instant.parse("2025-06-01T08:00:00Z");

    static final String DATABRICKS_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-data/providers/Microsoft.Databricks/workspaces/dbw-analytics";
    static final String DATABRICKS_URL = "https://adb-1234567890123456.7.azuredatabricks.net";
    static final String VM_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-vm/providers/Microsoft.Compute/virtualMachines/dsvm-01";
    static final String AKS_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-k8s/providers/Microsoft.ContainerService/managedClusters/aks-ml";
    static final String HDI_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-hdi/providers/Microsoft.HDInsight/clusters/hdi-spark";
    static final String SYNAPSE_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-syn/providers/Microsoft.Synapse/workspaces/syn-ws/bigDataPools/sparkpool1";
    static final String SUBNET_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-compute";
    static final String IDENTITY_ID = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-compute";

    /** The secret values; each test asserts none of them leaks. */
    static final String DATABRICKS_TOKEN = "dapi-0123456789abcdef-secret";
    static final String ADMIN_PASSWORD = "Adm1n-Pa55word-secret";
    static final String SSH_PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIsecretpublickey user@host";
    static final String SSH_PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----secretprivatekey";
    static final List<String> SECRET_VALUES = List.of(DATABRICKS_TOKEN, ADMIN_PASSWORD, SSH_PUBLIC_KEY,
            SSH_PRIVATE_KEY);

    static final SecretRef TOKEN_REF = new SecretRef("local:databricks-token");
    static final SecretRef WRONG_TOKEN_REF = new SecretRef("local:stale-databricks-token");
    static final SecretRef PASSWORD_REF = new SecretRef("local:admin-password");
    static final SecretRef SSH_PUBLIC_REF = new SecretRef("local:ssh-public-key");
    static final SecretRef SSH_PRIVATE_REF = new SecretRef("local:ssh-private-key");

    static final Map<SecretRef, String> SECRETS = Map.of(
            TOKEN_REF, DATABRICKS_TOKEN,
            WRONG_TOKEN_REF, "dapi-stale-secret-token",
            PASSWORD_REF, ADMIN_PASSWORD,
            SSH_PUBLIC_REF, SSH_PUBLIC_KEY,
            SSH_PRIVATE_REF, SSH_PRIVATE_KEY);

    final ManualClock clock = new ManualClock(START);
    final ArmEmulator emulator;
    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    final ArmComputeGateway gateway;

    private EmulatedArm(Consumer<ArmEmulatorBuilder> customize, Consumer<ArmComputeGatewayBuilder> gatewayCustomize) {
        ArmEmulatorBuilder builder = ArmEmulator.builder()
                .clock(clock)
                .workspace(SUBSCRIPTION, WORKSPACE.resourceGroup(), WORKSPACE.workspaceName(), LOCATION)
                .databricksWorkspace(DATABRICKS_ID, DATABRICKS_URL, DATABRICKS_TOKEN)
                .virtualMachine(VM_ID)
                .kubernetesCluster(AKS_ID)
                .hdInsightCluster(HDI_ID)
                .synapseSparkPool(SYNAPSE_ID)
                .provisioningTime(Duration.ofSeconds(10))
                .nodeAllocationTime(Duration.ofSeconds(20))
                .updateTime(Duration.ofSeconds(5))
                .deletionTime(Duration.ofSeconds(5))
                .instancePowerTime(Duration.ofSeconds(4));
        customize.accept(builder);
        try {
            emulator = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArmComputeGatewayBuilder gatewayBuilder = ArmComputeGateway.builder()
                .endpoint(emulator.endpoint())
                .withoutAuthentication()
                .secretResolver(secretStore())
                .clock(clock)
                .retry(RetrySettings.defaults().withPause(pauses::add));
        gatewayCustomize.accept(gatewayBuilder);
        gateway = gatewayBuilder.build();
    }

    static EmulatedArm start() {
        return new EmulatedArm(b -> {
        }, b -> {
        });
    }

    static EmulatedArm start(Consumer<ArmEmulatorBuilder> customize) {
        return new EmulatedArm(customize, b -> {
        });
    }

    static EmulatedArm start(Consumer<ArmEmulatorBuilder> customize, Consumer<ArmComputeGatewayBuilder> gateway) {
        return new EmulatedArm(customize, gateway);
    }

    static SecretResolver secretStore() {
        return ref -> {
            String value = SECRETS.get(ref);
            if (value == null) {
                throw new ProvisioningException(ErrorKind.SECRET_UNAVAILABLE, "SecretNotFound",
                        "Secret " + ref + " is not in the test store.");
            }
            return value;
        };
    }

    static ComputeAddress address(String computeName) {
        return new ComputeAddress(WORKSPACE, computeName);
    }

    void advance(Duration step) {
        clock.advance(step);
    }

    List<RecordedRequest> requests() {
        return emulator.requests();
    }

    /** The requests on computes, leaving out the gateway's read of the workspace's region (once per workspace). */
    List<RecordedRequest> computeRequests() {
        return emulator.requests().stream().filter(r -> r.path().contains("/computes")).toList();
    }

    void clearRequests() {
        emulator.clearRequests();
    }

    RecordedRequest lastRequest() {
        List<RecordedRequest> requests = emulator.requests();
        return requests.get(requests.size() - 1);
    }

    // Requests as the validated contract types carry them.

    static EnsureAmlCompute cluster(String name, String vmSize, int minNodes, int maxNodes) {
        return new EnsureAmlCompute(name, vmSize, VmPriority.DEDICATED,
                new ScaleSettings(minNodes, maxNodes, Duration.ofSeconds(120)), LOCATION, null, null, OsType.LINUX,
                RemoteLoginPortPublicAccess.DISABLED, true, null, Map.of("team", "forecasting"), "training cluster");
    }

    /** Every optional field set: subnet, identity, admin user with password and SSH key. */
    static EnsureAmlCompute fullCluster(String name) {
        return new EnsureAmlCompute(name, "Standard_DS3_v2", VmPriority.LOW_PRIORITY,
                new ScaleSettings(0, 4, Duration.ofMinutes(5)), LOCATION, SUBNET_ID,
                new ManagedIdentity(IdentityType.USER_ASSIGNED, List.of(IDENTITY_ID)), OsType.LINUX,
                RemoteLoginPortPublicAccess.NOT_SPECIFIED, false,
                new AdminUser("azureuser", PASSWORD_REF, SSH_PUBLIC_REF, null),
                Map.of("team", "forecasting", "costCenter", "ml-platform"), "training cluster");
    }

    static final AssignedUser ALICE = new AssignedUser("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
            "99999999-8888-4777-8666-555555555555");

    /**
     * A compute instance for Alice, as the sample: a stop schedule, a creation script, idle shutdown after an hour, single
     * sign-on off (the service turns it off for an instance made for someone with a setup script).
     */
    static EnsureComputeInstance instance(String name, String vmSize) {
        return new EnsureComputeInstance(name, vmSize, ALICE, ApplicationSharingPolicy.PERSONAL, InstanceSsh.DISABLED,
                null, true, Duration.ofHours(1),
                List.of(new InstanceSchedule(InstanceSchedule.PowerAction.STOP, true,
                        new InstanceSchedule.Trigger.Cron("0 19 * * 1-5", "W. Europe Standard Time", null))),
                false, new SetupScripts(new SetupScripts.Script("Users/alice/setup.sh", "--quiet",
                Duration.ofMinutes(10)), null), Map.of("owner", "alice"), "Alice's machine");
    }

    static EnsureComputeInstance instance(String name) {
        return instance(name, "Standard_DS3_v2");
    }

    /** A team's shared instance, for nobody in particular, with public SSH and an admin key. */
    static EnsureComputeInstance sharedInstance(String name) {
        return new EnsureComputeInstance(name, "Standard_DS3_v2", null, ApplicationSharingPolicy.SHARED,
                new InstanceSsh(SshPublicAccess.ENABLED, SSH_PUBLIC_REF), null, true, Duration.ofMinutes(30), List.of(),
                true, null, Map.of(), null);
    }

    static AttachCompute databricks(String name, SecretRef token) {
        return new AttachCompute(name, new AttachTarget.Databricks(DATABRICKS_ID, token, DATABRICKS_URL), null,
                "analytics workspace");
    }

    static AttachCompute virtualMachine(String name) {
        return new AttachCompute(name, new AttachTarget.VirtualMachine(VM_ID, "10.0.0.4", 22,
                new AdminUser("azureuser", PASSWORD_REF, SSH_PUBLIC_REF, SSH_PRIVATE_REF)), null, null);
    }

    static AttachCompute kubernetes(String name) {
        return new AttachCompute(name, new AttachTarget.Kubernetes(AKS_ID, "azureml", "defaultinstancetype"),
                new ManagedIdentity(IdentityType.SYSTEM_ASSIGNED, List.of()), null);
    }

    static AttachCompute hdInsight(String name) {
        return new AttachCompute(name, new AttachTarget.HdInsight(HDI_ID, "hdi-spark-ssh.azurehdinsight.net", 22,
                new AdminUser("sshuser", PASSWORD_REF, null, null)), null, null);
    }

    static AttachCompute synapseSpark(String name) {
        return new AttachCompute(name, new AttachTarget.SynapseSpark(SYNAPSE_ID), null, null);
    }

    @Override
    public void close() {
        emulator.close();
    }
}

package io.amlcompute.provisioner.arm;

import java.util.List;

/**
 * The Azure RBAC actions the gateway's calls need on a workspace's computes, one per kind of call, named as
 * "Azure permissions for AI + machine learning" lists them (MicrosoftDocs/azure-docs,
 * articles/role-based-access-control/permissions/ai-machine-learning.md, Microsoft.MachineLearningServices). The
 * deployment grants exactly these in a custom role (infra/app/compute-lifecycle-role.bicep), and a test keeps the
 * two lists equal; a test also maps every call the gateway makes against the emulator to one of them.
 *
 * <p>Not needed, so not granted: {@code computes/listKeys/action} (secrets of attached computes),
 * {@code computes/listNodes/action}, {@code computes/applicationaccess/action} and
 * {@code applicationaccessuilinks/action} (using an instance's Jupyter or VS Code: the assigned user's, not the app's),
 * {@code updateSchedules}, {@code updateIdleShutdownSetting}, {@code updateDataMounts}, {@code reimage},
 * {@code enableSso}, and everything outside {@code workspaces/computes}. Creating an instance on someone's behalf takes
 * {@code computes/write} like any create ("Create new compute instance: ... /workspaces/computes/write",
 * how-to-assign-roles, "Common scenarios"); the permissions Azure ML's docs list for create-on-behalf-of are the
 * assigned user's own (start, stop, restart, applicationaccess, updateSchedules: how-to-create-compute-instance,
 * "Create on behalf of"), which the app neither needs nor grants. The workspace read for its region is Reader's.
 */
public final class ArmPermissions {

    /** GET of a compute. */
    public static final String READ = "Microsoft.MachineLearningServices/workspaces/computes/read";
    /** PUT (create, attach) and PATCH (scale settings) of a compute. */
    public static final String WRITE = "Microsoft.MachineLearningServices/workspaces/computes/write";
    /** DELETE of a compute, with underlyingResourceAction Delete or Detach. */
    public static final String DELETE = "Microsoft.MachineLearningServices/workspaces/computes/delete";
    /** POST start of a compute instance. */
    public static final String START = "Microsoft.MachineLearningServices/workspaces/computes/start/action";
    /** POST stop of a compute instance. */
    public static final String STOP = "Microsoft.MachineLearningServices/workspaces/computes/stop/action";
    /** POST restart of a compute instance. */
    public static final String RESTART = "Microsoft.MachineLearningServices/workspaces/computes/restart/action";

    /** Everything the gateway does to computes. */
    public static final List<String> COMPUTE_ACTIONS = List.of(READ, WRITE, DELETE, START, STOP, RESTART);

    private ArmPermissions() {
    }
}

package io.amlcompute.provisioner.infra;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Azure built-in roles the app identity holds, by their fixed role definition ids (the same in every tenant), and
 * for the roles on an Azure ML workspace their management-plane actions, as Microsoft documents them ("Azure built-in
 * roles for AI + machine learning" and "... for General", learn.microsoft.com/azure/role-based-access-control/
 * built-in-roles): AzureML Compute Operator has {@code Microsoft.MachineLearningServices/workspaces/computes/*} and
 * {@code .../workspaces/notebooks/vm/*}; Reader has {@code *&#47;read}.
 */
enum BuiltInRole {
    SERVICE_BUS_DATA_RECEIVER("4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"),
    SERVICE_BUS_DATA_SENDER("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"),
    STORAGE_BLOB_DATA_OWNER("b7e6dc6d-f1e8-4753-8033-0f276bb0955b"),
    STORAGE_QUEUE_DATA_CONTRIBUTOR("974c5e8b-45b9-4653-ba55-5f855dd0fb88"),
    STORAGE_TABLE_DATA_CONTRIBUTOR("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"),
    KEY_VAULT_SECRETS_USER("4633458b-17de-408a-b874-0445c86b69e6"),
    AZUREML_COMPUTE_OPERATOR("e503ece1-11d0-4e8e-8e2c-7a6c3bf38815",
            "Microsoft.MachineLearningServices/workspaces/computes/*",
            "Microsoft.MachineLearningServices/workspaces/notebooks/vm/*"),
    MONITORING_METRICS_PUBLISHER("3913510d-42f4-4e42-8a64-420c390055eb"),
    READER("acdd72a7-3385-48ef-bd42-f606fba81ae7", "*/read"),
    MANAGED_IDENTITY_OPERATOR("f1a07417-d97a-45cb-824c-7a7467783830"),
    /** Azure-Samples/Durable-Task-Scheduler (samples/durable-functions/dotnet/HelloCities/infra/main.bicep). */
    DURABLE_TASK_DATA_CONTRIBUTOR("0ad04412-c4d5-4796-b79c-f76d14c8d402");

    private final String id;
    private final List<String> actions;

    BuiltInRole(String id, String... actions) {
        this.id = id;
        this.actions = List.of(actions);
    }

    String id() {
        return id;
    }

    /**
     * Whether the role's actions cover {@code operation} (e.g. {@code Microsoft.MachineLearningServices/workspaces/read}),
     * matching {@code *} as ARM does: any run of characters, case-insensitively. Only roles whose actions are listed
     * here can answer true.
     */
    boolean allows(String operation) {
        return actions.stream().anyMatch(action -> Pattern.compile(
                        "\\Q" + action.replace("*", "\\E.*\\Q") + "\\E", Pattern.CASE_INSENSITIVE)
                .matcher(operation).matches());
    }
}

package io.amlcompute.provisioner.infra;

/** The Azure built-in roles the app identity holds, by their fixed role definition ids (the same in every tenant). */
enum BuiltInRole {
    SERVICE_BUS_DATA_RECEIVER("4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"),
    SERVICE_BUS_DATA_SENDER("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"),
    STORAGE_BLOB_DATA_OWNER("b7e6dc6d-f1e8-4753-8033-0f276bb0955b"),
    STORAGE_QUEUE_DATA_CONTRIBUTOR("974c5e8b-45b9-4653-ba55-5f855dd0fb88"),
    STORAGE_TABLE_DATA_CONTRIBUTOR("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"),
    KEY_VAULT_SECRETS_USER("4633458b-17de-408a-b874-0445c86b69e6"),
    AZUREML_COMPUTE_OPERATOR("e503ece1-11d0-4e8e-8e2c-7a6c3bf38815"),
    MONITORING_METRICS_PUBLISHER("3913510d-42f4-4e42-8a64-420c390055eb"),
    READER("acdd72a7-3385-48ef-bd42-f606fba81ae7"),
    MANAGED_IDENTITY_OPERATOR("f1a07417-d97a-45cb-824c-7a7467783830"),
    /** Azure-Samples/Durable-Task-Scheduler (samples/durable-functions/dotnet/HelloCities/infra/main.bicep). */
    DURABLE_TASK_DATA_CONTRIBUTOR("0ad04412-c4d5-4796-b79c-f76d14c8d402");

    private final String id;

    BuiltInRole(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }
}

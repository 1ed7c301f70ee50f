package io.amlcompute.provisioner.local.arm;

/** PUT and PATCH bodies as a client would send them (api-version 2025-12-01). */
final class ComputeBodies {

    private ComputeBodies() {
    }

    /** The contract's BasicAmlCompute example, with a VM size and node counts of the caller's choice. */
    static String amlCompute(String vmSize, int minNodes, int maxNodes) {
        return """
                { "location": "westeurope",
                  "properties": { "computeType": "AmlCompute",
                    "properties": { "vmSize": "%s", "vmPriority": "Dedicated", "osType": "Linux",
                      "isolatedNetwork": false, "remoteLoginPortPublicAccess": "NotSpecified",
                      "enableNodePublicIp": true,
                      "scaleSettings": { "maxNodeCount": %d, "minNodeCount": %d,
                                         "nodeIdleTimeBeforeScaleDown": "PT5M" } } } }
                """.formatted(vmSize, maxNodes, minNodes);
    }

    static String amlCompute() {
        return amlCompute("STANDARD_DS3_V2", 0, 4);
    }

    /** An AmlCompute body whose type-specific properties are exactly {@code innerProperties} (a JSON object body). */
    static String amlComputeWith(String innerProperties) {
        return """
                { "properties": { "computeType": "AmlCompute", "properties": { %s } } }
                """.formatted(innerProperties);
    }

    static String databricks(String resourceId, String token) {
        return """
                { "properties": { "computeType": "Databricks", "resourceId": "%s",
                    "properties": { "databricksAccessToken": "%s" } } }
                """.formatted(resourceId, token);
    }

    static String attach(String computeType, String resourceId, String innerProperties) {
        return """
                { "properties": { "computeType": "%s", "resourceId": "%s", "properties": { %s } } }
                """.formatted(computeType, resourceId, innerProperties);
    }

    static String scaleTo(int minNodes, int maxNodes) {
        return """
                { "properties": { "properties": { "scaleSettings":
                    { "maxNodeCount": %d, "minNodeCount": %d, "nodeIdleTimeBeforeScaleDown": "PT10M" } } } }
                """.formatted(maxNodes, minNodes);
    }
}

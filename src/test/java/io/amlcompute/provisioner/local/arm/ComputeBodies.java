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

    static final String ASSIGNED_USER = """
            "personalComputeInstanceSettings": { "assignedUser": {
                "objectId": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "tenantId": "99999999-8888-4777-8666-555555555555" } }""";

    /**
     * A ComputeInstance created for someone, as the spec's ComputeInstanceWithSchedules example (vmSize, sharing policy,
     * SSH settings, assigned user, a Cron schedule), with {@code more} type properties added (a JSON fragment, or
     * empty).
     */
    static String computeInstance(String vmSize, String more) {
        return """
                { "location": "westeurope",
                  "properties": { "computeType": "ComputeInstance",
                    "properties": { "vmSize": "%s", "applicationSharingPolicy": "Personal",
                      "sshSettings": { "sshPublicAccess": "Disabled" },
                      "computeInstanceAuthorizationType": "personal",
                      %s,
                      "schedules": { "computeStartStop": [ { "status": "Enabled", "action": "Stop",
                          "triggerType": "Cron", "cron": { "expression": "0 18 * * *", "timeZone": "UTC" } } ] }
                      %s } } }
                """.formatted(vmSize, ASSIGNED_USER, more.isEmpty() ? "" : ", " + more);
    }

    static String computeInstance() {
        return computeInstance("STANDARD_DS3_V2", "");
    }
}

package io.amlcompute.provisioner.functions;

import com.google.gson.Gson;

/**
 * An activity's return value as the orchestrator gets it in Azure: written by the Functions Java worker's Gson
 * (2.9.0, defaults), stored as that JSON by the Durable extension, and read back by the orchestrator.
 */
final class ActivityResults {

    private static final Gson WORKER_GSON = new Gson();

    private ActivityResults() {
    }

    static <T> T read(Object returned, Class<T> type) {
        return ActivityJson.read(WORKER_GSON.toJson(returned), type);
    }
}

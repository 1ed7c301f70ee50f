package io.amlcompute.provisioner.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.provisioning.Progress;

import java.time.Instant;

/**
 * What a person needs from the status API's 200 answer: the runtime status, the progress, and the completion
 * event's type once there is one. Records compare by value, so a waiter can tell a changed view from a repeat
 * without comparing text that moves with the clock ("next read in 20s").
 *
 * @param runtimeStatus "?" when the answer has none
 * @param progress      null when the orchestration has reported none (yet) or it cannot be read
 * @param eventType     the event's short type ({@code ready}); null before the request is done
 */
record StatusView(String runtimeStatus, Progress progress, String eventType) {

    /** The view in a 200 answer's JSON body. */
    static StatusView of(JsonNode body) {
        return new StatusView(body.path("runtimeStatus").asText("?"), progressIn(body), eventTypeIn(body));
    }

    /** {@code RUNNING, waiting: Creating, Resizing, nodes 1/2, 3 reads, next read in 20s, event ready}. */
    String describe(Instant now) {
        return runtimeStatus + (progress == null ? "" : ", " + ProgressLine.describe(progress, now))
                + (eventType == null ? "" : ", event " + eventType);
    }

    private static Progress progressIn(JsonNode body) {
        JsonNode progress = body.get("progress");
        if (progress == null || !progress.isObject()) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(progress, Progress.class);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String eventTypeIn(JsonNode body) {
        JsonNode type = body.path("event").get("type");
        return type == null ? null : EventOutput.shortType(type.asText());
    }
}

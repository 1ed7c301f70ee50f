package io.amlcompute.provisioner.cli;

import java.util.Optional;

/**
 * One line of the demo's summary: a step, the event it expected, the event that came (if any) and when.
 *
 * @param expectedType   the CloudEvents type, e.g. {@code io.amlcompute.lease.expired}
 * @param expectedDetail what the event says it did: {@code data.outcome} ({@code created}), else a lease's
 *                       {@code data.lease.result} ({@code deleted}), else {@code -}
 * @param seconds        since the demo began
 */
record DemoRow(String title, String requestId, String expectedType, String expectedDetail,
               Optional<ReceivedEvent> event, double seconds) {

    static final String NONE = "-";

    String expected() {
        return EventOutput.shortType(expectedType) + "/" + expectedDetail;
    }

    String got() {
        return event.map(e -> EventOutput.shortType(e.type()) + "/" + detailOf(e)).orElse("no event");
    }

    boolean ok() {
        return event.isPresent() && expectedType.equals(event.get().type())
                && expectedDetail.equals(detailOf(event.get()));
    }

    static String detailOf(ReceivedEvent event) {
        String outcome = event.json().path("data").path("outcome").asText(null);
        if (outcome != null) {
            return outcome;
        }
        String result = event.leaseResult();
        return result != null ? result : NONE;
    }
}

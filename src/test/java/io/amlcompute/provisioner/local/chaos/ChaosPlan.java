package io.amlcompute.provisioner.local.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.amlcompute.provisioner.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The requests of one chaos run and the messages that carry them: ensures and attaches of computes of their own
 * (so every one must end {@code created} or {@code attached}, never {@code existing}), invalid requests (a
 * rejection each), some asking for a reply on a session of their own with the application properties
 * {@code replyTo}/{@code replyToSessionId} (ADR 0006), and exact duplicates: the same body sent again, under a new
 * MessageId (the app's own idempotency must hold) or under the same one (the queue's duplicate detection drops
 * it). The messages are shuffled; everything is drawn from one seed.
 */
record ChaosPlan(List<Planned> requests, List<Send> sends) {

    /** What a request is, and so which event it must end in. */
    enum Kind {
        ENSURE("ensure-amlcompute", "io.amlcompute.compute.ready", "created"),
        ATTACH_DATABRICKS("attach-databricks", "io.amlcompute.compute.ready", "attached"),
        ATTACH_VM("attach-virtualmachine", "io.amlcompute.compute.ready", "attached"),
        INVALID("invalid-request", "io.amlcompute.request.rejected", "rejected");

        final String sample;
        final String eventType;
        final String outcome;

        Kind(String sample, String eventType, String outcome) {
            this.sample = sample;
            this.eventType = eventType;
            this.outcome = outcome;
        }
    }

    /**
     * One request.
     *
     * @param computeName  the compute it creates or attaches; null for an invalid request
     * @param replySession the session its reply is asked on; null when it asks for none
     */
    record Planned(String requestId, Kind kind, ObjectNode body, String computeName, String replySession) {
    }

    /** One message: the request it carries and its MessageId. */
    record Send(Planned request, String messageId) {
    }

    /**
     * @param requests   how many distinct requests
     * @param duplicates how many extra messages re-send one of them
     */
    static ChaosPlan of(int requests, int duplicates, long seed) {
        Random random = new Random(seed);
        String run = letters(random.nextInt(26 * 26 * 26), 3);
        List<Planned> planned = new ArrayList<>();
        List<Send> sends = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Kind kind = kindOf(i);
            String requestId = "chaos-" + run + "-" + i;
            ObjectNode body = sample(kind.sample);
            body.put("requestId", requestId);
            String computeName = null;
            if (kind != Kind.INVALID) {
                // 3 to 24 letters, digits or '-', starting with a letter, not ending in '-' and digits.
                computeName = "chaos" + run + letters(i, 4);
                ((ObjectNode) body.get("compute")).put("name", computeName);
            }
            String replySession = kind != Kind.INVALID && i % 4 == 1 ? "reply-" + requestId : null;
            Planned request = new Planned(requestId, kind, body, computeName, replySession);
            planned.add(request);
            sends.add(new Send(request, messageId(random)));
        }
        for (int d = 0; d < duplicates; d++) {
            Send original = sends.get(random.nextInt(requests));
            boolean sameMessageId = d % 2 == 0;
            sends.add(new Send(original.request(), sameMessageId ? original.messageId() : messageId(random)));
        }
        Collections.shuffle(sends, random);
        return new ChaosPlan(List.copyOf(planned), List.copyOf(sends));
    }

    /** About 45 % ensures, 30 % attaches (Databricks and virtual machines), 25 % invalid. */
    private static Kind kindOf(int i) {
        return switch (i % 20) {
            case 0, 2, 4, 6, 8, 10, 12, 14, 16 -> Kind.ENSURE;
            case 1, 5, 9 -> Kind.ATTACH_DATABRICKS;
            case 3, 7, 11 -> Kind.ATTACH_VM;
            default -> Kind.INVALID;
        };
    }

    private static String messageId(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static String letters(int value, int width) {
        StringBuilder text = new StringBuilder();
        int rest = value;
        for (int k = 0; k < width; k++) {
            text.insert(0, (char) ('a' + rest % 26));
            rest /= 26;
        }
        return text.toString();
    }

    private static ObjectNode sample(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("samples", "requests", name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

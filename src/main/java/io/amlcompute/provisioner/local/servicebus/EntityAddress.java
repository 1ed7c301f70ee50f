package io.amlcompute.provisioner.local.servicebus;

import java.net.URI;
import java.util.Locale;

/**
 * A link address the client uses, taken apart: {@code <queue>}, {@code <topic>},
 * {@code <topic>/subscriptions/<subscription>}, each optionally followed by {@code /$deadletterqueue}, and any of
 * them followed by {@code /$management} for the request-response node. A scheme and host in front
 * ({@code amqps://ns.servicebus.windows.net/queue}) are ignored. Names are case-insensitive.
 *
 * @param entity       the queue or topic name, lower-cased
 * @param subscription the subscription name, lower-cased, or null
 */
record EntityAddress(String entity, String subscription, boolean deadLetterQueue, boolean management) {

    static final String DEAD_LETTER_QUEUE = "$deadletterqueue";
    static final String MANAGEMENT = "$management";
    static final String SUBSCRIPTIONS = "subscriptions";

    /** Parses an address, or throws {@link BrokerError#ENTITY_NOT_FOUND} when it has no entity shape. */
    static EntityAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw BrokerError.ENTITY_NOT_FOUND.exception("the link has no address");
        }
        String path = address;
        if (path.contains("://")) {
            path = URI.create(path).getPath();
        }
        String[] parts = path.toLowerCase(Locale.ROOT).replaceAll("^/+|/+$", "").split("/");
        int end = parts.length;
        boolean management = end > 1 && parts[end - 1].equals(MANAGEMENT);
        if (management) {
            end--;
        }
        boolean deadLetter = end > 1 && parts[end - 1].equals(DEAD_LETTER_QUEUE);
        if (deadLetter) {
            end--;
        }
        if (end == 1 && !parts[0].isEmpty() && !parts[0].startsWith("$")) {
            return new EntityAddress(parts[0], null, deadLetter, management);
        }
        if (end == 3 && parts[1].equals(SUBSCRIPTIONS)) {
            return new EntityAddress(parts[0], parts[2], deadLetter, management);
        }
        throw BrokerError.ENTITY_NOT_FOUND.exception("no entity at address '" + address + "'");
    }

    /** The address of the store messages are received from: the entity path without {@code /$management}. */
    String receivePath() {
        String path = subscription == null ? entity : entity + "/" + SUBSCRIPTIONS + "/" + subscription;
        return deadLetterQueue ? path + "/" + DEAD_LETTER_QUEUE : path;
    }

    @Override
    public String toString() {
        return management ? receivePath() + "/" + MANAGEMENT : receivePath();
    }
}

package io.amlcompute.provisioner.undeliverable;

/**
 * What an AMQP message's body is (AMQP 1.0, part 3, 3.2: one or more {@code data} sections, one {@code amqp-sequence}
 * section or more, or one {@code amqp-value}).
 */
public enum BodySection {
    /** {@code data}: bytes; what every Service Bus SDK sends for a string, bytes or an object. */
    DATA,
    /** {@code amqp-value} holding a string. */
    TEXT_VALUE,
    /** {@code amqp-value} holding anything else: a number, a map, a list, binary, null. */
    OTHER_VALUE,
    /** {@code amqp-sequence}. */
    SEQUENCE;

    /**
     * Whether the Service Bus extension binds it to a Java function's String parameter: data and a string value do;
     * any other value and a sequence fail with NotSupportedException (Microsoft.Azure.WebJobs.Extensions.ServiceBus
     * {@code MessageToStringConverter}, docs/local/functions-host.md rule S4).
     */
    public boolean bindsToText() {
        return this == DATA || this == TEXT_VALUE;
    }
}

package io.amlcompute.provisioner.contract.validation;

/**
 * What the transport knows about a request besides its body. Both fields may be null (e.g. a file checked by
 * {@code computectl validate}).
 *
 * @param messageId     Service Bus MessageId: the requestId when the body has none
 * @param correlationId Service Bus CorrelationId: the correlationId when the body has none
 */
public record MessageEnvelope(String messageId, String correlationId) {

    public static final MessageEnvelope NONE = new MessageEnvelope(null, null);
}

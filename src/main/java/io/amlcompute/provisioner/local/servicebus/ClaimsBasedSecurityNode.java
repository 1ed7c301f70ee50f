package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.message.Message;

import java.util.Optional;

/**
 * The {@code $cbs} node of one connection. The client puts a token before it opens each entity link and each
 * management node: {@code operation=put-token}, {@code type=servicebus.windows.net:sastoken}, {@code name=<audience>},
 * the token as an {@code AmqpValue} string. With a configured key the token must be a SAS token signed with it
 * (else 401, which the client reports as unauthorized); without one any token is accepted. A granted token
 * authorizes the whole connection (Service Bus scopes it to the audience; the emulator does not).
 */
final class ClaimsBasedSecurityNode implements RequestResponseNode {

    static final String ADDRESS = "$cbs";
    private static final String SAS_TOKEN_TYPE = "servicebus.windows.net:sastoken";

    private final Optional<ServiceBusEmulatorConfig.SharedAccessKey> key;
    private final Runnable onGranted;

    ClaimsBasedSecurityNode(Optional<ServiceBusEmulatorConfig.SharedAccessKey> key, Runnable onGranted) {
        this.key = key;
        this.onGranted = onGranted;
    }

    /** Whether entity links need a granted token first (only when a key is configured). */
    boolean requiresToken() {
        return key.isPresent();
    }

    @Override
    public Message respond(Message request) {
        if (!"put-token".equals(RequestResponseNode.applicationProperty(request, "operation"))) {
            return RequestResponseNode.response(501, "only put-token is supported", null);
        }
        if (key.isPresent()) {
            Object token = request.getBody() instanceof AmqpValue value ? value.getValue() : null;
            SharedAccessSignature signature = SharedAccessSignature.parse(token);
            boolean sasType = SAS_TOKEN_TYPE.equals(RequestResponseNode.applicationProperty(request, "type"));
            if (!sasType || signature == null || !signature.isSignedWith(key.get())) {
                return RequestResponseNode.response(401, "InvalidSignature: The token has an invalid signature.",
                        null);
            }
        }
        onGranted.run();
        return RequestResponseNode.response(200, "OK", null);
    }
}

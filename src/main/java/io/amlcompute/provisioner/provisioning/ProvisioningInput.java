package io.amlcompute.provisioner.provisioning;

import java.util.Objects;

/**
 * The orchestration's input: the validated request in its canonical JSON (secrets as references only), and
 * where to send a reply. Strings only, so both of Durable's JSON libraries carry it unchanged.
 *
 * @param request          canonical request JSON, see {@code RequestWriter}
 * @param replyQueue       null when the requester wants no reply
 * @param replySessionId   null when {@code replyQueue} is null
 */
public record ProvisioningInput(String request, String replyQueue, String replySessionId) {

    public ProvisioningInput {
        Objects.requireNonNull(request, "request");
        if ((replyQueue == null) != (replySessionId == null)) {
            throw new IllegalArgumentException("replyQueue and replySessionId go together");
        }
    }

    public ReplyAddress replyAddress() {
        return replyQueue == null ? null : new ReplyAddress(replyQueue, replySessionId);
    }
}

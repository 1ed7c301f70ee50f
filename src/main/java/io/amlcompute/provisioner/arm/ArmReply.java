package io.amlcompute.provisioner.arm;

import com.azure.core.http.HttpHeaders;

/** One ARM answer, read completely, so the connection is released before it is interpreted. */
record ArmReply(int status, HttpHeaders headers, byte[] body) {

    boolean hasBody() {
        return body != null && body.length > 0;
    }
}

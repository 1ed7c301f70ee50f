package io.amlcompute.provisioner.local.arm;

import java.net.HttpURLConnection;

/** The {@code $skip} continuation token the emulator's pageable lists put in their {@code nextLink}. */
final class ListPages {

    private ListPages() {
    }

    static int skip(IncomingRequest request) {
        String token = request.queryParameter("$skip").orElse("0");
        try {
            int skip = Integer.parseInt(token);
            if (skip >= 0) {
                return skip;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ArmRefusal(HttpURLConnection.HTTP_BAD_REQUEST, ArmError.of("InvalidParameterValue",
                "The continuation token '$skip' is not one this API issued: follow nextLink as returned.", "$skip"));
    }
}

package io.amlcompute.provisioner.local.arm;

/**
 * Ends the handling of a request early with an ARM error response (unknown workspace, bad name, conflict...). Thrown
 * only inside the emulator and always turned into its response by {@link ArmRouter}; it never reaches a client as an
 * exception. Stackless: it is control flow, not a bug.
 */
final class ArmRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ArmResponse response;

    ArmRefusal(int status, ArmError error) {
        super(error.code(), null, false, false);
        this.response = ArmResponse.error(status, error);
    }

    ArmRefusal(ArmResponse response) {
        super(String.valueOf(response.status()), null, false, false);
        this.response = response;
    }

    ArmResponse response() {
        return response;
    }
}

package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.event.ComputeEvent;

import java.util.Objects;

/** Starts the provisioning orchestration of a request, at most once per instance id, and hands it control requests. */
public interface OrchestrationStarter {

    /**
     * Schedules the orchestration unless an instance with this id exists already (in any state).
     *
     * @return true when this call started it, false when it was a duplicate
     * @throws RuntimeException when the Durable backend could not be reached; the message is then redelivered
     */
    boolean startIfAbsent(String instanceId, ProvisioningInput input);

    /**
     * Hands {@code signal} to the running orchestration {@code instanceId} and waits until it has answered it.
     *
     * @return how it went: answered by the orchestration, or not deliverable because the instance is unknown or has
     *         ended (then the caller answers)
     * @throws RuntimeException when the backend could not be reached, or no answer came in time; the message is then
     *                          redelivered, and a signal the orchestration has seen already is not applied twice
     */
    Delivery signal(String instanceId, Signal signal);

    /** What became of a signal. */
    sealed interface Delivery {

        /** The orchestration published its answer. */
        record Answered() implements Delivery {
        }

        /** No request with that id is known. */
        record Unknown() implements Delivery {
        }

        /** The request has ended; {@code how} says how, for the rejection. */
        record Ended(String how) implements Delivery {
            public Ended {
                Objects.requireNonNull(how, "how");
            }

            /** Ended with {@code terminal}, its last event. */
            public static Ended with(ComputeEvent terminal) {
                return new Ended("Request " + terminal.data().requestId() + " already ended: "
                        + terminal.type().wireName()
                        + (terminal.data().outcome() == null ? "" : " (" + terminal.data().outcome().wireName() + ")")
                        + " at " + terminal.time() + ".");
            }
        }
    }
}

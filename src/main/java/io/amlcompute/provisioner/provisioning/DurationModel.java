package io.amlcompute.provisioner.provisioning;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;

import java.time.Duration;
import java.util.Locale;

/**
 * What the app knows about how long things take: the expected duration the polling policy plans with, and the
 * observations that refine it. Consulted inside activities only (its answers are recorded in orchestration
 * history), so the orchestrator stays deterministic. Implementations are thread-safe.
 */
public interface DurationModel {

    /** The expectation for requests with this key; falls back to {@link ExpectedDuration#typicalFor}. */
    ExpectedDuration expected(ComputeRequest request);

    /** Records how long a request of this kind took from acceptance to ready (or gone). */
    void record(String key, Duration observed);

    /**
     * The key durations are learned under: action, compute type and, for AmlCompute, VM size and priority
     * (different sizes provision at different speeds).
     */
    static String keyOf(ComputeRequest request) {
        String base = request.action().wireName() + "/" + (request.operation().computeType() == null
                ? "any" : request.operation().computeType().wireName());
        if (request.operation() instanceof EnsureAmlCompute ensure) {
            return base + "/" + ensure.vmSize().toLowerCase(Locale.ROOT) + "/" + ensure.vmPriority().wireName();
        }
        return base;
    }

    /** The same expectation for every request; learns nothing. */
    static DurationModel fixed(ExpectedDuration expected) {
        return new DurationModel() {
            @Override
            public ExpectedDuration expected(ComputeRequest request) {
                return expected;
            }

            @Override
            public void record(String key, Duration observed) {
            }
        };
    }

    /** The defaults only: learns nothing. */
    DurationModel DEFAULTS = new DurationModel() {
        @Override
        public ExpectedDuration expected(ComputeRequest request) {
            return ExpectedDuration.typicalFor(request.action(), request.operation().computeType());
        }

        @Override
        public void record(String key, Duration observed) {
        }
    };
}

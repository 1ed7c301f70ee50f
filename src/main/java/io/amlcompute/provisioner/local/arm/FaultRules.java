package io.amlcompute.provisioner.local.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The emulator's live fault rules. Rules are tried in the order they were added; the first that matches a request
 * applies, and a rule limited to {@code n} requests is dropped once used up. Thread-safe.
 */
public final class FaultRules {

    private final List<Armed> rules = new ArrayList<>();

    FaultRules() {
    }

    public synchronized void add(FaultRule rule) {
        rules.add(new Armed(rule, rule.times().isPresent() ? rule.times().getAsInt() : -1));
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    /** The rules still armed, in order. */
    public synchronized List<FaultRule> active() {
        return rules.stream().map(armed -> armed.rule).toList();
    }

    /** The fault for this request, if a rule matches; uses up one application of that rule. */
    synchronized Optional<Fault> take(String method, String path) {
        for (Armed armed : new ArrayList<>(rules)) {
            if (armed.rule.matches(method, path)) {
                if (armed.remaining > 0 && --armed.remaining == 0) {
                    rules.remove(armed);
                }
                return Optional.of(armed.rule.fault());
            }
        }
        return Optional.empty();
    }

    /** A rule and how many more requests it applies to (-1: always). */
    private static final class Armed {
        private final FaultRule rule;
        private int remaining;

        Armed(FaultRule rule, int remaining) {
            this.rule = rule;
            this.remaining = remaining;
        }
    }
}

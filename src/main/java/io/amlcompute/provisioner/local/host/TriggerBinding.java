package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import java.util.Objects;
import java.util.Set;

/**
 * What starts a function, as its function.json trigger binding says, every {@code %Setting%} in its names already
 * resolved. {@link #name()} is the binding's name: the key of the trigger value in the invocation's input data.
 */
sealed interface TriggerBinding {

    String name();

    /** {@code serviceBusTrigger} on a queue, through the connection string in setting {@code connection}. */
    record ServiceBusQueue(String name, String queueName, String connection) implements TriggerBinding {
        public ServiceBusQueue {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(queueName, "queueName");
            Objects.requireNonNull(connection, "connection");
        }
    }

    /** {@code serviceBusTrigger} on a topic subscription. */
    record ServiceBusSubscription(String name, String topicName, String subscriptionName, String connection)
            implements TriggerBinding {
        public ServiceBusSubscription {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(topicName, "topicName");
            Objects.requireNonNull(subscriptionName, "subscriptionName");
            Objects.requireNonNull(connection, "connection");
        }
    }

    /** {@code httpTrigger}: requests to {@code /<routePrefix>/<route>} with one of these methods (empty: any). */
    record Http(String name, RouteTemplate route, Set<HttpMethod> methods, AuthorizationLevel authLevel)
            implements TriggerBinding {
        public Http {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(route, "route");
            methods = Set.copyOf(methods);
            Objects.requireNonNull(authLevel, "authLevel");
        }

        boolean accepts(HttpMethod method) {
            return methods.isEmpty() || methods.contains(method);
        }
    }

    /**
     * {@code timerTrigger}: the schedule (its {@code %Setting%} resolved) and whether the schedule monitor is on.
     * function.json carries neither {@code runOnStartup} nor {@code useMonitor} for Java (the annotation has no such
     * members), so the host's defaults apply: no run on startup, a monitor unless the schedule fires more than once
     * a minute.
     */
    record Timer(String name, NcrontabSchedule schedule, boolean useMonitor) implements TriggerBinding {
        public Timer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schedule, "schedule");
        }
    }

    /** {@code orchestrationTrigger}: turns of orchestrations registered under the function name. */
    record Orchestration(String name) implements TriggerBinding {
        public Orchestration {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code activityTrigger}: activities registered under the function name. */
    record Activity(String name) implements TriggerBinding {
        public Activity {
            Objects.requireNonNull(name, "name");
        }
    }
}

package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import java.util.Objects;
import java.util.Set;

/** What starts a function, with every {@code %Setting%} in its names already resolved. */
sealed interface TriggerBinding {

    /** {@code @ServiceBusQueueTrigger}: messages of a queue, through the connection string in setting {@code connection}. */
    record ServiceBusQueue(String queueName, String connection) implements TriggerBinding {
        public ServiceBusQueue {
            Objects.requireNonNull(queueName, "queueName");
            Objects.requireNonNull(connection, "connection");
        }
    }

    /** {@code @ServiceBusTopicTrigger}: messages of a topic subscription. */
    record ServiceBusSubscription(String topicName, String subscriptionName, String connection)
            implements TriggerBinding {
        public ServiceBusSubscription {
            Objects.requireNonNull(topicName, "topicName");
            Objects.requireNonNull(subscriptionName, "subscriptionName");
            Objects.requireNonNull(connection, "connection");
        }
    }

    /** {@code @HttpTrigger}: requests to {@code /<routePrefix>/<route>} with one of these methods (empty: any). */
    record Http(RouteTemplate route, Set<HttpMethod> methods, AuthorizationLevel authLevel) implements TriggerBinding {
        public Http {
            Objects.requireNonNull(route, "route");
            methods = Set.copyOf(methods);
            Objects.requireNonNull(authLevel, "authLevel");
        }

        boolean accepts(HttpMethod method) {
            return methods.isEmpty() || methods.contains(method);
        }
    }

    /** {@code @DurableOrchestrationTrigger}: turns of orchestrations registered under the function name. */
    record Orchestration() implements TriggerBinding {
    }

    /** {@code @DurableActivityTrigger}: activities registered under the function name. */
    record Activity() implements TriggerBinding {
    }
}

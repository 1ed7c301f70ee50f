package io.amlcompute.provisioner.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.event.EventType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Service Bus entities behave as the app relies on: duplicates dropped, failures kept, replies in sessions. */
class ServiceBusEntitiesTest {

    private static final String QUEUE = "Microsoft.ServiceBus/namespaces/queues";
    private static final String TOPIC = "Microsoft.ServiceBus/namespaces/topics";
    private static final String SUBSCRIPTION = "Microsoft.ServiceBus/namespaces/topics/subscriptions";
    private static final String RULE = "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules";

    private static BicepFile serviceBus() {
        return Infra.moduleOfMain("app/service-bus.bicep");
    }

    @Test
    void requestsQueueDropsDuplicatesAndKeepsWhatCannotBeDelivered() {
        BicepFile.Resource queue = serviceBus().resourceNamed(QUEUE, "requestsQueueName");
        assertThat(queue.expr("properties.requiresDuplicateDetection")).contains("true");
        assertThat(queue.expr("properties.duplicateDetectionHistoryTimeWindow")).isPresent();
        assertThat(queue.expr("properties.deadLetteringOnMessageExpiration")).contains("true");
        assertThat(queue.expr("properties.maxDeliveryCount")).contains("10");
        assertThat(queue.expr("properties.requiresSession")).isNotEqualTo(java.util.Optional.of("true"));
    }

    @Test
    void requestsQueueLockWithRenewalsOutlastsTheFunctionTimeout() {
        BicepFile.Resource queue = serviceBus().resourceNamed(QUEUE, "requestsQueueName");
        Duration lock = Duration.parse(queue.body().text("properties.lockDuration").orElseThrow());
        JsonNode host = Infra.json("host.json");
        Duration renewal = timeSpan(host.path("extensions").path("serviceBus").path("maxAutoLockRenewalDuration"));
        Duration functionTimeout = timeSpan(host.path("functionTimeout"));

        assertThat(lock).as("Service Bus allows locks of at most 5 minutes").isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(lock.plus(renewal)).as("lock + auto-renewal covers a run up to functionTimeout")
                .isGreaterThanOrEqualTo(functionTimeout);
    }

    @Test
    void repliesQueueIsSessionEnabledAndDropsDuplicates() {
        BicepFile.Resource queue = serviceBus().resourceNamed(QUEUE, "repliesQueueName");
        assertThat(queue.expr("properties.requiresSession")).contains("true");
        assertThat(queue.expr("properties.requiresDuplicateDetection")).contains("true");
    }

    @Test
    void eventsTopicDropsRepeatedPublishes() {
        BicepFile.Resource topic = serviceBus().resourceNamed(TOPIC, "eventsTopicName");
        assertThat(topic.expr("properties.requiresDuplicateDetection")).contains("true");
    }

    @Test
    void allEventsSubscriptionHasNoFilter() {
        BicepFile file = serviceBus();
        String symbol = file.resourceNamed(SUBSCRIPTION, "allEventsSubscriptionName").symbol();
        assertThat(file.resourcesOfType(RULE)).noneSatisfy(r -> assertThat(r.expr("parent")).contains(symbol));
    }

    @Test
    void failedEventsSubscriptionReplacesTheMatchAllRuleWithAFilterOnTheEventType() {
        BicepFile file = serviceBus();
        String symbol = file.resourceNamed(SUBSCRIPTION, "failedEventsSubscriptionName").symbol();
        BicepFile.Resource rule = file.resourcesOfType(RULE).stream()
                .filter(r -> r.expr("parent").orElse("").equals(symbol)).findFirst().orElseThrow();
        // Any other rule name would sit beside the $Default match-all rule, and rules are OR-ed.
        assertThat(rule.body().text("name")).contains("$Default");
        assertThat(rule.body().text("properties.filterType")).contains("CorrelationFilter");
        // The publisher sets Subject (ARM calls it label) to the CloudEvents type.
        assertThat(rule.body().text("properties.correlationFilter.label")).contains(EventType.FAILED.wireName());
    }

    @Test
    void namespaceIsStandardTierTheLowestWithTopicsSessionsAndDuplicateDetection() {
        // Basic has no topics, sessions or duplicate detection; Premium has them too but is dedicated capacity the
        // app does not need. The issue asks for Standard.
        BicepFile.Resource namespace = serviceBus().resourcesOfType("Microsoft.ServiceBus/namespaces").get(0);
        assertThat(namespace.body().text("sku.name")).contains("Standard");
        assertThat(namespace.body().text("sku.tier")).contains("Standard");
    }

    /** host.json time spans: {@code hh:mm:ss[.fff]}. */
    static Duration timeSpan(JsonNode value) {
        String[] parts = value.asText().split(":");
        assertThat(parts).as("time span %s", value).hasSize(3);
        return Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusMillis(Math.round(Double.parseDouble(parts[2]) * 1000));
    }
}

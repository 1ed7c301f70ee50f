package io.amlcompute.provisioner.local.servicebus;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceBusEmulatorConfigTest {

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appDefaultsDefineTheEntitiesOfThisAppOnLoopbackInMemory() {
        ServiceBusEmulatorConfig config = ServiceBusEmulatorConfig.appDefaults();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.dataDirectory()).isEmpty();
        assertThat(config.sharedAccessKey()).isEmpty();
        assertThat(config.queues()).extracting(QueueDefinition::name)
                .containsExactlyInAnyOrder("compute-requests", "compute-replies");
        assertThat(config.queues()).filteredOn(queue -> queue.name().equals("compute-replies"))
                .singleElement().satisfies(queue -> assertThat(queue.requiresSession()).isTrue());
        assertThat(config.queues()).filteredOn(queue -> queue.name().equals("compute-requests"))
                .singleElement().satisfies(queue -> {
                    assertThat(queue.requiresSession()).isFalse();
                    assertThat(queue.maxDeliveryCount()).isEqualTo(10);
                    assertThat(queue.requiresDuplicateDetection()).isTrue();
                });
        assertThat(config.topics()).singleElement().satisfies(topic -> {
            assertThat(topic.name()).isEqualTo("compute-events");
            // As infra/app/service-bus.bicep: every event, and the example filtered subscription (failures only).
            assertThat(topic.subscriptions()).extracting(SubscriptionDefinition::name)
                    .containsExactly("all-events", "compute-failed");
            assertThat(topic.subscriptions().get(0).rules()).isEmpty();
            assertThat(topic.subscriptions().get(1).rules()).singleElement()
                    .satisfies(rule -> assertThat(rule.subject()).isEqualTo("io.amlcompute.compute.failed"));
        });
    }

    @Test
    void readsTheOfficialEmulatorShapeWithCommentsDefaultsAndTheEmulatorSection() throws IOException {
        ServiceBusEmulatorConfig config = ServiceBusEmulatorConfig.fromJson(json("""
                {
                  "Emulator": { "Port": 5672, "SharedAccessKeyName": "local", "SharedAccessKey": "k",
                                "DataDirectory": "target/sb" },
                  "UserConfig": {
                    "Namespaces": [ {
                      "Name": "sbemulatorns",
                      "Queues": [ { "Name": "queue.1", "Properties": { "LockDuration": "PT30S",
                                    "MaxDeliveryCount": 3, "ForwardTo": "" } },
                                  { "Name": "bare" } ],
                      "Topics": [ {
                        "Name": "topic.1",
                        "Subscriptions": [ {
                          "Name": "subscription.1",
                          "Rules": [ { "Name": "r1", "Properties": { "FilterType": "Correlation",
                            "CorrelationFilter": {
                              "Label": "ComputeReady", // Service Bus's old name of Subject
                              "Properties": { "region": "westeurope", "attempt": 2 }
                            } } } ]
                        } ]
                      } ]
                    } ],
                    "Logging": { "Type": "File" }
                  }
                }
                """));

        assertThat(config.port()).isEqualTo(5672);
        assertThat(config.sharedAccessKey()).hasValue(new ServiceBusEmulatorConfig.SharedAccessKey("local", "k"));
        assertThat(config.dataDirectory()).hasValue(Path.of("target/sb"));
        assertThat(config.queues().get(0).lockDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.queues().get(0).maxDeliveryCount()).isEqualTo(3);
        assertThat(config.queues().get(1)).isEqualTo(QueueDefinition.named("bare"));
        CorrelationFilter filter = config.topics().get(0).subscriptions().get(0).rules().get(0);
        assertThat(filter.subject()).isEqualTo("ComputeReady");
        assertThat(filter.properties()).isEqualTo(Map.of("region", "westeurope", "attempt", 2));
    }

    @Test
    void reportsEveryUnsupportedOrInvalidSettingWithItsPath() {
        assertThatThrownBy(() -> ServiceBusEmulatorConfig.fromJson(json("""
                { "UserConfig": { "Namespaces": [ {
                    "Queues": [ { "Name": "q", "Properties": { "LockDuration": "PT10M" } },
                                { "Name": "fwd", "Properties": { "ForwardTo": "elsewhere" } } ],
                    "Topics": [ { "Name": "t", "Subscriptions": [ { "Name": "s", "Rules": [
                        { "Name": "sql", "Properties": { "FilterType": "Sql",
                                                         "SqlFilter": { "SqlExpression": "1=1" } } } ] } ] } ]
                } ] } }
                """)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UserConfig.Namespaces[0].Queues[0]: lockDuration must be at most PT5M")
                .hasMessageContaining("UserConfig.Namespaces[0].Queues[1]: auto-forwarding")
                .hasMessageContaining("UserConfig.Namespaces[0].Topics[0].Subscriptions[0].Rules[0]: only FilterType");
    }

    @Test
    void refusesUnknownFields() {
        assertThatThrownBy(() -> ServiceBusEmulatorConfig.fromJson(json("""
                { "UserConfig": { "Namespaces": [ { "Queues": [ { "Name": "q", "Propertes": {} } ] } ] } }
                """))).isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void refusesTwoEntitiesWithTheSameNameInAnyCase() {
        assertThatThrownBy(() -> ServiceBusEmulatorConfig.builder()
                .queue(QueueDefinition.named("Orders"))
                .topic(TopicDefinition.named("orders"))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two entities are named");
    }

    @Test
    void neverShowsTheKeyInItsTextForm() {
        ServiceBusEmulatorConfig config = ServiceBusEmulatorConfig.builder().sharedAccessKey("admin", "t0p-s3cret")
                .build();

        assertThat(config.toString()).doesNotContain("t0p-s3cret").contains("admin");
    }
}

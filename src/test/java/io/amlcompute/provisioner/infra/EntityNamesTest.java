package io.amlcompute.provisioner.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.functions.SubmitComputeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One set of Service Bus entity names everywhere: {@link EntityNames}, the {@link Setting} defaults, the trigger's
 * binding, the Bicep parameters and entities, and the local Service Bus emulator's entities.
 */
class EntityNamesTest {

    /** Where the emulator's default entities live ({@code ServiceBusEmulatorConfig.appDefaults()} reads it). */
    private static final String EMULATOR_ENTITY_RESOURCE = "/local/servicebus/app-entities.json";

    /** Each entity: its default name, the app setting that names it (if any), and its main.bicep parameter. */
    enum Entity {
        REQUESTS_QUEUE(EntityNames.REQUESTS_QUEUE, Setting.COMPUTE_REQUESTS_QUEUE, "requestsQueueName",
                "Microsoft.ServiceBus/namespaces/queues"),
        EVENTS_TOPIC(EntityNames.EVENTS_TOPIC, Setting.COMPUTE_EVENTS_TOPIC, "eventsTopicName",
                "Microsoft.ServiceBus/namespaces/topics"),
        ALL_EVENTS_SUBSCRIPTION(EntityNames.ALL_EVENTS_SUBSCRIPTION, null, "allEventsSubscriptionName",
                "Microsoft.ServiceBus/namespaces/topics/subscriptions"),
        REPLIES_QUEUE(EntityNames.REPLIES_QUEUE, Setting.COMPUTE_REPLIES_QUEUE, "repliesQueueName",
                "Microsoft.ServiceBus/namespaces/queues");

        final String name;
        final Setting setting;
        final String bicepParam;
        final String resourceType;

        Entity(String name, Setting setting, String bicepParam, String resourceType) {
            this.name = name;
            this.setting = setting;
            this.bicepParam = bicepParam;
            this.resourceType = resourceType;
        }
    }

    @ParameterizedTest
    @EnumSource(Entity.class)
    void settingDefaultIsTheEntityName(Entity entity) {
        if (entity.setting != null) {
            assertThat(entity.setting.defaultValue()).isEqualTo(entity.name);
        }
    }

    @ParameterizedTest
    @EnumSource(Entity.class)
    void bicepParameterDefaultIsTheEntityName(Entity entity) {
        assertThat(BicepText.unquote(Infra.main().param(entity.bicepParam).defaultValue())).isEqualTo(entity.name);
    }

    @ParameterizedTest
    @EnumSource(Entity.class)
    void bicepEntityAndAppSettingBothTakeTheParameter(Entity entity) {
        BicepFile.Module serviceBus = Infra.main().module("app/service-bus.bicep");
        assertThat(serviceBus.body().expr("params." + entity.bicepParam)).contains(entity.bicepParam);
        Infra.moduleOfMain("app/service-bus.bicep").resourceNamed(entity.resourceType, entity.bicepParam);
        if (entity.setting != null) {
            assertThat(Infra.main().objectVar("appSettings").expr(entity.setting.key())).contains(entity.bicepParam);
        }
    }

    /**
     * The local run names the same entities as the code defaults and the Bicep: a queue renamed in any one place
     * (local.settings.json, {@link EntityNames}, the Bicep parameter) fails here. Entities without a setting (the
     * catch-all subscription) are not in local.settings.json; the CLI uses {@link EntityNames} for them.
     */
    @ParameterizedTest
    @EnumSource(Entity.class)
    void localSettingsNameTheSameEntitiesAsTheCodeAndTheBicep(Entity entity) {
        if (entity.setting == null) {
            return;
        }
        JsonNode values = Infra.json("local.settings.json").path("Values");
        String local = values.path(entity.setting.key()).asText(null);
        String bicep = BicepText.unquote(Infra.main().param(entity.bicepParam).defaultValue());
        assertThat(local).as("local.settings.json %s", entity.setting.key()).isEqualTo(entity.name)
                .isEqualTo(entity.setting.defaultValue()).isEqualTo(bicep);
    }

    @Test
    void triggerListensOnTheQueueItsSettingNames() throws NoSuchMethodException {
        ServiceBusQueueTrigger trigger = serviceBusTrigger(SubmitComputeRequest.class);
        assertThat(trigger.queueName()).isEqualTo("%" + Setting.COMPUTE_REQUESTS_QUEUE.key() + "%");
        // The Functions host resolves connection "X" from X (connection string, local run) or X__* (identity).
        assertThat(trigger.connection()).isEqualTo(Setting.SERVICE_BUS_CONNECTION_STRING.key());
        assertThat(Setting.SERVICE_BUS_NAMESPACE.key()).isEqualTo(trigger.connection() + "__fullyQualifiedNamespace");
    }

    @Test
    void emulatorDefaultsUseTheSameEntitiesWithTheSameBehaviour() throws IOException {
        JsonNode namespace = emulatorNamespace();
        JsonNode requests = named(namespace.path("Queues"), EntityNames.REQUESTS_QUEUE);
        JsonNode replies = named(namespace.path("Queues"), EntityNames.REPLIES_QUEUE);
        JsonNode events = named(namespace.path("Topics"), EntityNames.EVENTS_TOPIC);
        named(events.path("Subscriptions"), EntityNames.ALL_EVENTS_SUBSCRIPTION);

        BicepFile serviceBus = Infra.moduleOfMain("app/service-bus.bicep");
        BicepFile.Resource bicepRequests = serviceBus.resourceNamed(Entity.REQUESTS_QUEUE.resourceType,
                Entity.REQUESTS_QUEUE.bicepParam);
        assertThat(requests.path("Properties").path("RequiresDuplicateDetection").asBoolean()).isTrue();
        assertThat(requests.path("Properties").path("DeadLetteringOnMessageExpiration").asBoolean()).isTrue();
        assertThat(requests.path("Properties").path("RequiresSession").asBoolean()).isFalse();
        assertThat(String.valueOf(requests.path("Properties").path("MaxDeliveryCount").asInt()))
                .isEqualTo(bicepRequests.expr("properties.maxDeliveryCount").orElseThrow());
        assertThat(replies.path("Properties").path("RequiresSession").asBoolean()).isTrue();
        assertThat(events.path("Properties").path("RequiresDuplicateDetection").asBoolean()).isTrue();
    }

    /** The emulator's bundled entity definitions (Service Bus emulator config format). */
    private static JsonNode emulatorNamespace() throws IOException {
        String resource = EMULATOR_ENTITY_RESOURCE;
        try (InputStream in = Objects.requireNonNull(EntityNamesTest.class.getResourceAsStream(resource),
                "the emulator's entity file " + resource)) {
            JsonNode namespaces = Json.MAPPER.readTree(in).path("UserConfig").path("Namespaces");
            assertThat(namespaces.size()).as("namespaces in " + resource).isEqualTo(1);
            return namespaces.get(0);
        }
    }

    private static JsonNode named(JsonNode entities, String name) {
        return StreamSupport.stream(entities.spliterator(), false)
                .filter(e -> name.equals(e.path("Name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("the emulator defines no entity '" + name + "' among " + entities));
    }

    private static ServiceBusQueueTrigger serviceBusTrigger(Class<?> functionClass) throws NoSuchMethodException {
        Method function = Arrays.stream(functionClass.getMethods())
                .filter(m -> m.isAnnotationPresent(FunctionName.class)).findFirst()
                .orElseThrow(() -> new NoSuchMethodException(functionClass + " has no @FunctionName method"));
        return Arrays.stream(function.getParameters())
                .map((Parameter p) -> p.getAnnotation(ServiceBusQueueTrigger.class)).filter(Objects::nonNull)
                .findFirst().orElseThrow(() -> new AssertionError(function + " has no @ServiceBusQueueTrigger"));
    }
}

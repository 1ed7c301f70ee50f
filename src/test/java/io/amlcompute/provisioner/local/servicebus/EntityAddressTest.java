package io.amlcompute.provisioner.local.servicebus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityAddressTest {

    @ParameterizedTest
    @CsvSource({
            "compute-requests, compute-requests, , false, false",
            "Compute-Requests/$DeadLetterQueue, compute-requests, , true, false",
            "compute-requests/$management, compute-requests, , false, true",
            "compute-events/subscriptions/all-events, compute-events, all-events, false, false",
            "compute-events/subscriptions/all-events/$deadletterqueue/$management, compute-events, all-events, true, true",
            "amqps://ns.servicebus.windows.net/compute-requests, compute-requests, , false, false"
    })
    void takesTheAddressesTheClientUsesApart(String address, String entity, String subscription,
            boolean deadLetterQueue, boolean management) {
        assertThat(EntityAddress.parse(address))
                .isEqualTo(new EntityAddress(entity, subscription, deadLetterQueue, management));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "$cbs", "a/b", "topic/subscriptions", "topic/rules/x"})
    void refusesAddressesWithoutAnEntityShape(String address) {
        assertThatThrownBy(() -> EntityAddress.parse(address))
                .isInstanceOfSatisfying(BrokerException.class, e ->
                        assertThat(e.error()).isEqualTo(BrokerError.ENTITY_NOT_FOUND));
    }
}

package io.amlcompute.provisioner.local.servicebus;

import java.util.Map;

/**
 * What a receiver decided about a locked message, whether it said so with an AMQP disposition on the receive
 * link or with {@code com.microsoft:update-disposition} on the management node.
 */
sealed interface Settlement {

    /** {@code Accepted}: the message is done and removed. */
    record Complete() implements Settlement {
    }

    /** {@code Modified}: try again later; the delivery count goes up. */
    record Abandon(Map<String, Object> propertiesToModify) implements Settlement {
    }

    /** {@code Modified{undeliverable-here}}: set aside, only receivable by sequence number. */
    record Defer(Map<String, Object> propertiesToModify) implements Settlement {
    }

    /** {@code Rejected{com.microsoft:dead-letter}}: move to the dead-letter queue with a reason. */
    record DeadLetter(String reason, String description, Map<String, Object> propertiesToModify)
            implements Settlement {
    }

    /** {@code Released}: the receiver never looked at it; available again, delivery count unchanged. */
    record Release() implements Settlement {
    }
}

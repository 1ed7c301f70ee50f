package io.amlcompute.provisioner.local.host;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * .NET values of a trigger's binding data that have no Java twin but serialize differently: the extensions put
 * them in the binding data, and the host writes them as JSON with Newtonsoft.Json (see {@link NewtonsoftJson}).
 */
sealed interface DotNetValue {

    /**
     * A {@code System.DateTime}. The Service Bus extension's {@code EnqueuedTimeUtc} and {@code ExpiresAtUtc} are
     * {@code DateTimeOffset.DateTime}, of kind Unspecified: Newtonsoft writes them without a zone designator. The
     * timer's {@code ScheduleStatus} times are of kind Local: written with the host's offset, {@code +00:00} in
     * the model (the host's zone is UTC, see {@link NcrontabSchedule}).
     */
    record DateTime(LocalDateTime value, Kind kind) implements DotNetValue {
        public DateTime {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(kind, "kind");
        }

        enum Kind { UNSPECIFIED, UTC, LOCAL }
    }

    /** A {@code System.DateTimeOffset}: written with its offset, {@code +00:00} for UTC. */
    record DateTimeOffset(OffsetDateTime value) implements DotNetValue {
        public DateTimeOffset {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An object of the extension's own (message actions, the client) whose JSON the model does not know in
     * detail; the key is present, as in Azure, with this JSON.
     */
    record Opaque(String json) implements DotNetValue {
        public Opaque {
            Objects.requireNonNull(json, "json");
        }
    }
}

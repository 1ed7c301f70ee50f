package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the host sends binding data to the worker (H1, H2 in docs/local/functions-host.md). */
class HostRpcValuesTest {

    @Test
    void nullEntriesAndSysAreLeftOutOfTheTriggerMetadata() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("MessageId", "m-1");
        data.put("CorrelationId", null);
        data.put("sys", "system binding data");

        assertThat(HostRpcValues.triggerMetadata(data)).containsOnlyKeys("MessageId");
    }

    @Test
    void stringsAreStringDataAndEverythingButDoublesAndBytesIsJson() {
        assertThat(HostRpcValues.toRpc("{\"looks\":\"like json\"}")).isEqualTo(new TypedData.Text("{\"looks\":\"like json\"}"));
        assertThat(HostRpcValues.toRpc(1)).isEqualTo(new TypedData.Json("1"));
        assertThat(HostRpcValues.toRpc(42L)).isEqualTo(new TypedData.Json("42"));
        assertThat(HostRpcValues.toRpc(true)).isEqualTo(new TypedData.Json("true"));
        assertThat(HostRpcValues.toRpc(2.5)).isEqualTo(new TypedData.Real(2.5));
        assertThat(HostRpcValues.toRpc(new byte[]{1})).isEqualTo(new TypedData.Bytes(new byte[]{1}));
        assertThat(HostRpcValues.toRpc(Map.of("a", 1))).isEqualTo(new TypedData.Json("{\"a\":1}"));
        assertThat(HostRpcValues.toRpc(null)).isEqualTo(new TypedData.None());
    }

    @Test
    void datesAreWrittenAsNewtonsoftWritesThemFractionTrimmedZoneOnlyWhenTheValueHasOne() {
        LocalDateTime at = LocalDateTime.of(2026, 12, 4, 10, 0, 0, 123_000_000);

        assertThat(HostRpcValues.toRpc(new DotNetValue.DateTime(at, DotNetValue.DateTime.Kind.UNSPECIFIED)))
                .isEqualTo(new TypedData.Json("\"2026-12-04T10:00:00.123\""));
        assertThat(HostRpcValues.toRpc(new DotNetValue.DateTime(at.withNano(0), DotNetValue.DateTime.Kind.UTC)))
                .isEqualTo(new TypedData.Json("\"2026-12-04T10:00:00Z\""));
        assertThat(HostRpcValues.toRpc(new DotNetValue.DateTimeOffset(OffsetDateTime.of(at, ZoneOffset.UTC))))
                .isEqualTo(new TypedData.Json("\"2026-12-04T10:00:00.123+00:00\""));
    }
}

package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The host's extra binding data from a JSON trigger value (H3 in docs/local/functions-host.md). */
class JsonBodyBindingDataTest {

    @Test
    void aTopLevelFieldReplacesAnEntryOfTheSameNameInAnyCaseKeepingTheEntrysSpelling() {
        Map<String, Object> data = bindingData();
        data.put("CorrelationId", null);
        data.put("DeliveryCount", 1);

        JsonBodyBindingData.apply("{\"correlationId\":\"from-body\",\"deliveryCount\":\"seven\"}", data);

        assertThat(data).containsEntry("CorrelationId", "from-body").containsEntry("DeliveryCount", "seven").hasSize(2);
        assertThat(data.keySet()).containsExactlyInAnyOrder("CorrelationId", "DeliveryCount");
    }

    @Test
    void objectsStayJsonOtherValuesBecomeNewtonsoftStringsAndNullsAndArraysAreSkipped() {
        Map<String, Object> data = bindingData();

        JsonBodyBindingData.apply("{\"o\":{\"a\":1},\"b\":true,\"n\":1.5,\"z\":null,\"list\":[1],"
                + "\"when\":\"2024-05-01T12:00:00Z\"}", data);

        assertThat(data.get("o")).isInstanceOf(JsonNode.class).hasToString("{\"a\":1}");
        assertThat(data).containsEntry("b", "True").containsEntry("n", "1.5")
                .containsEntry("when", "05/01/2024 12:00:00").doesNotContainKeys("z", "list");
    }

    @Test
    void aValueThatIsNotAJsonObjectAddsNothing() {
        Map<String, Object> data = bindingData();

        JsonBodyBindingData.apply("[{\"a\":1}]", data);
        JsonBodyBindingData.apply("not json", data);
        JsonBodyBindingData.apply("{broken", data);

        assertThat(data).isEmpty();
    }

    @Test
    void theHostsDictionaryIsCaseInsensitiveAPlainMapWouldNotBe() {
        Map<String, Object> plain = new HashMap<>();
        plain.put("CorrelationId", null);

        JsonBodyBindingData.apply("{\"correlationId\":\"x\"}", plain);

        assertThat(plain).containsKeys("CorrelationId", "correlationId");
    }

    private static Map<String, Object> bindingData() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }
}

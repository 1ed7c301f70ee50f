package io.amlcompute.provisioner.nodejs;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import org.junit.jupiter.api.DynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The structured output of a scenario script written with {@code src/test/js/harness/scenarios.mjs}: one JSON
 * object per line, first {@code {"plan": [names]}}, then {@code {"scenario": name, "ok": true|false, "error": …}}
 * for each. Turned into one JUnit test per planned scenario, so a failure names its scenario, and a scenario that
 * never reported (the script died or hung) fails too.
 */
public final class ScenarioReport {

    private final List<String> plan;
    private final Map<String, JsonNode> results;
    private final NodeRun run;

    private ScenarioReport(List<String> plan, Map<String, JsonNode> results, NodeRun run) {
        this.plan = plan;
        this.results = results;
        this.run = run;
    }

    public static ScenarioReport of(NodeRun run) {
        List<String> plan = new ArrayList<>();
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (String line : run.stdout().split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (Exception e) {
                continue;
            }
            if (node.has("plan")) {
                node.get("plan").forEach(name -> plan.add(name.asText()));
            } else if (node.has("scenario")) {
                results.put(node.get("scenario").asText(), node);
            }
        }
        return new ScenarioReport(plan, results, run);
    }

    public List<String> plan() {
        return plan;
    }

    /** One test per planned scenario (or one failing test when the script planned nothing). */
    public Stream<DynamicTest> tests() {
        if (plan.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("the script ran and planned its scenarios",
                    () -> fail("the script printed no plan:\n" + run.describe())));
        }
        return plan.stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
    }

    private void check(String name) {
        JsonNode result = results.get(name);
        if (result == null) {
            fail("scenario '" + name + "' never reported:\n" + run.describe());
        }
        if (!result.path("ok").asBoolean(false)) {
            fail("scenario '" + name + "' failed: " + result.path("error").asText("(no error given)"));
        }
    }
}

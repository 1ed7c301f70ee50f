package io.amlcompute.provisioner.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workbook and the alerts read only what the app writes: every field, event, event type, function name and
 * tracking dimension a query names exists ({@link LogQueries}).
 */
class LogQueriesTest {

    static List<LogQueries.Query> queries() {
        return LogQueries.all();
    }

    @ParameterizedTest
    @MethodSource("queries")
    void queryNamesOnlyWhatTheAppWrites(LogQueries.Query query) {
        assertThat(LogQueries.unknownNames(query.text())).as(query.file()).isEmpty();
    }

    @Test
    void theCheckRefusesNamesTheAppDoesNotWrite() {
        assertThat(LogQueries.unknownNames("traces | extend vmSize = extract(@\"\\bvmSize=(\\S+)\", 1, message)"))
                .as("a field no log line carries").containsExactly("log field vmSize");
        assertThat(LogQueries.unknownNames("traces | where event == \"request.finished\""))
                .containsExactly("event request.finished");
        assertThat(LogQueries.unknownNames("traces | where eventType in (\"io.amlcompute.compute.ready\", "
                + "\"io.amlcompute.compute.stuck\")")).containsExactly("event type io.amlcompute.compute.stuck");
        assertThat(LogQueries.unknownNames("requests | where name == \"PublishEvent\""))
                .containsExactly("function PublishEvent");
        assertThat(LogQueries.unknownNames("traces | extend x = customDimensions[\"prop__reason\"]"))
                .containsExactly("custom dimension prop__reason");
        assertThat(LogQueries.unknownNames("traces | extend x = extract(@\"phase: (\\w+) compute=(\\S+)\", 1, message)"))
                .as("a field read without the extract(@\"\\bfield=\") form").isNotEmpty();
    }

    @Test
    void theFunctionNamesComeFromTheApp() {
        assertThat(LogQueries.functionNames()).contains("SubmitComputeRequest", "ProvisionCompute",
                "PerformComputeAction", "ReadComputeStatus", "PublishCompletion", "PublishReply", "CleanUpCompute",
                "FindLeaseHolders", "GetComputeRequestStatus");
    }

    @Test
    void everyQueryFileIsDeployedAndEveryDeployedQueryExists() {
        Pattern loaded = Pattern.compile("loadTextContent\\('queries/([^']+)'\\)");
        Set<String> used = Set.of("app/workbook.bicep", "app/alerts.bicep").stream()
                .map(path -> Infra.text("infra/" + path))
                .flatMap(text -> {
                    Matcher m = loaded.matcher(text);
                    List<String> files = new java.util.ArrayList<>();
                    while (m.find()) {
                        files.add(m.group(1));
                    }
                    return files.stream();
                }).collect(Collectors.toSet());
        assertThat(queries().stream().map(LogQueries.Query::file).collect(Collectors.toSet()))
                .isEqualTo(used);
    }
}

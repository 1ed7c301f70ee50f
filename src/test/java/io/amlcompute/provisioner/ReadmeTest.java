package io.amlcompute.provisioner;

import io.amlcompute.provisioner.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the README's promises true: its settings table and its test command. */
class ReadmeTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private static String section(String readme, String heading) {
        int start = readme.indexOf("\n## " + heading + "\n");
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void theSettingsTableNamesEverySettingTheCodeReads() throws IOException {
        String settings = section(readme(), "Settings");

        assertThat(Arrays.stream(Setting.values()).map(Setting::key))
                .allSatisfy(key -> assertThat(settings).as("README Settings table").contains("`" + key));
    }

    @Test
    void ciRunsExactlyTheReadmesTestCommand() throws IOException {
        Matcher command = Pattern.compile("```bash\\n(mvn [^\\n]+)\\n```").matcher(section(readme(), "Test"));
        assertThat(command.find()).as("a test command in the README's Test section").isTrue();

        assertThat(Files.readString(Path.of(".ci", "run"))).contains("exec " + command.group(1) + "\n");
    }
}

package io.amlcompute.provisioner.contract.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CronExpressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"0 18 * * *", "0 8 * * *", "0 19 * * 1-5", "30 7 1,15 * *", "*/15 9-17 * * 1-5",
            "0 22 * 1-12/2 0", " 0  18 * * * "})
    void acceptsTheFiveFieldExpressionsOfTheDocs(String expression) {
        assertThat(CronExpression.problem(expression)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 18 * *", "0 0 18 * * *", "60 18 * * *", "0 24 * * *", "0 18 0 * *", "0 18 * 13 *",
            "0 18 * * 7", "0 18 * * MON", "0 18 * JAN *", "0 18-17 * * *", "0 18 * * */0", "0 18 ? * *", "0 18 L * *",
            "0 18 * * 1,", "-1 18 * * *"})
    void refusesWhatTheDocsDoNotAllow(String expression) {
        assertThat(CronExpression.problem(expression)).isPresent();
    }
}

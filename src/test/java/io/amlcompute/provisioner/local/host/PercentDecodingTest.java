package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentDecodingTest {

    @ParameterizedTest(name = "query {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "a+b          | a b",
            "a%2Fb        | a/b",
            "%zz          | %zz",
            "%            | %",
            "%4           | %4",
            "%E0%A4%A     | %E0%A4%A",
            "%E0%A4%AA    | \u092a",
            "%C3%BC%FF    | \u00fc%FF",
            "100%25       | 100%",
    })
    void decodesAQueryComponentLeavingWhatIsNotValidAsItIs(String raw, String decoded) {
        assertThat(PercentDecoding.queryComponent(raw)).isEqualTo(decoded);
    }

    @Test
    void decodesAnEscapedNulInAQueryButRejectsItInAPath() {
        assertThat(PercentDecoding.queryComponent("a%00")).isEqualTo("a\u0000");
        assertThatIllegalArgumentException().isThrownBy(() -> PercentDecoding.path("/a%00"));
    }

    @Test
    void neverDecodesAPlusOrAnEncodedSlashInAPath() {
        assertThat(PercentDecoding.path("/a+b%2F%2fc%41")).isEqualTo("/a+b%2F%2fcA");
    }
}

package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetTest {

    @ParameterizedTest(name = "{0} has the path {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/compute-requests/abc              | /api/compute-requests/abc",
            "/api/compute-requests/%zz              | /api/compute-requests/%zz",
            "/api/compute-requests/%E0%A4%A         | /api/compute-requests/%E0%A4%A",
            "/api/compute-requests/%E0%A4%AA        | /api/compute-requests/\u092a",
            "/api/compute-requests/%C0%AF           | /api/compute-requests/%C0%AF",
            "/api/compute-requests/%ED%A0%80        | /api/compute-requests/%ED%A0%80",
            "/api/compute-requests/%F4%90%80%80     | /api/compute-requests/%F4%90%80%80",
            "/api/compute-requests/%E0%41           | /api/compute-requests/%E0A",
            "/api/compute-requests/a%2Fb%2fc        | /api/compute-requests/a%2Fb%2fc",
            "/api/compute-requests/a%20b+c%            | /api/compute-requests/a b+c%",
            "/api/compute-requests/J%C3%BCrgen      | /api/compute-requests/J\u00fcrgen",
            "/api/x/../compute-requests/./abc       | /api/compute-requests/abc",
            "/api/compute-requests/%2E%2E           | /api/",
            "/..                                    | /",
            "/api/compute-requests/..%2F            | /api/compute-requests/..%2F",
    })
    void decodesThePathAsKestrelDoes(String target, String path) {
        assertThat(RequestTarget.parse(target)).hasValueSatisfying(t -> assertThat(t.path()).isEqualTo(path));
    }

    @ParameterizedTest(name = "{0} is answered 400")
    @CsvSource(delimiter = '|', value = {
            "/api/compute-requests/a%00b",
            "/api/compute-requests/J\u00fcrgen",
            "/api/compute-requests/a\u0000b",
            "api/compute-requests/abc",
            "http://127.0.0.1/api/compute-requests/abc",
            "%2Fapi",
    })
    void rejectsWhatKestrelRejects(String target) {
        assertThat(RequestTarget.parse(target)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: query {1}")
    @CsvSource(delimiter = '|', nullValues = "<null>", value = {
            "/a           | <null>",
            "/a?          | ''",
            "/a?b=%zz&c   | b=%zz&c",
            "/a%3Fb?c=d   | c=d",
    })
    void keepsTheQueryAsSent(String target, String query) {
        assertThat(RequestTarget.parse(target)).hasValueSatisfying(t -> assertThat(t.query()).isEqualTo(query));
    }

    @ParameterizedTest(name = "{0} is written into the url as {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/compute-requests/%zz           | /api/compute-requests/%25zz",
            "/api/compute-requests/J%C3%BCrgen   | /api/compute-requests/J%C3%BCrgen",
            "/api/compute-requests/a%20b%2Fc     | /api/compute-requests/a%20b%2Fc",
            "/api/compute-requests/a%3Fb%23c     | /api/compute-requests/a%3Fb%23c",
            "/api/compute-requests/a:b@c!$&'()*+,;=~ | /api/compute-requests/a:b@c!$&'()*+,;=~",
            "/api/compute-requests/%F0%9F%98%80  | /api/compute-requests/%F0%9F%98%80",
    })
    void escapesTheDecodedPathAgainForTheUrl(String target, String url) {
        assertThat(RequestTarget.parse(target)).hasValueSatisfying(t -> assertThat(t.pathForUrl()).isEqualTo(url));
    }
}

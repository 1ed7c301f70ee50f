package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTP triggered functions of the test app, called over HTTP with the JDK client. */
@Timeout(60)
class HttpTriggersTest {

    private static final String KEY = "test-function-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalFunctionsHost host;

    @BeforeAll
    static void startHost() throws Exception {
        host = LocalFunctionsHost.start(LocalFunctionsHostOptions.forApp(Map.of())
                .withFunctionsPackage("io.amlcompute.provisioner.local.host.testapp")
                // The test app's Durable functions are not called here; the port only has to be given.
                .withDurablePort(1)
                .withFunctionKey(KEY));
    }

    @AfterAll
    static void closeHost() {
        host.close();
    }

    @Test
    void bindsRouteValuesQueryValuesHeadersBodyAndTheExecutionContext() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("greetings/J%C3%BCrgen?style=loud&code=" + KEY))
                .header("X-Test-Header", "from the test")
                .POST(HttpRequest.BodyPublishers.ofString("hello body")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Greeted")).hasValue("Jürgen");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode echo = Json.MAPPER.readTree(response.body());
        assertThat(echo.get("name").asText()).isEqualTo("Jürgen");
        assertThat(echo.get("style").asText()).isEqualTo("loud");
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("body").asText()).isEqualTo("hello body");
        assertThat(echo.get("header").asText()).isEqualTo("from the test");
        assertThat(echo.has("headerAsSent")).as("header names arrive lower-cased; the map is case-sensitive").isFalse();
        assertThat(echo.get("uri").asText()).startsWith(host.httpBaseUri() + "greetings/J%C3%BCrgen?");
        assertThat(echo.get("function").asText()).isEqualTo("Greet");
        assertThat(echo.get("invocationId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void givesEachInvocationItsOwnInvocationId() throws Exception {
        String first = Json.MAPPER.readTree(get("greetings/a?style=x&code=" + KEY).body()).get("invocationId").asText();
        String second = Json.MAPPER.readTree(get("greetings/a?style=x&code=" + KEY).body()).get("invocationId").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void bindsAnEmptyBodyAsAnEmptyOptional() throws Exception {
        JsonNode echo = Json.MAPPER.readTree(get("greetings/b?style=quiet&code=" + KEY).body());

        assertThat(echo.get("body").asText()).isEqualTo("<none>");
    }

    @Test
    void aBindingNameForAQueryValueTheRequestDoesNotHaveFailsTheInvocation() throws Exception {
        // No "style" in the query: the trigger metadata has no such key, and the Java worker fails the invocation.
        assertThat(get("greetings/b?code=" + KEY).statusCode()).isEqualTo(500);
        // An empty value is another matter: the HTTP extension binds it as "" (only the RpcHttp query drops it).
        HttpResponse<String> empty = get("greetings/b?style=&code=" + KEY);
        assertThat(empty.statusCode()).isEqualTo(201);
        assertThat(Json.MAPPER.readTree(empty.body()).get("style").asText()).isEmpty();
    }

    @Test
    void aRouteValueWinsOverAQueryValueOfTheSameName() throws Exception {
        JsonNode echo = Json.MAPPER.readTree(get("greetings/route-name?name=query-name&style=x&code=" + KEY).body());

        assertThat(echo.get("name").asText()).isEqualTo("route-name");
    }

    @Test
    void acceptsTheFunctionKeyAsHeader() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("greetings/c?style=x"))
                .header("x-functions-key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void refusesAFunctionLevelCallWithoutTheKeyOrWithAWrongKey() throws Exception {
        assertThat(get("greetings/d").statusCode()).isEqualTo(401);
        assertThat(get("greetings/d?code=wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> wrongHeader = HTTP.send(HttpRequest.newBuilder(url("greetings/d"))
                .header("x-functions-key", KEY + "x").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongHeader.statusCode()).isEqualTo(401);
    }

    @Test
    void servesAnonymousFunctionsWithoutAKeyAndWritesAStringReturnAsText() throws Exception {
        HttpResponse<String> response = get("health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("healthy");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void answers404ForUnknownPathsAndForMethodsTheFunctionDoesNotTake() throws Exception {
        assertThat(get("nothing-here?code=" + KEY).statusCode()).isEqualTo(404);
        assertThat(get("greetings?code=" + KEY).statusCode()).isEqualTo(404);
        assertThat(get("greetings/a/b?code=" + KEY).statusCode()).isEqualTo(404);
        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(url("greetings/a?code=" + KEY)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(404);
        HttpResponse<String> outsidePrefix = HTTP.send(HttpRequest.newBuilder(
                URI.create(host.httpBaseUri().resolve("/health").toString())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outsidePrefix.statusCode()).isEqualTo(404);
    }

    @Test
    void answers500WithoutDetailsWhenTheFunctionThrows() throws Exception {
        HttpResponse<String> response = get("broken");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret detail");
    }

    @Test
    void aMalformedPercentEscapeReachesTheFunctionAsItWasSentAfterTheKeyCheck() throws Exception {
        // Kestrel leaves an escape that is not %HH, or not valid UTF-8, as it is; routing binds the segment as is.
        RawHttp.Response noKey = RawHttp.get(server(), "/api/greetings/%zz?style=x");
        assertThat(noKey.status()).as("the key is checked before the function runs").isEqualTo(401);

        RawHttp.Response bad = RawHttp.get(server(), "/api/greetings/%zz?style=x&code=" + KEY);
        assertThat(bad.status()).isEqualTo(201);
        JsonNode echo = Json.MAPPER.readTree(bad.body());
        assertThat(echo.get("name").asText()).isEqualTo("%zz");
        // The url the worker gets is the decoded path escaped again (PathString.ToUriComponent): % becomes %25.
        assertThat(echo.get("uri").asText()).isEqualTo(host.httpBaseUri() + "greetings/%25zz?style=x&code=" + KEY);

        RawHttp.Response truncated = RawHttp.get(server(), "/api/greetings/%E0%A4%A?style=x&code=" + KEY);
        assertThat(truncated.status()).isEqualTo(201);
        assertThat(Json.MAPPER.readTree(truncated.body()).get("name").asText()).isEqualTo("%E0%A4%A");
    }

    @Test
    void decodesValidEscapesButNeverAnEncodedSlashAndRemovesDotSegments() throws Exception {
        JsonNode mixed = Json.MAPPER.readTree(RawHttp.get(server(),
                "/api/greetings/a%20b%2Fc%zz?style=x&code=" + KEY).body());
        assertThat(mixed.get("name").asText()).isEqualTo("a b%2Fc%zz");

        JsonNode dotted = Json.MAPPER.readTree(RawHttp.get(server(),
                "/api/greetings/x/../y?style=x&code=" + KEY).body());
        assertThat(dotted.get("name").asText()).isEqualTo("y");
        assertThat(RawHttp.get(server(), "/api/greetings/%2E%2E?style=x&code=" + KEY).status())
                .as("an encoded dot segment is removed too: /api/greetings").isEqualTo(404);
    }

    @Test
    void rejectsWhatKestrelRejectsBeforeAnyFunctionOrKeyCheck() throws Exception {
        assertThat(RawHttp.get(server(), "/api/greetings/a%00b?style=x&code=" + KEY).status())
                .as("an escaped NUL").isEqualTo(400);
        byte[] notAscii = ("GET /api/greetings/J\u00fcrgen?style=x&code=" + KEY + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(RawHttp.exchange(server(), notAscii).status()).as("a byte that is not ASCII").isEqualTo(400);
        byte[] noHost = "GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(RawHttp.exchange(server(), noHost).status()).as("HTTP/1.1 without Host").isEqualTo(400);
        byte[] noRequestLine = "NOT-HTTP\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(RawHttp.exchange(server(), noRequestLine).status()).as("no request line").isEqualTo(400);
    }

    @Test
    void decodesQueryValuesLeavingMalformedEscapesAsTheyAre() throws Exception {
        JsonNode echo = Json.MAPPER.readTree(RawHttp.get(server(),
                "/api/greetings/q?style=a+b%21%zz%E0&code=" + KEY).body());

        assertThat(echo.get("style").asText()).isEqualTo("a b!%zz%E0");
        // The url keeps the query as sent, so java.net.URI cannot parse it: as in Azure, getUri() throws.
        assertThat(echo.get("uri").asText()).startsWith("unparseable: Malformed escape pair");
    }

    @Test
    void servesOnLoopbackOnly() {
        assertThat(host.httpBaseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(host.httpBaseUri().getPath()).isEqualTo("/api/");
    }

    private static URI server() {
        return host.httpBaseUri().resolve("/");
    }

    private static URI url(String pathAndQuery) {
        return host.httpBaseUri().resolve(pathAndQuery);
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

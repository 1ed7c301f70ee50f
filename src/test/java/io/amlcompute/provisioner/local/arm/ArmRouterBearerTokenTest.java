package io.amlcompute.provisioner.local.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.arm.ComputeApiClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With an expected token configured, every request needs {@code Authorization: Bearer <token>}. */
class ArmRouterBearerTokenTest {

    private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi-test-token";

    private EmulatorSession session;

    @BeforeEach
    void start() {
        session = EmulatorSession.start(b -> b.requireBearerToken(TOKEN));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private Reply listWith(String... headers) {
        return session.client.send("GET", session.client.computesPath() + "?" + ComputeApiClient.API_VERSION, null,
                headers);
    }

    @Test
    void answers401WithAChallengeWhenAuthorizationIsMissing() {
        Reply reply = listWith();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("AuthenticationFailed");
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer authorization_uri=").contains("error=\"invalid_token\""));
    }

    @Test
    void answers401ForAnotherToken() {
        Reply reply = listWith("Authorization", "Bearer some-other-token");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("InvalidAuthenticationToken");
        assertThat(reply.header("WWW-Authenticate")).isPresent();
        assertThat(reply.body()).doesNotContain("some-other-token").doesNotContain(TOKEN);
    }

    @Test
    void servesRequestsThatCarryTheToken() {
        assertThat(listWith("Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
    }

    @Test
    void checksTheTokenBeforeAnythingElse() {
        Reply reply = session.client.send("GET", session.client.computesPath() + "?api-version=1999-01-01", null);

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void logsOnlyWhetherAuthorizationWasPresent() {
        listWith();
        listWith("Authorization", "Bearer " + TOKEN);

        assertThat(session.emulator.requests()).extracting(RecordedRequest::authorizationPresent)
                .containsExactly(false, true);
        assertThat(session.emulator.requests()).extracting(RecordedRequest::status).containsExactly(401, 200);
        assertThat(session.emulator.requests().toString()).doesNotContain(TOKEN);
    }
}

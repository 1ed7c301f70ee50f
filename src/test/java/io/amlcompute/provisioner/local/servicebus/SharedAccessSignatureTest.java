package io.amlcompute.provisioner.local.servicebus;

import com.azure.core.credential.TokenRequestContext;
import com.azure.messaging.servicebus.implementation.ServiceBusSharedKeyCredential;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens minted by the client's own credential class, checked the way the $cbs node checks them. */
class SharedAccessSignatureTest {

    private static final ServiceBusEmulatorConfig.SharedAccessKey KEY =
            new ServiceBusEmulatorConfig.SharedAccessKey("RootManageSharedAccessKey", "c2VjcmV0LWtleQ==");

    private static String tokenSignedWith(String keyName, String key) {
        return new ServiceBusSharedKeyCredential(keyName, key)
                .getToken(new TokenRequestContext().addScopes("amqp://127.0.0.1:5672/compute-requests"))
                .block()
                .getToken();
    }

    @Test
    void acceptsATokenSignedWithTheConfiguredKey() {
        SharedAccessSignature signature = SharedAccessSignature.parse(tokenSignedWith(KEY.name(), KEY.key()));

        assertThat(signature).isNotNull();
        assertThat(signature.isSignedWith(KEY)).isTrue();
    }

    @Test
    void refusesATokenSignedWithAnotherKeyOrKeyName() {
        assertThat(SharedAccessSignature.parse(tokenSignedWith(KEY.name(), "another-key")).isSignedWith(KEY))
                .isFalse();
        assertThat(SharedAccessSignature.parse(tokenSignedWith("OtherPolicy", KEY.key())).isSignedWith(KEY))
                .isFalse();
    }

    @Test
    void refusesSomethingThatIsNotASasToken() {
        assertThat(SharedAccessSignature.parse("Bearer eyJ0eXAiOiJKV1QifQ")).isNull();
        assertThat(SharedAccessSignature.parse(42)).isNull();
    }
}

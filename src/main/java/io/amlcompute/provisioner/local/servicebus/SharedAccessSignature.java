package io.amlcompute.provisioner.local.servicebus;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Service Bus SAS token, {@code SharedAccessSignature sr=<resource>&sig=<signature>&se=<expiry>&skn=<key name>},
 * where the signature is the Base64 HMAC-SHA256, keyed with the UTF-8 bytes of the key, of the URL-encoded resource,
 * a newline and the expiry (seconds since the epoch), exactly as the client's {@code ServiceBusSharedKeyCredential}
 * computes it. Expiry is not enforced: tokens are minted on the wall clock while the emulator may run on a
 * manual one.
 */
record SharedAccessSignature(String resource, String signature, String expiry, String keyName) {

    private static final String PREFIX = "SharedAccessSignature ";

    /** Parses a token, or returns null when it is not a SAS token at all. */
    static SharedAccessSignature parse(Object token) {
        if (!(token instanceof String text) || !text.startsWith(PREFIX)) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.substring(PREFIX.length()).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        if (!fields.keySet().containsAll(List.of("sr", "sig", "se", "skn"))) {
            return null;
        }
        return new SharedAccessSignature(fields.get("sr"), fields.get("sig"), fields.get("se"), fields.get("skn"));
    }

    boolean isSignedWith(ServiceBusEmulatorConfig.SharedAccessKey key) {
        if (!key.name().equals(keyName)) {
            return false;
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key.key().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = hmac.doFinal((resource + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
            byte[] presented = Base64.getDecoder().decode(URLDecoder.decode(signature, StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, presented);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SharedAccessSignature[resource=" + resource + ", keyName=" + keyName + ", signature=***]";
    }
}

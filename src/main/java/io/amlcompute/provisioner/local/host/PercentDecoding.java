package io.amlcompute.provisioner.local.host;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding as ASP.NET Core does it under the Functions host: an escape is decoded only when it is {@code %HH}
 * and the escaped bytes form valid UTF-8; anything else (a {@code %} without two hex digits, a truncated or invalid
 * UTF-8 sequence, an overlong form, a surrogate) is <b>left as it is</b>, never an error. Sources:
 * <ul>
 *   <li>the path: dotnet/aspnetcore@953674e31b51d95cb9a99e4f938b003b198ab8a4 {@code src/Shared/UrlDecoder/UrlDecoder.cs}
 *       ({@code DecodeInPlace(buffer, isFormEncoding: false)}, called by Kestrel's {@code PathDecoder.DecodePath}):
 *       {@code %2F} is never decoded (an encoded slash stays inside its segment), and an escaped NUL throws, which
 *       Kestrel turns into 400 ({@code Http1Connection.ParseTarget}).</li>
 *   <li>a query name or value: dotnet/aspnetcore@45a8f976a2db88bb43fa2b2146cfd9f70e35cdb2
 *       {@code src/Shared/QueryStringEnumerable.cs} ({@code DecodeValue}: {@code +} to space, then
 *       {@code Uri.UnescapeDataString}), and dotnet/runtime@10d7f9c893ccbea4d264a191e3c2a5a7bc4df7c3
 *       {@code src/libraries/System.Private.Uri/src/System/PercentEncodingHelper.cs}: invalid UTF-8 stays
 *       escaped.</li>
 * </ul>
 */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * A request path as Kestrel decodes it.
     *
     * @throws IllegalArgumentException for an escaped NUL ({@code %00}), which Kestrel rejects with 400
     */
    static String path(String raw) {
        return decode(raw, true);
    }

    /** A query name or value as ASP.NET Core's query feature decodes it ({@code +} is a space). */
    static String queryComponent(String raw) {
        return decode(raw, false);
    }

    private static String decode(String text, boolean path) {
        if (text.indexOf('%') < 0 && (path || text.indexOf('+') < 0)) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '+' && !path) {
                out.write(' ');
                i++;
                continue;
            }
            if (c != '%') {
                writeChar(out, c);
                i++;
                continue;
            }
            int first = escapedByte(text, i, path);
            if (first < 0) {
                out.write('%'); // not an escape: the '%' stays, the characters after it are read as usual
                i++;
                continue;
            }
            if (first == 0 && path) {
                throw new IllegalArgumentException("The path contains null characters.");
            }
            int length = utf8Length(first);
            byte[] sequence = escapedSequence(text, i, length, path);
            if (sequence != null && isValidUtf8(sequence)) {
                out.writeBytes(sequence);
                i += 3 * length;
            } else {
                // Not valid UTF-8: this escape stays as it was sent; what follows is read on its own.
                out.writeBytes(text.substring(i, i + 3).getBytes(StandardCharsets.US_ASCII));
                i += 3;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeChar(ByteArrayOutputStream out, char c) {
        if (c < 0x80) {
            out.write(c);
        } else {
            // Only a query can hold these here (a path was checked to be ASCII); keep them as they are.
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The byte of the escape at {@code at}, or -1 when it is not {@code %HH} (or, in a path, is {@code %2F}). */
    private static int escapedByte(String text, int at, boolean path) {
        if (at + 2 >= text.length() || text.charAt(at) != '%') {
            return -1;
        }
        int high = Character.digit(text.charAt(at + 1), 16);
        int low = Character.digit(text.charAt(at + 2), 16);
        if (high < 0 || low < 0 || !isAsciiHex(text.charAt(at + 1)) || !isAsciiHex(text.charAt(at + 2))) {
            return -1;
        }
        int value = high * 16 + low;
        return path && value == '/' ? -1 : value;
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** How many bytes a UTF-8 sequence with this first byte has; 0 for a byte that cannot start one. */
    private static int utf8Length(int first) {
        if (first < 0x80) {
            return 1;
        } else if ((first & 0xE0) == 0xC0) {
            return 2;
        } else if ((first & 0xF0) == 0xE0) {
            return 3;
        } else if ((first & 0xF8) == 0xF0) {
            return 4;
        }
        return 0;
    }

    private static byte[] escapedSequence(String text, int at, int length, boolean path) {
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        for (int k = 0; k < length; k++) {
            int value = escapedByte(text, at + 3 * k, path);
            if (value < 0 || (k > 0 && (value & 0xC0) != 0x80)) {
                return null;
            }
            bytes[k] = (byte) value;
        }
        return bytes;
    }

    /** Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF (as UrlDecoder.DecodeCore checks). */
    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

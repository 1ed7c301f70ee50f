package io.amlcompute.provisioner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A request file as {@code validate}, {@code send} and {@code apply} read it: its text, or why it could not be
 * read. {@code -} is standard input.
 *
 * <p>At most one byte more than the size limit is read, so a file of any size costs no more memory than a
 * request may have; the parser then reports {@code MESSAGE_TOO_LARGE} for it as the function would. A leading
 * UTF-8 byte order mark (editors on Windows write one) is dropped, the one rule {@code RequestParser} also applies
 * to a message body, so {@code validate} and the function agree.
 */
sealed interface RequestFile {

    String STDIN = "-";

    /** The name as the user gave it, for reports. */
    String name();

    record Loaded(String name, String body) implements RequestFile {
    }

    record Unreadable(String name, String reason) implements RequestFile {
    }

    static RequestFile read(String name, int maxBytes, InputStream stdin) {
        if (STDIN.equals(name)) {
            try {
                return new Loaded(name, decode(stdin.readNBytes(readLimit(maxBytes))));
            } catch (IOException e) {
                return new Unreadable(name, "Standard input cannot be read: " + e.getMessage() + ".");
            }
        }
        Path path;
        try {
            path = Path.of(name);
        } catch (RuntimeException e) {
            return new Unreadable(name, "'" + name + "' is not a usable file name.");
        }
        if (Files.isDirectory(path)) {
            return new Unreadable(name, name + " is a directory, not a request file.");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new Loaded(name, decode(in.readNBytes(readLimit(maxBytes))));
        } catch (NoSuchFileException e) {
            return new Unreadable(name, name + " does not exist.");
        } catch (AccessDeniedException e) {
            return new Unreadable(name, name + " cannot be read: permission denied.");
        } catch (IOException e) {
            return new Unreadable(name, name + " cannot be read: " + e.getClass().getSimpleName() + ".");
        }
    }

    /** One byte over the limit, plus room for a byte order mark. */
    private static int readLimit(int maxBytes) {
        return maxBytes + 1 + 3;
    }

    /** Malformed UTF-8 becomes U+FFFD, as in the function's host; the JSON parser then reports it. */
    private static String decode(byte[] bytes) {
        byte[] body = bytes;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            body = Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}

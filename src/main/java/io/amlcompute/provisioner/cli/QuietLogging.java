package io.amlcompute.provisioner.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Keeps stderr for the CLI's own words. The Azure SDK brings slf4j-api 1.7 without a binding, and its first use
 * prints a three-line "no binding, defaulting to NOP" notice to System.err; the CLI has nothing to log through
 * SLF4J, so that first use happens here, with stderr pointed elsewhere. (Set AZURE_LOG_LEVEL to see the SDK's own
 * logging: azure-core then logs to stderr without SLF4J.)
 */
final class QuietLogging {

    private QuietLogging() {
    }

    /**
     * Only warnings from java.util.logging (the emulators, the local host, the app's request lines, the Durable
     * worker's reconnect notices): the demo speaks for itself on stderr.
     */
    static void warningsOnly() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
    }

    static void silenceMissingBinding() {
        PrintStream stderr = System.err;
        try {
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            org.slf4j.LoggerFactory.getILoggerFactory();
        } catch (RuntimeException | LinkageError e) {
            // No SLF4J at all: nothing to silence.
        } finally {
            System.setErr(stderr);
        }
    }
}

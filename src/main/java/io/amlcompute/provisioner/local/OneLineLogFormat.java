package io.amlcompute.provisioner.local;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per log record for the local run, as Application Insights shows a trace in Azure: UTC time, level, the
 * message (the app's {@code event=… requestId=… correlationId=…} lines as they are), the logger's short name, and a
 * thrown exception's type and message. java.util.logging's default is two lines per record with the time in the
 * local zone and the logger and method first, which buries the event and the ids.
 *
 * <pre>2026-12-04T16:42:37.815Z INFO event=request.started requestId=demo-1 correlationId=run-4711 action=ensure [SubmitComputeRequest]</pre>
 *
 * Line breaks inside a message or an exception are written as {@code \n}: every record stays one line. Stack traces
 * are left out (one frame, where it was thrown, stays); {@code -Djava.util.logging.config.file} still replaces all
 * of this for a run that needs them.
 */
public final class OneLineLogFormat extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * Puts this format on the console handlers of the root logger: what a local run's {@code main} calls first,
     * unless a logging configuration file was given.
     */
    public static void install() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                handler.setFormatter(new OneLineLogFormat());
            }
        }
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(oneLine(formatMessage(record)));
        String logger = record.getLoggerName();
        if (logger != null && !logger.isEmpty()) {
            line.append(" [").append(logger.substring(logger.lastIndexOf('.') + 1)).append(']');
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.append(" error=").append(thrown.getClass().getName());
            if (thrown.getMessage() != null) {
                line.append(": ").append(oneLine(thrown.getMessage()));
            }
            StackTraceElement[] frames = thrown.getStackTrace();
            if (frames.length > 0) {
                line.append(" at ").append(frames[0]);
            }
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static String oneLine(String text) {
        return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }
}

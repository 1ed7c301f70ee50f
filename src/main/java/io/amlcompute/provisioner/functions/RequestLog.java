package io.amlcompute.provisioner.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Structured log lines about a request: {@code event=<what> requestId=<id> correlationId=<id> key=value ...}.
 * Every line about a request carries both ids, so Application Insights queries can follow one request. Callers
 * pass only non-secret values: ids, names, states, reason codes; never a request body. Events and fields are
 * declared in {@link RequestLogEvent}.
 */
final class RequestLog {

    private RequestLog() {
    }

    static void info(Logger logger, String event, String requestId, String correlationId, Map<String, ?> fields) {
        log(logger, Level.INFO, event, requestId, correlationId, fields);
    }

    static void warn(Logger logger, String event, String requestId, String correlationId, Map<String, ?> fields) {
        log(logger, Level.WARNING, event, requestId, correlationId, fields);
    }

    static String format(String event, String requestId, String correlationId, Map<String, ?> fields) {
        // The workbook and alerts read these names (infra/): a new event or field is declared there first.
        assert RequestLogEvent.declares(event, fields.keySet())
                : "log line event=" + event + " with fields " + fields.keySet() + " is not declared in RequestLogEvent";
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("event", event);
        all.put("requestId", requestId);
        all.put("correlationId", correlationId);
        all.putAll(fields);
        return all.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + quoteIfNeeded(String.valueOf(e.getValue())))
                .collect(Collectors.joining(" "));
    }

    private static void log(Logger logger, Level level, String event, String requestId, String correlationId,
                            Map<String, ?> fields) {
        if (logger.isLoggable(level)) {
            logger.log(level, format(event, requestId, correlationId, fields));
        }
    }

    private static String quoteIfNeeded(String value) {
        String oneLine = value.replaceAll("\\p{Cntrl}", " ");
        return oneLine.matches("[^\\s\"]*") ? oneLine : "\"" + oneLine.replace("\"", "'") + "\"";
    }
}

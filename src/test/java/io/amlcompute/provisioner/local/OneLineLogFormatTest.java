package io.amlcompute.provisioner.local;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class OneLineLogFormatTest {

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setInstant(Instant.parse("2026-12-04T16:42:37.815Z"));
        record.setLoggerName("io.amlcompute.provisioner.functions.SubmitComputeRequest");
        return record;
    }

    @Test
    void anAppLineIsOneLineWithTimeLevelEventAndIds() {
        String line = new OneLineLogFormat().format(record(Level.WARNING,
                "event=request.rejected requestId=demo-bad-001 correlationId=pipeline-run-4711 reasons=SECRET_INLINE"));

        assertThat(line).isEqualTo("2026-12-04T16:42:37.815Z WARNING event=request.rejected requestId=demo-bad-001"
                + " correlationId=pipeline-run-4711 reasons=SECRET_INLINE [SubmitComputeRequest]"
                + System.lineSeparator());
    }

    @Test
    void lineBreaksInTheMessageAndAnExceptionStayOnTheLine() {
        LogRecord record = record(Level.SEVERE, "the stack could not start:\nport 5672 is taken");
        record.setThrown(new IllegalStateException("first\r\nsecond"));

        String line = new OneLineLogFormat().format(record);

        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains(" SEVERE the stack could not start:\\nport 5672 is taken [SubmitComputeRequest]")
                .contains(" error=java.lang.IllegalStateException: first\\nsecond at ")
                .contains("OneLineLogFormatTest");
    }

    @Test
    void parametersAreFilledInAsJavaLoggingDoes() {
        LogRecord record = record(Level.INFO, "listening on {0}");
        record.setParameters(new Object[] {"127.0.0.1:5672"});

        assertThat(new OneLineLogFormat().format(record)).contains(" INFO listening on 127.0.0.1:5672 [");
    }

    @Test
    void installPutsTheFormatOnTheRootConsoleHandlers() {
        Logger root = Logger.getLogger("");
        ConsoleHandler console = new ConsoleHandler();
        Formatter before = console.getFormatter();
        root.addHandler(console);
        try {
            OneLineLogFormat.install();

            assertThat(console.getFormatter()).isInstanceOf(OneLineLogFormat.class).isNotSameAs(before);
        } finally {
            root.removeHandler(console);
        }
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                handler.setFormatter(new java.util.logging.SimpleFormatter());
            }
        }
    }
}

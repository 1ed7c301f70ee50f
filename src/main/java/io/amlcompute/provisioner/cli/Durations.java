package io.amlcompute.provisioner.cli;

import java.time.Duration;

/** Durations for people on stderr: {@code 1h2m}, {@code 5m30s}, {@code 12s}, {@code 800ms}. */
final class Durations {

    private Durations() {
    }

    static String human(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return Math.max(0, duration.toMillis()) + "ms";
        }
        long seconds = duration.toSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0 && hours == 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }
}

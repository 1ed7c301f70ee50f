package io.amlcompute.provisioner.local.host;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A timer trigger's schedule as the Functions host reads it: an NCRONTAB expression, parsed by the rules of
 * NCrontab 3.3.3 ({@code ncrontab.signed}, the version Microsoft.Azure.WebJobs.Extensions 5.1.0 references;
 * atifaziz/NCrontab @ tag v3.3.3, commit 5372ff1997487e1dca21608cce8a2db294563979, {@code CrontabSchedule.cs},
 * {@code CrontabFieldImpl.cs}, {@code CrontabField.cs}). The rules, each pinned by {@code NcrontabScheduleTest}:
 * <ul>
 *   <li>Fields are separated by spaces (only {@code ' '}, empty entries dropped). Six fields are
 *       {@code second minute hour day month day-of-week}; five fields leave the second out, which then is 0
 *       ({@code CronSchedule.HasSeconds}: anything but five fields is read with seconds). Any other count is not a
 *       schedule.</li>
 *   <li>A field is a comma-separated list of items (split only when a comma is not the first character); an item is
 *       {@code *}, {@code a-b}, or {@code a}, each optionally followed by {@code /step}. {@code a/step} runs from
 *       {@code a} to the field's maximum; a range written backwards ({@code 5-1}) is swapped; a step below 1 counts
 *       as 1.</li>
 *   <li>A value is a number (seconds and minutes 0-59, hours 0-23, days 1-31, months 1-12, days of week 0-6 with
 *       Sunday 0) or, for months and days of week, any case-insensitive prefix of the English name, the first name
 *       in calendar order that starts with it winning ({@code J} is January, {@code T} Tuesday). A single value out
 *       of range is an error; so is a range that starts below or ends above the field's range.</li>
 *   <li>An occurrence matches every field: day of month <em>and</em> day of week (not cron's "either"). The next
 *       occurrence after a time is the first matching second strictly after that time's whole second.</li>
 * </ul>
 * Times are the host's local time, which is UTC in Azure unless {@code WEBSITE_TIME_ZONE} (Windows) or {@code TZ}
 * (Linux) says otherwise (docs: "Timer trigger for Azure Functions", NCRONTAB time zones); the local host refuses
 * those settings, so its schedules are in UTC.
 */
final class NcrontabSchedule {

    /** The Gregorian calendar repeats its weekdays and leap years every 400 years: no match in that span, none ever. */
    private static final long SEARCH_DAYS = 146_097;

    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December");
    private static final List<String> DAYS_OF_WEEK = List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
            "Friday", "Saturday");

    private final String expression;
    private final boolean includesSeconds;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet daysOfWeek;

    private NcrontabSchedule(String expression, boolean includesSeconds, BitSet[] fields) {
        this.expression = expression;
        this.includesSeconds = includesSeconds;
        this.seconds = fields[0];
        this.minutes = fields[1];
        this.hours = fields[2];
        this.days = fields[3];
        this.months = fields[4];
        this.daysOfWeek = fields[5];
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException when it is not an NCRONTAB expression, with NCrontab's reason
     */
    static NcrontabSchedule parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String[] tokens = Arrays.stream(expression.split(" ")).filter(token -> !token.isEmpty()).toArray(String[]::new);
        boolean withSeconds = tokens.length != 5;
        if (tokens.length != 5 && tokens.length != 6) {
            throw new IllegalArgumentException("'" + expression + "' is an invalid crontab expression. It must contain"
                    + " 6 components of a schedule in the sequence of seconds, minutes, hours, days, months, and days"
                    + " of week");
        }
        BitSet[] fields = new BitSet[6];
        fields[0] = new BitSet();
        fields[0].set(0); // five fields: second 0
        int offset = withSeconds ? 0 : 1;
        for (int i = 0; i < tokens.length; i++) {
            fields[i + offset] = Field.values()[i + offset].parse(tokens[i]);
        }
        return new NcrontabSchedule(expression, withSeconds, fields);
    }

    /** Whether the text is read as an NCRONTAB expression at all (else the host tries a TimeSpan). */
    static Optional<NcrontabSchedule> tryParse(String expression) {
        try {
            return Optional.of(parse(expression));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The first occurrence strictly after {@code time}'s whole second; empty when there is none, ever. */
    Optional<LocalDateTime> nextAfter(LocalDateTime time) {
        LocalDateTime start = time.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalDate date = start.toLocalDate();
        for (long day = 0; day < SEARCH_DAYS; day++, date = date.plusDays(1)) {
            if (!matchesDate(date)) {
                continue;
            }
            Optional<LocalDateTime> found = firstTimeOn(date, day == 0 ? start : date.atStartOfDay());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private boolean matchesDate(LocalDate date) {
        return months.get(date.getMonthValue()) && days.get(date.getDayOfMonth())
                && daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
    }

    private Optional<LocalDateTime> firstTimeOn(LocalDate date, LocalDateTime notBefore) {
        for (int hour = hours.nextSetBit(notBefore.getHour()); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
            int fromMinute = hour == notBefore.getHour() ? notBefore.getMinute() : 0;
            for (int minute = minutes.nextSetBit(fromMinute); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
                int fromSecond = hour == notBefore.getHour() && minute == notBefore.getMinute()
                        ? notBefore.getSecond() : 0;
                int second = seconds.nextSetBit(fromSecond);
                if (second >= 0) {
                    return Optional.of(date.atTime(hour, minute, second));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the timer's schedule monitor is turned off for this schedule although {@code useMonitor} is true: when
     * every field after the first of the normalized expression is {@code *} and the schedule fires more than once
     * in the minute after {@code now} (azure-webjobs-sdk-extensions {@code TimerSchedule.ShouldDisableScheduleMonitor}).
     * The normalized text leaves the seconds out of a five-field expression, so its first field is then the minute.
     */
    boolean firesMoreThanOncePerMinute(LocalDateTime now) {
        List<BitSet> afterFirst = includesSeconds ? List.of(minutes, hours, days, months, daysOfWeek)
                : List.of(hours, days, months, daysOfWeek);
        Field[] kinds = includesSeconds
                ? new Field[]{Field.MINUTE, Field.HOUR, Field.DAY, Field.MONTH, Field.DAY_OF_WEEK}
                : new Field[]{Field.HOUR, Field.DAY, Field.MONTH, Field.DAY_OF_WEEK};
        for (int i = 0; i < afterFirst.size(); i++) {
            if (!kinds[i].isFull(afterFirst.get(i))) {
                return false;
            }
        }
        LocalDateTime end = now.plusMinutes(1);
        Optional<LocalDateTime> first = nextAfter(now).filter(t -> t.isBefore(end));
        return first.flatMap(this::nextAfter).filter(t -> t.isBefore(end)).isPresent();
    }

    @Override
    public String toString() {
        return "Cron: '" + expression + "'";
    }

    /** The six fields with their ranges and names (NCrontab {@code CrontabFieldImpl}). */
    private enum Field {
        SECOND(0, 59, null), MINUTE(0, 59, null), HOUR(0, 23, null), DAY(1, 31, null), MONTH(1, 12, MONTHS),
        DAY_OF_WEEK(0, 6, DAYS_OF_WEEK);

        private final int min;
        private final int max;
        private final List<String> names;

        Field(int min, int max, List<String> names) {
            this.min = min;
            this.max = max;
            this.names = names;
        }

        boolean isFull(BitSet values) {
            return values.nextClearBit(min) > max;
        }

        BitSet parse(String text) {
            BitSet values = new BitSet();
            if (text.indexOf(',') > 0) {
                for (String item : text.split(",", -1)) {
                    parseItem(item, text, values);
                }
            } else {
                parseItem(text, text, values);
            }
            return values;
        }

        private void parseItem(String item, String field, BitSet values) {
            if (item.isEmpty()) {
                throw invalid(field, "A crontab field value cannot be empty.");
            }
            Integer step = null;
            int slash = item.indexOf('/');
            if (slash > 0) {
                step = number(item.substring(slash + 1), field);
                item = item.substring(0, slash);
            }
            int interval = step == null || step < 1 ? 1 : step;
            if (item.equals("*")) {
                add(values, min, max, interval);
                return;
            }
            int dash = item.indexOf('-');
            if (dash > 0) {
                int first = value(item.substring(0, dash), field);
                int last = value(item.substring(dash + 1), field);
                int start = Math.min(first, last);
                int end = Math.max(first, last);
                if (start < min || end > max) {
                    throw invalid(field, "the range " + start + "-" + end + " is outside " + min + "-" + max + ".");
                }
                add(values, start, end, interval);
                return;
            }
            int value = value(item, field);
            if (value < min || value > max) {
                throw invalid(field, value + " is outside " + min + "-" + max + ".");
            }
            add(values, value, step == null ? value : max, interval);
        }

        private static void add(BitSet values, int start, int end, int interval) {
            for (int value = start; value <= end; value += interval) {
                values.set(value);
            }
        }

        private int value(String text, String field) {
            if (text.isEmpty()) {
                throw invalid(field, "A crontab field value cannot be empty.");
            }
            if (text.charAt(0) >= '0' && text.charAt(0) <= '9') {
                return number(text, field);
            }
            if (names == null) {
                throw invalid(field, "'" + text + "' is not a valid [" + this + "] crontab field value. It must be a"
                        + " numeric value between " + min + " and " + max + " (all inclusive).");
            }
            String prefix = text.toLowerCase(Locale.ROOT);
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return i + min;
                }
            }
            throw invalid(field, "'" + text + "' is not a known value name. Use one of the following: "
                    + String.join(", ", names) + ".");
        }

        /** .NET {@code int.Parse} with the invariant culture: an optional sign and digits. */
        private int number(String text, String field) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw invalid(field, "'" + text + "' is not a number.");
            }
        }

        private IllegalArgumentException invalid(String field, String reason) {
            return new IllegalArgumentException("'" + field + "' is not a valid [" + this + "] crontab field"
                    + " expression: " + reason);
        }
    }
}

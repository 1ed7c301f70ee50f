package io.amlcompute.provisioner.contract;

import java.util.List;
import java.util.Objects;

/**
 * One start or stop schedule of a compute instance: ARM's {@code ComputeStartStopSchedule} in
 * {@code schedules.computeStartStop} (2025-12-01), "a total of four schedules per compute instance" (Azure ML docs,
 * how-to-create-compute-instance, "Schedule automatic start and stop").
 *
 * @param enabled ARM's {@code status}: Enabled or Disabled
 */
public record InstanceSchedule(PowerAction action, boolean enabled, Trigger trigger) {

    /** Most schedules an instance may have. */
    public static final int MAX_PER_INSTANCE = 4;

    public InstanceSchedule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(trigger, "trigger");
    }

    /**
     * The schedule in one line, the same whatever side it was read from (a request, or ARM's answer), so that drift
     * compares like with like: e.g. {@code Stop Cron '0 19 * * 1-5' UTC Enabled}.
     */
    public String describe() {
        String when;
        if (trigger instanceof Trigger.Cron cron) {
            when = "Cron '" + cron.expression() + "'";
        } else {
            Trigger.Recurrence r = (Trigger.Recurrence) trigger;
            when = "Recurrence every " + r.interval() + " " + r.frequency().wireName() + " hours " + r.hours()
                    + " minutes " + r.minutes() + (r.weekDays().isEmpty() ? "" : " on " + r.weekDays().stream()
                    .map(WeekDay::wireName).toList()) + (r.monthDays().isEmpty() ? "" : " days " + r.monthDays());
        }
        return action.wireName() + " " + when + " " + trigger.timeZone()
                + (trigger.startTime() == null ? "" : " from " + trigger.startTime()) + (enabled ? " Enabled" : " Disabled");
    }

    /** {@code ComputePowerAction}. */
    public enum PowerAction implements WireNamed {
        START("Start"),
        STOP("Stop");

        private final String wireName;

        PowerAction(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    /** When the schedule fires: {@code triggerType} Cron or Recurrence, with its object. */
    public sealed interface Trigger {

        /** Windows time zone name, e.g. {@code W. Europe Standard Time}; ARM's default is UTC. */
        String timeZone();

        /** {@code yyyy-MM-ddTHH:mm:ss}, or null for none. */
        String startTime();

        /** ARM's {@code triggerType}. */
        String triggerType();

        /**
         * {@code Cron}: an NCrontab expression of five fields, minute, hour, day of month, month, day of week
         * (0-6, Sunday = 0).
         */
        record Cron(String expression, String timeZone, String startTime) implements Trigger {
            public Cron {
                Objects.requireNonNull(expression, "expression");
                Objects.requireNonNull(timeZone, "timeZone");
            }

            @Override
            public String triggerType() {
                return "Cron";
            }
        }

        /** {@code Recurrence}: every {@code interval} {@code frequency}s, at the given hours and minutes. */
        record Recurrence(Frequency frequency, int interval, String timeZone, String startTime, List<Integer> hours,
                          List<Integer> minutes, List<WeekDay> weekDays, List<Integer> monthDays) implements Trigger {
            public Recurrence {
                Objects.requireNonNull(frequency, "frequency");
                Objects.requireNonNull(timeZone, "timeZone");
                hours = List.copyOf(hours);
                minutes = List.copyOf(minutes);
                weekDays = List.copyOf(weekDays);
                monthDays = List.copyOf(monthDays);
                if (interval < 1) {
                    throw new IllegalArgumentException("interval must be at least 1: " + interval);
                }
            }

            @Override
            public String triggerType() {
                return "Recurrence";
            }
        }
    }

    /** {@code ComputeRecurrenceFrequency}. */
    public enum Frequency implements WireNamed {
        MINUTE("Minute"), HOUR("Hour"), DAY("Day"), WEEK("Week"), MONTH("Month");

        private final String wireName;

        Frequency(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    /** {@code ComputeWeekDay}. */
    public enum WeekDay implements WireNamed {
        MONDAY("Monday"), TUESDAY("Tuesday"), WEDNESDAY("Wednesday"), THURSDAY("Thursday"), FRIDAY("Friday"),
        SATURDAY("Saturday"), SUNDAY("Sunday");

        private final String wireName;

        WeekDay(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }
}

package io.amlcompute.provisioner.local.host;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value a timer trigger hands the Functions host, and so what the Java worker receives: a .NET {@code TimerInfo}
 * (azure-webjobs-sdk-extensions @ {@value TimerTriggers#SOURCE}, {@code Extensions/Timers/TimerInfo.cs}). The host's
 * trigger parameter for a {@code timerTrigger} binding is of type {@code TimerInfo}
 * ({@code CoreExtensionsScriptBindingProvider.TimerTriggerScriptBinding.DefaultType}, Azure/azure-functions-host @
 * 89dc438d476542786f2fc4070f553423213a6223), which is neither a string, bytes nor JSON, so {@code ToRpcDefault}
 * sends {@code JsonConvert.SerializeObject(value)} as {@code json}: its public properties in declaration order,
 * {@code Schedule} (a {@code CronSchedule}, whose one public property is the obsolete {@code AdjustForDST}, always
 * true), {@code ScheduleStatus} ({@code Last}, {@code Next}, {@code LastUpdated}: DateTimes of kind Local) or null,
 * and {@code IsPastDue}:
 * <pre>{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"0001-01-01T00:00:00+00:00",
 * "Next":"2026-12-04T10:05:00+00:00","LastUpdated":"0001-01-01T00:00:00+00:00"},"IsPastDue":false}</pre>
 */
final class TimerInfoValue {

    /** {@code default(DateTime).ToLocalTime()} in a UTC host: what a status holds before anything was recorded. */
    static final LocalDateTime NEVER = LocalDateTime.of(1, 1, 1, 0, 0);

    private TimerInfoValue() {
    }

    /**
     * The JSON the worker receives.
     *
     * @param status the listener's schedule status, or null when the timer has no schedule monitor
     */
    static String json(ScheduleStatus status, boolean isPastDue) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("AdjustForDST", true);
        Map<String, Object> timerInfo = new LinkedHashMap<>();
        timerInfo.put("Schedule", schedule);
        timerInfo.put("ScheduleStatus", status == null ? null : status.asDotNet());
        timerInfo.put("IsPastDue", isPastDue);
        return NewtonsoftJson.write(timerInfo);
    }

    /**
     * {@code ScheduleStatus}: the last occurrence run, the one expected next, and when the record was written (the
     * host's local time, UTC here).
     */
    record ScheduleStatus(LocalDateTime last, LocalDateTime next, LocalDateTime lastUpdated) {
        ScheduleStatus {
            Objects.requireNonNull(last, "last");
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(lastUpdated, "lastUpdated");
        }

        /** What {@code TimerListener.StartAsync} sets up when no status was stored yet. */
        static ScheduleStatus initial(LocalDateTime next) {
            return new ScheduleStatus(NEVER, next, NEVER);
        }

        private Map<String, Object> asDotNet() {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("Last", local(last));
            status.put("Next", local(next));
            status.put("LastUpdated", local(lastUpdated));
            return status;
        }

        private static DotNetValue.DateTime local(LocalDateTime time) {
            return new DotNetValue.DateTime(time, DotNetValue.DateTime.Kind.LOCAL);
        }
    }
}

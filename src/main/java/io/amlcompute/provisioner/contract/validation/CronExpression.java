package io.amlcompute.provisioner.contract.validation;

import java.util.Optional;

/**
 * The cron expressions compute instance schedules take: "NCronTab format" (Cron.expression, 2025-12-01) of five fields,
 * minute (0-59), hour (0-23), day of month (1-31), month (1-12) and day of week (0-6, Sunday = 0), where a field is
 * {@code *} or a comma-separated list of numbers and ranges {@code a-b} (Azure ML docs, how-to-create-compute-instance,
 * "Create a schedule with a Resource Manager template"), each optionally stepped with {@code /n} as NCrontab allows
 * (atifaziz/NCrontab, CrontabFieldImpl). Month and day names are not accepted: the docs give numbers only.
 */
final class CronExpression {

    private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 6};

    private CronExpression() {
    }

    /** Why {@code expression} is not a valid schedule, or empty when it is. */
    static Optional<String> problem(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != FIELDS.length) {
            return Optional.of("it has " + fields.length + " field(s); a schedule takes five: minute, hour, day of"
                    + " month, month and day of week, e.g. '0 19 * * 1-5'.");
        }
        for (int i = 0; i < fields.length; i++) {
            Optional<String> wrong = fieldProblem(fields[i], MIN[i], MAX[i]);
            if (wrong.isPresent()) {
                return Optional.of("its " + FIELDS[i] + " field '" + fields[i] + "' " + wrong.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fieldProblem(String field, int min, int max) {
        for (String item : field.split(",", -1)) {
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                Integer step = number(item.substring(slash + 1));
                if (step == null || step < 1) {
                    return Optional.of("has a step that is not a positive number.");
                }
            }
            if (range.equals("*")) {
                continue;
            }
            int dash = range.indexOf('-');
            Integer from = number(dash < 0 ? range : range.substring(0, dash));
            Integer to = dash < 0 ? from : number(range.substring(dash + 1));
            if (from == null || to == null) {
                return Optional.of("is not '*' or a list of numbers and ranges.");
            }
            if (from < min || to > max || from > to) {
                return Optional.of("goes outside " + min + "-" + max + ".");
            }
        }
        return Optional.empty();
    }

    private static Integer number(String text) {
        if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(text);
    }
}

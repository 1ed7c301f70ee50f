package io.amlcompute.provisioner.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates the part of Bicep's expression language that decides what a deployment contains: literals,
 * parameters and variables, {@code ! && || == !=}, the conditional operator, and {@code empty()} and
 * {@code union()}. Anything else (a module output, a resource property, a string interpolation) is {@link Opaque}:
 * known only as the text that ARM resolves at deploy time, which is what the tests compare. There is no Bicep
 * compiler on this machine; an expression this cannot read fails the test rather than guessing.
 */
final class BicepExpression {

    /** A value ARM computes at deploy time, kept as written. */
    record Opaque(String raw) {
    }

    private final String text;
    private final boolean[] inString;
    private final Function<String, Object> identifiers;
    private int pos;

    private BicepExpression(String text, Function<String, Object> identifiers) {
        this.text = text;
        this.inString = BicepText.stringMask(text);
        this.identifiers = identifiers;
    }

    /**
     * The value of {@code expression}: Boolean, String, Long, List, {@link BicepValue.Obj} or {@link Opaque}.
     *
     * @param identifiers the value of a parameter or variable name (may itself call back into this class)
     */
    static Object evaluate(String expression, Function<String, Object> identifiers) {
        BicepExpression e = new BicepExpression(expression.strip(), identifiers);
        Object value = e.conditional();
        e.skipSpace();
        if (e.pos != e.text.length()) {
            throw new IllegalStateException("cannot read '" + e.text.substring(e.pos) + "' in: " + expression);
        }
        return value;
    }

    static boolean isTrue(String expression, Function<String, Object> identifiers) {
        Object value = evaluate(expression, identifiers);
        if (!(value instanceof Boolean b)) {
            throw new IllegalStateException("not a condition known before deployment: " + expression + " = " + value);
        }
        return b;
    }

    private Object conditional() {
        Object condition = or();
        if (!peek("?")) {
            return condition;
        }
        pos++;
        Object whenTrue = conditional();
        expect(":");
        Object whenFalse = conditional();
        if (condition instanceof Boolean b) {
            return b ? whenTrue : whenFalse;
        }
        return new Opaque(text);
    }

    private Object or() {
        Object left = and();
        while (peek("||")) {
            pos += 2;
            Object right = and();
            left = bool(left) || bool(right);
        }
        return left;
    }

    private Object and() {
        Object left = equality();
        while (peek("&&")) {
            pos += 2;
            Object right = equality();
            left = bool(left) && bool(right);
        }
        return left;
    }

    private Object equality() {
        Object left = unary();
        while (peek("==") || peek("!=")) {
            boolean equals = peek("==");
            pos += 2;
            Object right = unary();
            if (left instanceof Opaque || right instanceof Opaque) {
                left = new Opaque(text);
            } else {
                left = equals == left.equals(right);
            }
        }
        return left;
    }

    private Object unary() {
        if (peek("!") && !peek("!=")) {
            pos++;
            Object value = unary();
            return value instanceof Opaque ? value : !bool(value);
        }
        return postfix(primary());
    }

    /** {@code x.y}, {@code x[0]} and {@code x!}: only ever on deploy-time values here. */
    private Object postfix(Object value) {
        int start = pos;
        boolean any = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.' && pos + 1 < text.length() && Character.isJavaIdentifierStart(text.charAt(pos + 1))) {
                pos++;
                identifier();
                any = true;
            } else if (c == '[') {
                pos = BicepText.matching(text, pos) + 1;
                any = true;
            } else if (c == '!' && !peek("!=")) {
                pos++;
                any = true;
            } else {
                break;
            }
        }
        return any ? new Opaque(String.valueOf(value instanceof Opaque o ? o.raw() : value) + text.substring(start, pos))
                : value;
    }

    private Object primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw new IllegalStateException("expression ends early: " + text);
        }
        char c = text.charAt(pos);
        if (c == '(') {
            int close = BicepText.matching(text, pos);
            Object value = evaluate(text.substring(pos + 1, close), identifiers);
            pos = close + 1;
            return value;
        }
        if (c == '\'') {
            int end = pos;
            while (end < text.length() && inString[end]) {
                end++;
            }
            String literal = text.substring(pos, end);
            pos = end;
            String unquoted = BicepText.unquote(literal);
            return unquoted.equals(literal) ? new Opaque(literal) : unquoted;
        }
        if (c == '{' || c == '[') {
            int close = BicepText.matching(text, pos);
            String literal = text.substring(pos, close + 1);
            pos = close + 1;
            BicepValue value = BicepValue.parse(literal, "expression");
            if (value instanceof BicepValue.Arr array) {
                List<Object> items = new ArrayList<>();
                array.items().forEach(item -> items.add(item instanceof BicepValue.Expr e
                        ? evaluate(e.raw(), identifiers) : item));
                return items;
            }
            return value;
        }
        if (Character.isDigit(c)) {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            return Long.parseLong(text.substring(start, pos));
        }
        String name = identifier();
        skipSpace();
        if (peek("(")) {
            int close = BicepText.matching(text, pos);
            List<String> args = BicepText.items(text.substring(pos + 1, close));
            pos = close + 1;
            return call(name, args);
        }
        return switch (name) {
            case "true" -> true;
            case "false" -> false;
            default -> identifiers.apply(name);
        };
    }

    private Object call(String function, List<String> args) {
        List<Object> values = args.stream().map(a -> evaluate(a, identifiers)).toList();
        switch (function) {
            case "empty" -> {
                Object value = values.get(0);
                if (value instanceof List<?> list) {
                    return list.isEmpty();
                }
                if (value instanceof String s) {
                    return s.isEmpty();
                }
                if (value instanceof BicepValue.Obj o) {
                    return o.entries().isEmpty();
                }
                return new Opaque(function + "(" + args + ")");
            }
            case "union" -> {
                if (values.stream().allMatch(BicepValue.Obj.class::isInstance)) {
                    Map<String, BicepValue> merged = new LinkedHashMap<>();
                    values.forEach(v -> merged.putAll(((BicepValue.Obj) v).entries()));
                    return new BicepValue.Obj(merged);
                }
                return new Opaque(function + "(" + args + ")");
            }
            default -> {
                return new Opaque(function + "(" + String.join(", ", args) + ")");
            }
        }
    }

    private String identifier() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalStateException("cannot read '" + text.substring(pos) + "' in: " + text);
        }
        return text.substring(start, pos);
    }

    private boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException("not a boolean known before deployment in: " + text + " (" + value + ")");
    }

    private boolean peek(String token) {
        skipSpace();
        return text.startsWith(token, pos) && !inString[pos];
    }

    private void expect(String token) {
        if (!peek(token)) {
            throw new IllegalStateException("expected '" + token + "' at '" + text.substring(pos) + "' in: " + text);
        }
        pos += token.length();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}

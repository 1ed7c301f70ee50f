package io.amlcompute.provisioner.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A Bicep value as the tests see it: an object literal, an array literal, or any other expression as raw text. */
sealed interface BicepValue {

    Pattern FOR_EXPRESSION = Pattern.compile("^\\[\\s*for\\s.*", Pattern.DOTALL);

    /** Any expression that is not an object or array literal, as written (comments removed). */
    record Expr(String raw) implements BicepValue {

        /** The value of a plain string literal, else the raw text. */
        String text() {
            return BicepText.unquote(raw);
        }
    }

    /** An object literal; keys in order, quoted keys without their quotes (interpolations kept as written). */
    record Obj(Map<String, BicepValue> entries) implements BicepValue {

        public Obj {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Optional<BicepValue> get(String dottedPath) {
            BicepValue current = this;
            for (String key : dottedPath.split("\\.")) {
                if (!(current instanceof Obj object) || !object.entries.containsKey(key)) {
                    return Optional.empty();
                }
                current = object.entries.get(key);
            }
            return Optional.of(current);
        }

        /** The raw expression at the path, when the path leads to one. */
        Optional<String> expr(String dottedPath) {
            return get(dottedPath).filter(Expr.class::isInstance).map(v -> ((Expr) v).raw());
        }

        /** The plain value at the path ({@code 'x'} read as {@code x}), when the path leads to an expression. */
        Optional<String> text(String dottedPath) {
            return get(dottedPath).filter(Expr.class::isInstance).map(v -> ((Expr) v).text());
        }

        Optional<Obj> object(String dottedPath) {
            return get(dottedPath).filter(Obj.class::isInstance).map(Obj.class::cast);
        }

        Optional<Arr> array(String dottedPath) {
            return get(dottedPath).filter(Arr.class::isInstance).map(Arr.class::cast);
        }
    }

    /** An array literal (not a {@code for} expression). */
    record Arr(List<BicepValue> items) implements BicepValue {

        public Arr {
            items = List.copyOf(items);
        }
    }

    static BicepValue parse(String expression, String where) {
        String s = expression.strip();
        if (s.startsWith("{") && BicepText.matching(s, 0) == s.length() - 1) {
            Map<String, BicepValue> entries = new LinkedHashMap<>();
            for (String item : BicepText.items(s.substring(1, s.length() - 1))) {
                int colon = BicepText.topLevelIndexOf(item, ':');
                if (colon < 0) {
                    throw new IllegalStateException(where + ": cannot read object entry '" + item + "'");
                }
                String key = item.substring(0, colon).strip();
                if (key.length() > 1 && key.startsWith("'") && key.endsWith("'")) {
                    key = key.substring(1, key.length() - 1);
                }
                entries.put(key, parse(item.substring(colon + 1), where + "." + key));
            }
            return new Obj(entries);
        }
        if (s.startsWith("[") && BicepText.matching(s, 0) == s.length() - 1 && !FOR_EXPRESSION.matcher(s).matches()) {
            List<BicepValue> items = new ArrayList<>();
            for (String item : BicepText.items(s.substring(1, s.length() - 1))) {
                items.add(parse(item, where + "[]"));
            }
            return new Arr(items);
        }
        return new Expr(s);
    }
}

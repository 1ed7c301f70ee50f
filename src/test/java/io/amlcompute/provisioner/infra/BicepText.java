package io.amlcompute.provisioner.infra;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lexical part of reading Bicep: comments, string literals (with {@code ${…}} interpolations that hold
 * strings of their own), and brackets. Everything structural is decided outside string literals.
 */
final class BicepText {

    private static final Pattern PLAIN_LITERAL = Pattern.compile("^'((?:[^'\\\\]|\\\\.)*)'$", Pattern.DOTALL);

    private enum Mode { CODE, STRING, INTERPOLATION }

    private BicepText() {
    }

    /** The text with every comment blanked out (newlines kept, so line structure survives). */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Deque<Mode> modes = new ArrayDeque<>();
        modes.push(Mode.CODE);
        int braces = 0;
        Deque<Integer> braceStack = new ArrayDeque<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            Mode mode = modes.peek();
            if (mode == Mode.CODE && text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
                continue;
            }
            if (mode == Mode.CODE && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                int stop = end < 0 ? text.length() : end + 2;
                for (; i < stop; i++) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                }
                continue;
            }
            if (mode != Mode.STRING && text.startsWith("'''", i)) {
                int end = text.indexOf("'''", i + 3);
                int stop = end < 0 ? text.length() : end + 3;
                out.append(text, i, stop);
                i = stop;
                continue;
            }
            out.append(c);
            switch (mode) {
                case CODE, INTERPOLATION -> {
                    if (c == '\'') {
                        modes.push(Mode.STRING);
                    } else if (mode == Mode.INTERPOLATION && c == '{') {
                        braces++;
                    } else if (mode == Mode.INTERPOLATION && c == '}') {
                        if (braces == 0) {
                            modes.pop();
                            braces = braceStack.pop();
                        } else {
                            braces--;
                        }
                    }
                }
                case STRING -> {
                    if (c == '\\' && i + 1 < text.length()) {
                        out.append(text.charAt(++i));
                    } else if (c == '\'') {
                        modes.pop();
                    } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                        out.append(text.charAt(++i));
                        braceStack.push(braces);
                        braces = 0;
                        modes.push(Mode.INTERPOLATION);
                    }
                }
            }
            i++;
        }
        return out.toString();
    }

    /** For each character: whether it belongs to a string literal (quotes and interpolations included). */
    static boolean[] stringMask(String code) {
        boolean[] inString = new boolean[code.length()];
        Deque<Mode> modes = new ArrayDeque<>();
        modes.push(Mode.CODE);
        Deque<Integer> braceStack = new ArrayDeque<>();
        int braces = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            Mode mode = modes.peek();
            if (mode != Mode.STRING && code.startsWith("'''", i)) {
                int end = code.indexOf("'''", i + 3);
                int stop = end < 0 ? code.length() : end + 3;
                for (; i < stop; i++) {
                    inString[i] = true;
                }
                i--;
                continue;
            }
            inString[i] = modes.size() > 1 || c == '\'';
            switch (mode) {
                case CODE, INTERPOLATION -> {
                    if (c == '\'') {
                        modes.push(Mode.STRING);
                    } else if (mode == Mode.INTERPOLATION && c == '{') {
                        braces++;
                    } else if (mode == Mode.INTERPOLATION && c == '}') {
                        if (braces == 0) {
                            modes.pop();
                            braces = braceStack.pop();
                        } else {
                            braces--;
                        }
                    }
                }
                case STRING -> {
                    if (c == '\\' && i + 1 < code.length()) {
                        inString[++i] = true;
                    } else if (c == '\'') {
                        modes.pop();
                    } else if (c == '$' && i + 1 < code.length() && code.charAt(i + 1) == '{') {
                        inString[++i] = true;
                        braceStack.push(braces);
                        braces = 0;
                        modes.push(Mode.INTERPOLATION);
                    }
                }
            }
        }
        return inString;
    }

    /** Top-level statements of comment-free code: each ends at a line break where every bracket is closed. */
    static List<String> statements(String code) {
        return split(code, false);
    }

    /** Items of an object or array body: separated by line breaks or commas outside brackets and strings. */
    static List<String> items(String body) {
        return split(body, true);
    }

    private static List<String> split(String text, boolean commas) {
        boolean[] inString = stringMask(text);
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length();
            if (!end && !inString[i]) {
                char c = text.charAt(i);
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                }
                end = depth == 0 && (c == '\n' || (commas && c == ','));
            }
            if (end) {
                String part = text.substring(start, i).strip();
                if (!part.isEmpty()) {
                    parts.add(part);
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /** Index of the bracket that closes the one at {@code open}, outside strings; -1 when unbalanced. */
    static int matching(String text, int open) {
        boolean[] inString = stringMask(text);
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (inString[i]) {
                continue;
            }
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Index of the first occurrence of {@code c} outside strings and brackets; -1 when none. */
    static int topLevelIndexOf(String text, char c) {
        boolean[] inString = stringMask(text);
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            if (inString[i]) {
                continue;
            }
            char ch = text.charAt(i);
            if (ch == c && depth == 0) {
                return i;
            }
            if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                depth--;
            }
        }
        return -1;
    }

    /** The value of a plain string literal ({@code 'abc'} gives {@code abc}); anything else unchanged. */
    static String unquote(String expression) {
        Matcher m = PLAIN_LITERAL.matcher(expression.strip());
        if (!m.matches() || m.group(1).contains("${")) {
            return expression.strip();
        }
        return m.group(1).replaceAll("\\\\(.)", "$1");
    }
}

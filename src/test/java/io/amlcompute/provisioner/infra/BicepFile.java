package io.amlcompute.provisioner.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bicep file read as text, just far enough for the infrastructure tests: its params (with raw default
 * expressions), vars, resources, modules and outputs, and the object literals in their bodies. There is no Bicep
 * compiler on this machine, so this reads the conventional one-property-per-line layout the files in infra/ use;
 * anything it cannot read makes a test fail loudly rather than pass quietly.
 */
final class BicepFile {

    /** A parameter; {@code defaultValue} is the raw expression, or null when the parameter has none. */
    record Param(String name, String type, String defaultValue) {
    }

    /** A {@code resource}: its symbol, type, api-version, deploy condition (raw, or null) and body. */
    record Resource(String symbol, String type, String apiVersion, boolean existing, String condition,
                    BicepValue.Obj body) {

        /** The raw expression at a dotted path in the body, e.g. {@code properties.requiresSession}. */
        Optional<String> expr(String path) {
            return body.expr(path);
        }
    }

    /** A {@code module}: its symbol, path, deploy condition, loop header (raw, or null) and body. */
    record Module(String symbol, String path, String condition, String loop, BicepValue.Obj body) {
    }

    private static final Pattern RESOURCE_HEADER = Pattern.compile(
            "^resource\\s+(\\w+)\\s+'([^'@]+)@([^']+)'\\s*(existing)?\\s*=\\s*", Pattern.DOTALL);
    private static final Pattern MODULE_HEADER = Pattern.compile(
            "^module\\s+(\\w+)\\s+'([^']+)'\\s*=\\s*", Pattern.DOTALL);
    private static final Pattern PARAM = Pattern.compile(
            "^param\\s+(\\w+)\\s+(\\w+)\\s*(?:=\\s*(.+))?$", Pattern.DOTALL);
    private static final Pattern VAR = Pattern.compile("^var\\s+(\\w+)\\s*=\\s*(.+)$", Pattern.DOTALL);
    private static final Pattern TARGET_SCOPE = Pattern.compile("^targetScope\\s*=\\s*(.+)$", Pattern.DOTALL);
    private static final Pattern OUTPUT = Pattern.compile(
            "^output\\s+(\\w+)\\s+\\w+\\s*=\\s*(.+)$", Pattern.DOTALL);

    private final Path path;
    private final String code;
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private final List<Resource> resources = new ArrayList<>();
    private final List<Module> modules = new ArrayList<>();
    private String targetScope = "resourceGroup";

    private BicepFile(Path path, String text) {
        this.path = path;
        this.code = BicepText.withoutComments(text);
        for (String statement : BicepText.statements(code)) {
            read(statement);
        }
    }

    static BicepFile read(Path path) {
        try {
            return new BicepFile(path, Files.readString(path));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    private void read(String statement) {
        Matcher m;
        if ((m = PARAM.matcher(statement)).matches()) {
            params.put(m.group(1), new Param(m.group(1), m.group(2), m.group(3) == null ? null : m.group(3).strip()));
        } else if ((m = TARGET_SCOPE.matcher(statement)).matches()) {
            targetScope = BicepText.unquote(m.group(1).strip());
        } else if ((m = VAR.matcher(statement)).matches()) {
            vars.put(m.group(1), m.group(2).strip());
        } else if ((m = OUTPUT.matcher(statement)).matches()) {
            outputs.put(m.group(1), m.group(2).strip());
        } else if ((m = RESOURCE_HEADER.matcher(statement)).find()) {
            Body body = Body.of(statement.substring(m.end()), path + " resource " + m.group(1));
            resources.add(new Resource(m.group(1), m.group(2), m.group(3), m.group(4) != null, body.condition,
                    body.object));
        } else if ((m = MODULE_HEADER.matcher(statement)).find()) {
            Body body = Body.of(statement.substring(m.end()), path + " module " + m.group(1));
            modules.add(new Module(m.group(1), m.group(2), body.condition, body.loop, body.object));
        }
    }

    /** {@code if (…)} and {@code [for … : if (…) { … }]} around a resource or module body. */
    private record Body(String condition, String loop, BicepValue.Obj object) {

        private static final Pattern LOOP = Pattern.compile("^\\[\\s*for\\s+(.+?):\\s*(.*)\\]$", Pattern.DOTALL);

        static Body of(String expression, String where) {
            String rest = expression.strip();
            String loop = null;
            Matcher m = LOOP.matcher(rest);
            if (m.matches()) {
                loop = m.group(1).strip();
                rest = m.group(2).strip();
            }
            String condition = null;
            if (rest.startsWith("if")) {
                int open = rest.indexOf('(');
                int close = BicepText.matching(rest, open);
                condition = rest.substring(open + 1, close).strip();
                rest = rest.substring(close + 1).strip();
            }
            if (!(BicepValue.parse(rest, where) instanceof BicepValue.Obj object)) {
                throw new IllegalStateException(where + ": body is not an object literal");
            }
            return new Body(condition, loop, object);
        }
    }

    Path path() {
        return path;
    }

    /** The file without comments: what the tests scan for forbidden text. */
    String code() {
        return code;
    }

    String targetScope() {
        return targetScope;
    }

    Map<String, Param> params() {
        return params;
    }

    Param param(String name) {
        Param param = params.get(name);
        if (param == null) {
            throw new AssertionError(path + " declares no param '" + name + "'");
        }
        return param;
    }

    /** A var's raw expression, when the file declares it. */
    Optional<String> findVar(String name) {
        return Optional.ofNullable(vars.get(name));
    }

    /** A var's raw expression. */
    String var(String name) {
        String value = vars.get(name);
        if (value == null) {
            throw new AssertionError(path + " declares no var '" + name + "'");
        }
        return value;
    }

    /** A var whose value is an object literal. */
    BicepValue.Obj objectVar(String name) {
        if (!(BicepValue.parse(var(name), path + " var " + name) instanceof BicepValue.Obj object)) {
            throw new AssertionError(path + " var '" + name + "' is not an object literal");
        }
        return object;
    }

    Map<String, String> outputs() {
        return outputs;
    }

    List<Resource> resources() {
        return resources;
    }

    List<Resource> resourcesOfType(String type) {
        return resources.stream().filter(r -> r.type().equalsIgnoreCase(type)).toList();
    }

    Resource resource(String symbol) {
        return resources.stream().filter(r -> r.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " declares no resource '" + symbol + "'"));
    }

    /** The one resource of this type whose {@code name} is this raw expression (e.g. a param name). */
    Resource resourceNamed(String type, String nameExpression) {
        List<Resource> found = resourcesOfType(type).stream()
                .filter(r -> r.expr("name").orElse("").equals(nameExpression)).toList();
        if (found.size() != 1) {
            throw new AssertionError(path + ": expected one " + type + " named " + nameExpression + ", found "
                    + found.size());
        }
        return found.get(0);
    }

    List<Module> modules() {
        return modules;
    }

    Module module(String modulePath) {
        return modules.stream().filter(m -> m.path().equals(modulePath)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " deploys no module '" + modulePath + "'"));
    }
}

package io.amlcompute.provisioner.contract.validation;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.amlcompute.provisioner.contract.Action;
import io.amlcompute.provisioner.contract.ArmNames;
import io.amlcompute.provisioner.contract.ComputeOperation;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeType;
import io.amlcompute.provisioner.contract.ControlRequest;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.WireNamed;
import io.amlcompute.provisioner.contract.WorkspaceRef;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a request message into a {@link ComputeRequest}, or a {@link ControlRequest} for renew, release and cancel,
 * reporting every problem at once. The structural rules live here, in {@link ComputeSectionReader},
 * {@link OptionsReader} and {@link ControlRequestReader}; policy from app settings is {@link RequestPolicy}'s job.
 * Thread-safe.
 */
public final class RequestParser {

    /** Request ids become Durable instance ids and Service Bus MessageIds: a conservative, URL-safe charset. */
    static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");
    private static final Pattern CORRELATION_ID = Pattern.compile("^[\\x21-\\x7E]{1,128}$");
    static final int MAX_NODES = 1000;

    private final RequestDefaults defaults;

    public RequestParser(RequestDefaults defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    /** U+FEFF at the start: a UTF-8 byte order mark, decoded. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * Reads a request body. A leading byte order mark is dropped, as most JSON readers do (RFC 8259 §8.1 lets a
     * parser ignore one it meets though a sender must not add it): Windows editors write one, and the request then
     * means the same with or without it. {@code computectl validate} and {@code send} read files the same way.
     */
    /**
     * What can be learned from the envelope alone, by the same checks as {@link #parse}: for a message whose body
     * cannot be read at all.
     */
    public static RequestContext contextOf(MessageEnvelope envelope) {
        return new Context(envelope).fromEnvelopeOnly();
    }

    public ParseResult parse(String body, MessageEnvelope envelope) {
        if (body != null && !body.isEmpty() && body.charAt(0) == BYTE_ORDER_MARK) {
            body = body.substring(1);
        }
        Problems problems = new Problems();
        Context context = new Context(envelope);
        if (body == null || body.getBytes(StandardCharsets.UTF_8).length > defaults.maxMessageBytes()) {
            if (body != null) {
                problems.add(ReasonCode.MESSAGE_TOO_LARGE, "$", "The message is larger than "
                        + defaults.maxMessageBytes() + " bytes; a request is a few kilobytes of JSON.");
            } else {
                problems.add(ReasonCode.MALFORMED_JSON, "$", "The message has no body; send the request as JSON.");
            }
            return new ParseResult.Unparsed(context.fromEnvelopeOnly(), problems.list());
        }
        Optional<JsonNode> root = readTree(body, problems);
        if (root.isEmpty()) {
            return new ParseResult.Unparsed(context.fromEnvelopeOnly(), problems.list());
        }
        if (!root.get().isObject()) {
            problems.add(ReasonCode.NOT_AN_OBJECT, "$", "The request must be a JSON object, not "
                    + ObjectFields.describe(root.get()) + "." + encodedTwiceHint(root.get()));
            return new ParseResult.Unparsed(context.fromEnvelopeOnly(), problems.list());
        }
        ObjectFields top = ObjectFields.open(root.get(), "$", problems, "a request").orElseThrow();
        Action action = readHead(top, context);
        if (action != null && action.isControl()) {
            ControlRequest control = ControlRequestReader.read(top, action, context.requestId, context.correlationId);
            top.finish();
            RequestContext known = context.build();
            return problems.isEmpty()
                    ? new ParseResult.ParsedControl(control, known)
                    : new ParseResult.Unparsed(known, problems.list());
        }
        ComputeRequest request = readComputeRequest(top, context, action);
        top.finish();
        RequestContext known = context.build();
        return problems.isEmpty()
                ? new ParseResult.Parsed(request, known)
                : new ParseResult.Unparsed(known, problems.list());
    }

    /**
     * A JSON string that holds an object is a request encoded twice: @azure/service-bus 7.9.5, for one, JSON-encodes
     * a string body (sdk/servicebus/service-bus/src/dataTransformer.ts, defaultDataTransformer.encode), so a
     * producer that passes the request's text instead of the object sends a string literal.
     */
    private static String encodedTwiceHint(JsonNode root) {
        return root.isTextual() && root.asText().strip().startsWith("{")
                ? " The body is a JSON string that holds an object, so the request was encoded twice: send the object"
                        + " itself (for example body: request, not body: JSON.stringify(request), with @azure/service-bus)."
                : "";
    }

    /** What every request starts with: its schema version, action and ids. */
    private static Action readHead(ObjectFields top, Context context) {
        String version = top.string("schemaVersion", true);
        if (version != null && !ComputeRequest.SCHEMA_VERSION.equals(version)) {
            top.problems().add(ReasonCode.UNSUPPORTED_SCHEMA_VERSION, "$.schemaVersion", "$.schemaVersion "
                    + Problems.quote(version) + " is not supported; this app reads " + ComputeRequest.SCHEMA_VERSION + ".");
        }
        Action action = readAction(top);
        context.action = action;
        context.requestId = readRequestId(top, context.envelope);
        context.correlationId = readCorrelationId(top, context);
        return action;
    }

    private ComputeRequest readComputeRequest(ObjectFields top, Context context, Action action) {
        Problems problems = top.problems();
        WorkspaceRef workspace = top.object("workspace", true, "the workspace")
                .map(RequestParser::readWorkspace).orElse(null);
        context.workspace = workspace;
        ComputeOperation operation = top.object("compute", true, "the compute")
                .map(compute -> new ComputeSectionReader(compute, context).read(action)).orElse(null);
        RequestOptions options = new OptionsReader(defaults).read(top, action, operation);
        if (!problems.isEmpty()) {
            return null;
        }
        return new ComputeRequest(context.requestId, context.correlationId, workspace, operation, options);
    }

    private static Action readAction(ObjectFields top) {
        String name = top.string("action", true);
        if (name == null) {
            return null;
        }
        Optional<Action> action = WireNamed.lookup(Action.class, name);
        if (action.isEmpty()) {
            top.problems().add(ReasonCode.UNKNOWN_ACTION, "$.action", "$.action " + Problems.quote(name)
                    + " is not an action; use one of: " + WireNamed.wireNames(Action.class) + ".");
        }
        return action.orElse(null);
    }

    private static String readRequestId(ObjectFields top, MessageEnvelope envelope) {
        String rule = "use 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.";
        if (top.has("requestId")) {
            return top.string("requestId", false, REQUEST_ID, ReasonCode.INVALID_REQUEST_ID, rule);
        }
        top.value("requestId", false);
        if (envelope.messageId() == null) {
            top.problems().add(ReasonCode.MISSING_FIELD, "$.requestId",
                    "$.requestId is required: the app reads a request's id from its body.");
            return null;
        }
        if (!REQUEST_ID.matcher(envelope.messageId()).matches()) {
            top.problems().add(ReasonCode.INVALID_REQUEST_ID, "$.requestId", "$.requestId is missing and the"
                    + " message's MessageId cannot serve as one: " + rule + " Set requestId in the body.");
            return null;
        }
        return envelope.messageId();
    }

    private static String readCorrelationId(ObjectFields top, Context context) {
        String rule = "use 1 to 128 printable ASCII characters without spaces.";
        if (top.has("correlationId")) {
            return top.string("correlationId", false, CORRELATION_ID, ReasonCode.INVALID_VALUE, rule);
        }
        top.value("correlationId", false);
        String fromMessage = context.envelope.correlationId();
        if (fromMessage != null && CORRELATION_ID.matcher(fromMessage).matches()) {
            return fromMessage;
        }
        return context.requestId;
    }

    private static WorkspaceRef readWorkspace(ObjectFields ws) {
        String subscription = ws.string("subscriptionId", true);
        String group = ws.string("resourceGroup", true);
        String name = ws.string("workspaceName", true);
        Problems problems = ws.problems();
        int before = problems.size();
        if (subscription != null && !ArmNames.isSubscriptionId(subscription)) {
            problems.add(ReasonCode.INVALID_SUBSCRIPTION_ID, ws.pathOf("subscriptionId"), ws.pathOf("subscriptionId")
                    + " " + Problems.quote(subscription) + " is not a subscription id (a GUID).");
        }
        if (group != null && !ArmNames.isResourceGroup(group)) {
            problems.add(ReasonCode.INVALID_RESOURCE_GROUP, ws.pathOf("resourceGroup"), ws.pathOf("resourceGroup")
                    + " " + Problems.quote(group) + " is not a resource group name: 1 to 90 letters, digits, '-', '_',"
                    + " '.', '(' or ')', not ending in '.'.");
        }
        if (name != null && !ArmNames.isWorkspaceName(name)) {
            problems.add(ReasonCode.INVALID_WORKSPACE_NAME, ws.pathOf("workspaceName"), ws.pathOf("workspaceName")
                    + " " + Problems.quote(name) + " is not a workspace name: 3 to 33 letters, digits, '-' or '_',"
                    + " starting with a letter or digit.");
        }
        ws.finish();
        boolean complete = subscription != null && group != null && name != null && problems.size() == before;
        return complete ? new WorkspaceRef(subscription, group, name) : null;
    }

    private static Optional<JsonNode> readTree(String body, Problems problems) {
        if (body.isBlank()) {
            problems.add(ReasonCode.MALFORMED_JSON, "$", "The message body is empty; send the request as JSON.");
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(body));
        } catch (StreamConstraintsException e) {
            // Jackson guards nesting, number and string lengths with the same exception; only its text tells.
            if (String.valueOf(e.getMessage()).contains("nesting depth")) {
                problems.add(ReasonCode.NESTING_TOO_DEEP, "$", "The JSON is nested deeper than "
                        + Json.MAX_NESTING_DEPTH + " levels; a request is a few levels deep.");
            } else {
                problems.add(ReasonCode.MALFORMED_JSON, "$", "The JSON holds a value too long to read (a number or"
                        + " string beyond the parser's limits); a request's values are short.");
            }
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                problems.add(ReasonCode.DUPLICATE_KEY, "$", "The JSON has a duplicate key: " + message
                        + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ".");
            } else {
                problems.add(ReasonCode.MALFORMED_JSON, "$", "The message is not valid JSON (line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
            }
        } catch (JsonProcessingException e) {
            problems.add(ReasonCode.MALFORMED_JSON, "$", "The message is not valid JSON: a single JSON object"
                    + " is expected, with nothing after it.");
        }
        return Optional.empty();
    }

    /** What has been learned so far, filled in as the reader goes. */
    static final class Context {
        final MessageEnvelope envelope;
        String requestId;
        String correlationId;
        Action action;
        WorkspaceRef workspace;
        String computeName;
        ComputeType computeType;

        Context(MessageEnvelope envelope) {
            this.envelope = Objects.requireNonNull(envelope, "envelope");
        }

        RequestContext fromEnvelopeOnly() {
            String id = envelope.messageId() != null && REQUEST_ID.matcher(envelope.messageId()).matches()
                    ? envelope.messageId() : null;
            String correlation = envelope.correlationId() != null
                    && CORRELATION_ID.matcher(envelope.correlationId()).matches() ? envelope.correlationId() : id;
            return new RequestContext(id, correlation, null, null, null, null);
        }

        RequestContext build() {
            RequestContext fallback = fromEnvelopeOnly();
            return new RequestContext(
                    requestId != null ? requestId : fallback.requestId(),
                    correlationId != null ? correlationId : fallback.correlationId(),
                    action, workspace, computeName, computeType);
        }
    }
}

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
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.OnExisting;
import io.amlcompute.provisioner.contract.OnFailedLeftover;
import io.amlcompute.provisioner.contract.RequestOptions;
import io.amlcompute.provisioner.contract.UpdateScaleSettings;
import io.amlcompute.provisioner.contract.WireNamed;
import io.amlcompute.provisioner.contract.WorkspaceRef;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a request message into a {@link ComputeRequest}, reporting every problem at once. The structural rules
 * live here and in {@link ComputeSectionReader}; policy from app settings is {@link RequestPolicy}'s job.
 * Thread-safe.
 */
public final class RequestParser {

    /** Request ids become Durable instance ids and Service Bus MessageIds: a conservative, URL-safe charset. */
    static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");
    private static final Pattern CORRELATION_ID = Pattern.compile("^[\\x21-\\x7E]{1,128}$");
    /** The longest deadline a request may ask for, whatever the policy says. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(30);
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
                    + ObjectFields.describe(root.get()) + ".");
            return new ParseResult.Unparsed(context.fromEnvelopeOnly(), problems.list());
        }
        ObjectFields top = ObjectFields.open(root.get(), "$", problems, "a request").orElseThrow();
        ComputeRequest request = readRequest(top, context);
        top.finish();
        RequestContext known = context.build();
        return problems.isEmpty()
                ? new ParseResult.Parsed(request, known)
                : new ParseResult.Unparsed(known, problems.list());
    }

    private ComputeRequest readRequest(ObjectFields top, Context context) {
        Problems problems = top.problems();
        String version = top.string("schemaVersion", true);
        if (version != null && !ComputeRequest.SCHEMA_VERSION.equals(version)) {
            problems.add(ReasonCode.UNSUPPORTED_SCHEMA_VERSION, "$.schemaVersion", "$.schemaVersion "
                    + Problems.quote(version) + " is not supported; this app reads " + ComputeRequest.SCHEMA_VERSION + ".");
        }
        Action action = readAction(top);
        context.action = action;
        context.requestId = readRequestId(top, context.envelope);
        context.correlationId = readCorrelationId(top, context);
        WorkspaceRef workspace = top.object("workspace", true, "the workspace")
                .map(RequestParser::readWorkspace).orElse(null);
        context.workspace = workspace;
        ComputeOperation operation = top.object("compute", true, "the compute")
                .map(compute -> new ComputeSectionReader(compute, context).read(action)).orElse(null);
        RequestOptions options = readOptions(top, action);
        if (problems.isEmpty()) {
            checkWaitForNodes(top, operation, options);
            InstanceSectionReader.checkOptions(problems, operation, options);
        }
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

    private RequestOptions readOptions(ObjectFields top, Action action) {
        Optional<ObjectFields> maybe = top.object("options", false, "the options");
        Duration timeout = defaults.timeout();
        int waitForNodes = 0;
        OnExisting onExisting = OnExisting.REUSE;
        OnFailedLeftover onFailedLeftover = OnFailedLeftover.FAIL;
        if (maybe.isPresent()) {
            ObjectFields options = maybe.get();
            timeout = Optional.ofNullable(options.duration("timeout", MAX_TIMEOUT)).orElse(timeout);
            if (applies(options, "waitForNodes", action, Action.ENSURE, Action.UPDATE)) {
                waitForNodes = Optional.ofNullable(options.integer("waitForNodes", false, 0, MAX_NODES)).orElse(0);
            }
            if (applies(options, "onExisting", action, Action.ENSURE, Action.ATTACH)) {
                onExisting = Optional.ofNullable(options.enumValue("onExisting", OnExisting.class, false))
                        .orElse(onExisting);
                if (action == Action.ATTACH && onExisting == OnExisting.RECONCILE) {
                    options.problems().add(ReasonCode.OPTION_NOT_APPLICABLE, options.pathOf("onExisting"),
                            options.pathOf("onExisting") + " reconcile applies to ensure only: an attached compute"
                                    + " cannot be changed in place. Use reuse or fail, or detach and attach again.");
                }
            }
            if (applies(options, "onFailedLeftover", action, Action.ENSURE)) {
                onFailedLeftover = Optional.ofNullable(
                        options.enumValue("onFailedLeftover", OnFailedLeftover.class, false)).orElse(onFailedLeftover);
            }
            options.finish();
        }
        return new RequestOptions(timeout, waitForNodes, onExisting, onFailedLeftover);
    }

    /** True when the option may be read for this action; reports OPTION_NOT_APPLICABLE when it is set anyway. */
    private static boolean applies(ObjectFields options, String name, Action action, Action... actions) {
        if (action == null || java.util.Arrays.asList(actions).contains(action)) {
            return true;
        }
        if (options.has(name)) {
            options.value(name, false);
            options.problems().add(ReasonCode.OPTION_NOT_APPLICABLE, options.pathOf(name), options.pathOf(name)
                    + " does not apply to " + action.wireName() + "; remove it.");
        }
        return false;
    }

    private static void checkWaitForNodes(ObjectFields top, ComputeOperation operation, RequestOptions options) {
        int maxNodes = Integer.MAX_VALUE;
        if (operation instanceof EnsureAmlCompute ensure) {
            maxNodes = ensure.scale().maxNodes();
        } else if (operation instanceof UpdateScaleSettings update) {
            maxNodes = update.scale().maxNodes();
        }
        if (options.waitForNodes() > maxNodes) {
            top.problems().add(ReasonCode.OUT_OF_RANGE, "$.options.waitForNodes", "$.options.waitForNodes ("
                    + options.waitForNodes() + ") is more than $.compute.maxNodes (" + maxNodes
                    + "): the cluster would never be ready.");
        }
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

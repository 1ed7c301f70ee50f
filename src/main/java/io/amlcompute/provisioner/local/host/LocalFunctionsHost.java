package io.amlcompute.provisioner.local.host;

import io.amlcompute.provisioner.local.durable.LocalDurableClientContext;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local Azure Functions host for the app's Java functions: it reads the {@code @FunctionName} methods of the app's
 * package and wires their bindings as the Functions host and the Java worker do, so the function classes run
 * unchanged and never learn that they run locally. For development and tests only.
 *
 * <table>
 *   <caption>Bindings served</caption>
 *   <tr><th>binding</th><th>served by</th></tr>
 *   <tr><td>{@code @ServiceBusQueueTrigger}, {@code @ServiceBusTopicTrigger}</td><td>a {@code ServiceBusProcessorClient}
 *       per function, peek-lock: a normal return completes, an exception abandons; body as String (or bytes) and
 *       {@code @BindingName} metadata MessageId, CorrelationId, ReplyTo, ReplyToSessionId, DeliveryCount (from 1),
 *       SessionId, Subject, EnqueuedTimeUtc, ApplicationProperties</td></tr>
 *   <tr><td>{@code @DurableClientInput}</td><td>a real {@code DurableClientContext} on the Durable backend</td></tr>
 *   <tr><td>{@code @DurableOrchestrationTrigger}, {@code @DurableActivityTrigger}</td><td>real durabletask 1.4.0
 *       workers on the Durable backend</td></tr>
 *   <tr><td>{@code @HttpTrigger}</td><td>an HTTP server on 127.0.0.1 under {@code /api/<route>}, function keys</td></tr>
 *   <tr><td>{@code ExecutionContext}</td><td>a logger per function and an invocation id per invocation</td></tr>
 * </table>
 *
 * <p>Not served: session triggers, output bindings, other trigger kinds (start fails naming the function). A new
 * instance of the function class is made per invocation, with its public no-argument constructor.
 *
 * <p>Thread-safe. {@link #close()} stops the triggers: Service Bus first (no new work), then HTTP, then Durable.
 */
public final class LocalFunctionsHost implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalFunctionsHost.class.getName());

    private final List<FunctionDefinition> functions;
    private final String functionKey;
    private final List<AutoCloseable> triggers;
    private final HttpTriggers http;

    private LocalFunctionsHost(List<FunctionDefinition> functions, String functionKey, List<AutoCloseable> triggers,
                               HttpTriggers http) {
        this.functions = functions;
        this.functionKey = functionKey;
        this.triggers = triggers;
        this.http = http;
    }

    /**
     * Reads the app's functions and starts serving their triggers.
     *
     * @throws IllegalStateException when a function's binding cannot be served (its name is in the message)
     * @throws IOException           when the HTTP port cannot be bound
     */
    public static LocalFunctionsHost start(LocalFunctionsHostOptions options) throws IOException {
        List<FunctionDefinition> functions = readFunctions(options);
        boolean needsDurable = functions.stream().anyMatch(LocalFunctionsHost::needsDurable);
        if (needsDurable && options.durablePort() == 0) {
            throw new IllegalStateException("the app has Durable bindings but the host was given no Durable backend");
        }
        String hub = options.hostJson().taskHubName();
        FunctionInvoker invoker = new FunctionInvoker(options.durablePort() == 0 ? null
                : () -> LocalDurableClientContext.create(options.durablePort(), hub));
        String key = options.functionKey() != null ? options.functionKey() : FunctionKeyCheck.generateKey();

        // Intake last: a message must not arrive before the functions it leads to can run.
        List<AutoCloseable> started = new ArrayList<>();
        try {
            if (needsDurable) {
                started.add(DurableTriggers.start(options.durablePort(), options.hostJson().durableWorkers(),
                        functions, invoker));
            }
            HttpTriggers http = HttpTriggers.start(options.httpPort(), options.hostJson().routePrefix(), functions,
                    invoker, new FunctionKeyCheck(key));
            started.add(http);
            started.add(ServiceBusTriggers.start(functions, invoker, options.appSettings(),
                    options.hostJson().serviceBus()));
            LOG.log(Level.INFO, "Local Functions host serving {0} functions: {1}",
                    new Object[]{functions.size(), functions.stream().map(FunctionDefinition::name).toList()});
            return new LocalFunctionsHost(functions, key, reversed(started), http);
        } catch (IOException | RuntimeException e) {
            closeAll(reversed(started));
            throw e;
        }
    }

    private static List<FunctionDefinition> readFunctions(LocalFunctionsHostOptions options) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : LocalFunctionsHost.class.getClassLoader();
        BindingResolver resolver = new BindingResolver(options.appSettings());
        List<FunctionDefinition> functions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Method method : FunctionScanner.functionMethods(options.functionsPackage(), loader)) {
            FunctionDefinition function = resolver.resolve(method);
            if (!names.add(function.name())) {
                throw new IllegalStateException("two functions are named " + function.name());
            }
            functions.add(function);
        }
        if (functions.isEmpty()) {
            throw new IllegalStateException("no @FunctionName methods in package " + options.functionsPackage());
        }
        return List.copyOf(functions);
    }

    private static boolean needsDurable(FunctionDefinition function) {
        return function.trigger() instanceof TriggerBinding.Orchestration
                || function.trigger() instanceof TriggerBinding.Activity
                || function.parameters().stream().anyMatch(p -> p instanceof ParameterBinding.DurableClient);
    }

    /** A new random function key, as the host makes one when none is given. */
    public static String newFunctionKey() {
        return FunctionKeyCheck.generateKey();
    }

    /** The names of the functions served, in name order. */
    public List<String> functionNames() {
        return functions.stream().map(FunctionDefinition::name).toList();
    }

    /** {@code http://127.0.0.1:<port>/api/}: append an HTTP function's route. */
    public URI httpBaseUri() {
        return http.baseUri();
    }

    /** The key HTTP functions with authLevel FUNCTION require ({@code ?code=} or {@code x-functions-key}). */
    public String functionKey() {
        return functionKey;
    }

    @Override
    public void close() {
        closeAll(triggers);
    }

    private static List<AutoCloseable> reversed(List<AutoCloseable> started) {
        List<AutoCloseable> copy = new ArrayList<>(started);
        Collections.reverse(copy);
        return List.copyOf(copy);
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping a trigger failed", e);
            }
        }
    }
}

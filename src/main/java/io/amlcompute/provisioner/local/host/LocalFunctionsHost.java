package io.amlcompute.provisioner.local.host;

import io.amlcompute.provisioner.local.durable.LocalDurableClientContext;
import io.amlcompute.provisioner.local.host.worker.JavaWorker;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local Azure Functions host for the app's Java functions: a model of the real pipeline, rule by rule, so the
 * function classes run unchanged and see exactly what they would see in Azure, no more. It has three parts, each
 * a model of something real with its sources cited next to each rule (the table: docs/local/functions-host.md):
 * <ul>
 *   <li>the extensions, which turn a trigger into its value and binding data: {@link ServiceBusBindingData} (the
 *       Service Bus extension 5.x), {@link DurableActivityBinding} and {@link DurableWorkItems} (the Durable
 *       extension 2.13), {@link HttpRequestData} (the HTTP extension), {@link TimerTriggers} and
 *       {@link TimerInfoValue} (the timer extension);</li>
 *   <li>the host, which sends them to the worker: {@link JsonBodyBindingData}, {@link HostRpcValues} (null
 *       metadata dropped, numbers and dictionaries as json), the Durable client binding's JSON;</li>
 *   <li>the Java worker ({@link io.amlcompute.provisioner.local.host.worker.JavaWorker}), which binds parameters,
 *       runs the middlewares (durabletask's real {@code OrchestrationMiddleware}) and the method on a new instance,
 *       and reports failures as the worker does.</li>
 * </ul>
 * The bindings it serves are the app's: Service Bus queue and subscription triggers bound as a String, HTTP
 * triggers, timer triggers on NCRONTAB schedules ({@link TimerTriggers}), the Durable orchestration and activity
 * triggers and the Durable client input. Anything else (session
 * triggers, output bindings, other triggers, a body bound as bytes) fails at start, naming the function: where the
 * model does not know what Azure does, it does not guess.
 *
 * <p>Thread-safe. {@link #close()} stops the triggers: timers and Service Bus first (no new work), then HTTP, then
 * Durable.
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
     * Reads the app's functions and starts serving their triggers. An app given by its jars
     * ({@link LocalFunctionsHostOptions#appClassPath()}) gets a class loader of its own, as the Java worker gives it
     * one; it is closed with the host.
     *
     * @throws IllegalStateException when a function's binding cannot be served (its name is in the message)
     * @throws IOException           when the HTTP port cannot be bound
     */
    public static LocalFunctionsHost start(LocalFunctionsHostOptions options) throws IOException {
        if (options.appClassPath().isEmpty()) {
            return start(options, contextClassLoader());
        }
        WorkerClassLoader loader = new WorkerClassLoader(options.appClassPath());
        try {
            LocalFunctionsHost host = start(options, loader);
            List<AutoCloseable> withLoader = new ArrayList<>(host.triggers);
            withLoader.add(loader::closeQuietly); // last: triggers stop first
            return new LocalFunctionsHost(host.functions, host.functionKey, List.copyOf(withLoader), host.http);
        } catch (IOException | RuntimeException e) {
            loader.closeQuietly();
            throw e;
        }
    }

    private static LocalFunctionsHost start(LocalFunctionsHostOptions options, ClassLoader appLoader)
            throws IOException {
        List<FunctionDefinition> functions = readFunctions(options, appLoader);
        boolean needsDurable = functions.stream().anyMatch(LocalFunctionsHost::needsDurable);
        if (needsDurable && options.durablePort() == 0) {
            throw new IllegalStateException("the app has Durable bindings but the host was given no Durable backend");
        }
        String hub = options.hostJson().taskHubName();
        JavaWorker worker = new JavaWorker(appLoader);
        FunctionRunner runner = new FunctionRunner(worker, options.durablePort() == 0 ? null
                : () -> LocalDurableClientContext.bindingJson(options.durablePort(), hub));
        String key = options.functionKey() != null ? options.functionKey() : FunctionKeyCheck.generateKey();

        // Intake last: a message must not arrive before the functions it leads to can run.
        List<AutoCloseable> started = new ArrayList<>();
        try {
            if (needsDurable) {
                started.add(DurableWorkItems.start(options.durablePort(), options.hostJson().durableWorkers(),
                        functions, runner));
            }
            HttpTriggers http = HttpTriggers.start(options.httpPort(), options.hostJson().routePrefix(), functions,
                    runner, new FunctionKeyCheck(key));
            started.add(http);
            started.add(ServiceBusTriggers.start(functions, runner, options.appSettings(),
                    options.hostJson().serviceBus()));
            started.add(TimerTriggers.start(functions, runner, Clock.systemUTC()));
            LOG.log(Level.INFO, "Local Functions host serving {0} functions: {1}",
                    new Object[]{functions.size(), functions.stream().map(FunctionDefinition::name).toList()});
            return new LocalFunctionsHost(functions, key, reversed(started), http);
        } catch (IOException | RuntimeException e) {
            closeAll(reversed(started));
            throw e;
        }
    }

    private static List<FunctionDefinition> readFunctions(LocalFunctionsHostOptions options, ClassLoader loader) {
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
                || !function.durableClientInputs().isEmpty();
    }

    private static ClassLoader contextClassLoader() {
        return Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : LocalFunctionsHost.class.getClassLoader();
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

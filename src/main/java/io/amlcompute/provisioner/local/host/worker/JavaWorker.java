package io.amlcompute.provisioner.local.host.worker;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.internal.spi.middleware.Middleware;
import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareChain;
import com.microsoft.azure.functions.internal.spi.middleware.MiddlewareContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The Functions Java worker, modelled: runs one {@link Invocation} of a {@link WorkerFunction} as
 * azure-functions-java-worker 2.17.0 does, and answers what the worker would send back.
 *
 * <ol>
 *   <li>The middlewares the app's class path declares ({@code META-INF/services/...Middleware}, loaded with
 *       {@link ServiceLoader}: durabletask's real {@code OrchestrationMiddleware}) run first, the function last
 *       ({@code broker/JavaFunctionBroker.java}, {@code chain/FunctionExecutionMiddleware.java}).</li>
 *   <li>Each parameter is resolved ({@link WorkerFunction}): an input by its binding name (a middleware's value
 *       first), else "Cannot find matched parameter name of customer function, ..."; {@code @BindingName} from the
 *       trigger metadata, else "Cannot find matched @BindingName of customer function, ..." (the host drops null
 *       metadata, so a missing message property ends here); {@code ExecutionContext} by type. Values convert by
 *       {@link WorkerConversion} ({@code binding/BindingDataStore.java}).</li>
 *   <li>The method runs on a new instance of its class, made with its no-argument constructor, every time
 *       ({@code broker/JavaFunctionBroker.java}: no FunctionInstanceInjector; {@code broker/JavaMethodInvokeInfo.java}).</li>
 *   <li>The return value becomes the return_value when the function has a return target ({@link WorkerReturnValue});
 *       any exception, from binding or from the method, becomes a Failure whose message is the root cause
 *       ({@code handler/MessageHandler.java}, commons-lang3 {@code ExceptionUtils.getRootCauseMessage}).</li>
 * </ol>
 *
 * <p>Thread-safe: invocations share nothing but the middleware list.
 */
public final class JavaWorker {

    /** The commit of tag 2.17.0 of Azure/azure-functions-java-worker, which every rule of this package cites. */
    public static final String SOURCE = "45e0843d628fad297881471c69885b02d2c6d492";

    private final List<Middleware> middlewares;

    /** @param appClassLoader where the app's classes and libraries are, searched for middlewares */
    public JavaWorker(ClassLoader appClassLoader) {
        this.middlewares = ServiceLoader.load(Middleware.class, appClassLoader).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    /** The middlewares found, in the order they run (before the function). */
    public List<String> middlewareNames() {
        return middlewares.stream().map(m -> m.getClass().getName()).toList();
    }

    public InvocationResult invoke(WorkerFunction function, Invocation invocation, Logger logger) {
        WorkerContext context = new WorkerContext(function, invocation, logger);
        try {
            new Chain(middlewares, 0, this::execute).doNext(context);
        } catch (Exception e) {
            return failure(e);
        } catch (Error e) {
            // The worker does not catch errors; the host would see the invocation time out. Report it loudly instead.
            return failure(e);
        }
        return new InvocationResult.Success(function.returnTarget() ? WorkerReturnValue.of(context.getReturnValue())
                : null);
    }

    /** {@code EnhancedJavaMethodExecutorImpl.execute}: resolve, invoke, record the return value. */
    private void execute(WorkerContext context) throws Exception {
        WorkerFunction function = context.function();
        Object[] arguments = arguments(function, context);
        Object instance = Modifier.isStatic(function.method().getModifiers()) ? null
                : function.method().getDeclaringClass().getDeclaredConstructor().newInstance();
        // InvocationTargetException passes as it is: durabletask's middleware inspects its cause.
        context.updateReturnValue(function.method().invoke(instance, arguments));
    }

    private static Object[] arguments(WorkerFunction function, WorkerContext context) {
        Map<String, TypedData> metadata = metadataWithHttpRequest(context.invocation());
        List<WorkerFunction.Param> parameters = function.parameters();
        Object[] arguments = new Object[parameters.size()];
        for (int i = 0; i < arguments.length; i++) {
            WorkerFunction.Param param = parameters.get(i);
            if (param instanceof WorkerFunction.Param.Input input) {
                Object replaced = context.middlewareValue(input.bindingName());
                if (replaced != null) {
                    arguments[i] = replaced;
                    continue;
                }
                TypedData data = context.invocation().inputData().get(input.bindingName());
                if (data == null) {
                    throw new RuntimeException("Cannot find matched parameter name of customer function, please check"
                            + " if customer function is defined correctly");
                }
                arguments[i] = WorkerConversion.convert(data, input.type(), requestsFor(input.type()));
            } else if (param instanceof WorkerFunction.Param.Metadata entry) {
                TypedData data = metadata.get(entry.name());
                if (data == null) {
                    throw new RuntimeException("Cannot find matched @BindingName of customer function, please check if"
                            + " customer function is defined correctly");
                }
                arguments[i] = WorkerConversion.convert(data, entry.type(), requestsFor(entry.type()));
            } else if (WorkerFunction.isExecutionContext(param.type())) {
                arguments[i] = context;
            } else {
                throw new ClassCastException("class " + WorkerContext.class.getName() + " cannot be cast to class"
                        + " java.lang.String (a parameter without a binding binds only to ExecutionContext)");
            }
        }
        return arguments;
    }

    /**
     * {@code JavaFunctionBroker.getTriggerMetadataMap}: the trigger metadata, plus an http input under its binding
     * name and under {@code $request} where those keys are free.
     */
    private static Map<String, TypedData> metadataWithHttpRequest(Invocation invocation) {
        Map<String, TypedData> metadata = new HashMap<>(invocation.triggerMetadata());
        invocation.inputData().entrySet().stream().filter(e -> e.getValue() instanceof TypedData.Http).findFirst()
                .ifPresent(http -> {
                    metadata.putIfAbsent(http.getKey(), http.getValue());
                    metadata.putIfAbsent("$request", http.getValue());
                });
        return metadata;
    }

    private static Function<RpcHttp, HttpRequestMessage<?>> requestsFor(Type type) {
        Type body = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        return WorkerHttpRequest.factoryFor(body);
    }

    /** {@code MessageHandler.handle}: the root cause as the message, the whole trace as the stack. */
    private static InvocationResult.Failure failure(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace, true));
        return new InvocationResult.Failure(WorkerConversion.rootCauseMessage(thrown), trace.toString());
    }

    /** The chain: each middleware, then the function ({@code chain/InvocationChain.java}). */
    private record Chain(List<Middleware> middlewares, int index, FinalStep last) implements MiddlewareChain {
        @Override
        public void doNext(MiddlewareContext context) throws Exception {
            if (index < middlewares.size()) {
                middlewares.get(index).invoke(context, new Chain(middlewares, index + 1, last));
            } else {
                last.run((WorkerContext) context);
            }
        }
    }

    @FunctionalInterface
    private interface FinalStep {
        void run(WorkerContext context) throws Exception;
    }
}

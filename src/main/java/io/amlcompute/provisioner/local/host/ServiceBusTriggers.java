package io.amlcompute.provisioner.local.host;

import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.amlcompute.provisioner.local.host.worker.InvocationResult;
import io.amlcompute.provisioner.local.host.worker.TypedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Service Bus triggered functions, each fed by a {@link ServiceBusProcessorClient} in peek-lock mode with
 * auto-complete off, settled as the Functions host settles for Java functions (which cannot settle themselves):
 * a normal return completes the message, an exception abandons it, so Service Bus redelivers it and finally
 * dead-letters it after MaxDeliveryCount. Concurrency, prefetch, lock renewal and client retries follow host.json
 * {@code extensions.serviceBus}.
 */
final class ServiceBusTriggers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServiceBusTriggers.class.getName());

    private final List<ServiceBusProcessorClient> processors;

    private ServiceBusTriggers(List<ServiceBusProcessorClient> processors) {
        this.processors = processors;
    }

    /**
     * Starts one processor per Service Bus triggered function.
     *
     * @param appSettings where each trigger's {@code connection} setting holds a connection string
     */
    static ServiceBusTriggers start(List<FunctionDefinition> functions, FunctionRunner runner,
                                    Map<String, String> appSettings, HostJson.ServiceBusOptions options) {
        List<ServiceBusProcessorClient> processors = new ArrayList<>();
        try {
            for (FunctionDefinition function : functions) {
                if (function.trigger() instanceof TriggerBinding.ServiceBusQueue
                        || function.trigger() instanceof TriggerBinding.ServiceBusSubscription) {
                    ServiceBusProcessorClient processor = processor(function, runner, appSettings, options);
                    processors.add(processor);
                    processor.start();
                }
            }
        } catch (RuntimeException e) {
            processors.forEach(ServiceBusProcessorClient::close);
            throw e;
        }
        return new ServiceBusTriggers(processors);
    }

    private static ServiceBusProcessorClient processor(FunctionDefinition function, FunctionRunner runner,
                                                       Map<String, String> appSettings,
                                                       HostJson.ServiceBusOptions options) {
        String connectionSetting = connectionOf(function.trigger());
        String connectionString = appSettings.get(connectionSetting);
        if (connectionString == null || connectionString.isBlank()) {
            // Identity-based connections (<connection>__fullyQualifiedNamespace) need Azure, not the local run.
            throw new IllegalStateException("function " + function.name() + ": app setting '" + connectionSetting
                    + "' must hold a Service Bus connection string for the local host");
        }
        ServiceBusClientBuilder.ServiceBusProcessorClientBuilder builder = new ServiceBusClientBuilder()
                .connectionString(connectionString)
                .retryOptions(options.clientRetryOptions().toAmqpRetryOptions())
                .processor()
                .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
                .disableAutoComplete()
                .maxConcurrentCalls(options.maxConcurrentCalls())
                .prefetchCount(options.prefetchCount())
                .maxAutoLockRenewDuration(options.maxAutoLockRenewalDuration())
                .processMessage(context -> deliver(function, runner, context))
                .processError(ServiceBusTriggers::report);
        if (function.trigger() instanceof TriggerBinding.ServiceBusQueue queue) {
            builder.queueName(queue.queueName());
        } else if (function.trigger() instanceof TriggerBinding.ServiceBusSubscription subscription) {
            builder.topicName(subscription.topicName()).subscriptionName(subscription.subscriptionName());
        }
        return builder.buildProcessorClient();
    }

    private static String connectionOf(TriggerBinding trigger) {
        if (trigger instanceof TriggerBinding.ServiceBusQueue queue) {
            return queue.connection();
        }
        return ((TriggerBinding.ServiceBusSubscription) trigger).connection();
    }

    /**
     * One message through the model of the real pipeline: the Service Bus extension binds the body and the binding
     * data ({@link ServiceBusBindingData}), the host adds a JSON body's fields ({@link JsonBodyBindingData}) and
     * drops null entries ({@link HostRpcValues}), the worker binds the parameters. A binding the extension cannot
     * make fails the message before any function code runs, as a function failure does: the message is abandoned.
     */
    private static void deliver(FunctionDefinition function, FunctionRunner runner,
                                ServiceBusReceivedMessageContext context) {
        ServiceBusReceivedMessage message = context.getMessage();
        InvocationResult result;
        try {
            String body = ServiceBusBindingData.bodyAsString(message);
            Map<String, Object> bindingData = ServiceBusBindingData.bindingData(message);
            JsonBodyBindingData.apply(body, bindingData);
            result = runner.run(function, new TypedData.Text(body), HostRpcValues.triggerMetadata(bindingData));
        } catch (ServiceBusBindingData.BindingFailedException e) {
            runner.loggerFor(function.name()).log(Level.WARNING, "Executed ''Functions.{0}'' (Failed, binding the"
                    + " message {1}): {2}", new Object[]{function.name(), message.getSequenceNumber(), e.getMessage()});
            context.abandon();
            return;
        }
        if (result instanceof InvocationResult.Failure) {
            context.abandon(); // autoCompleteMessages: a failed function leaves the message to be delivered again
        } else {
            context.complete();
        }
    }

    private static void report(ServiceBusErrorContext error) {
        LOG.log(Level.WARNING, "Service Bus trigger on {0} ({1}): {2}", new Object[]{error.getEntityPath(),
                error.getErrorSource(), error.getException().getMessage()});
    }

    /** Stops receiving; messages being processed finish first (the processor's close waits for them). */
    @Override
    public void close() {
        processors.forEach(ServiceBusProcessorClient::close);
    }
}

package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a function method's annotations into a {@link FunctionDefinition}, as the Maven plugin writes them into
 * function.json and the Functions host then binds them: {@code %Setting%} names resolved from the app settings,
 * exactly one trigger, and every parameter accounted for. A binding the local host cannot serve fails here, at
 * start, with the function's name, rather than at the first invocation.
 */
final class BindingResolver {

    private static final Pattern SETTING_REFERENCE = Pattern.compile("%([^%]+)%");

    private final Map<String, String> appSettings;

    BindingResolver(Map<String, String> appSettings) {
        this.appSettings = Map.copyOf(appSettings);
    }

    FunctionDefinition resolve(Method method) {
        String name = method.getAnnotation(FunctionName.class).value();
        TriggerBinding trigger = null;
        List<ParameterBinding> parameters = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            TriggerBinding parameterTrigger = triggerOf(name, parameter);
            if (parameterTrigger != null) {
                if (trigger != null) {
                    throw new IllegalStateException("function " + name + " declares more than one trigger");
                }
                trigger = parameterTrigger;
                parameters.add(new ParameterBinding.TriggerPayload(parameter.getParameterizedType()));
            } else {
                parameters.add(inputOf(name, parameter));
            }
        }
        if (trigger == null) {
            throw new IllegalStateException("function " + name + " has no trigger the local host knows");
        }
        return new FunctionDefinition(name, method, trigger, parameters);
    }

    private TriggerBinding triggerOf(String function, Parameter parameter) {
        ServiceBusQueueTrigger queue = parameter.getAnnotation(ServiceBusQueueTrigger.class);
        if (queue != null) {
            refuseSessions(function, queue.isSessionsEnabled());
            return new TriggerBinding.ServiceBusQueue(resolveSettings(function, queue.queueName()),
                    resolveSettings(function, queue.connection()));
        }
        ServiceBusTopicTrigger topic = parameter.getAnnotation(ServiceBusTopicTrigger.class);
        if (topic != null) {
            refuseSessions(function, topic.isSessionsEnabled());
            return new TriggerBinding.ServiceBusSubscription(resolveSettings(function, topic.topicName()),
                    resolveSettings(function, topic.subscriptionName()), resolveSettings(function, topic.connection()));
        }
        HttpTrigger http = parameter.getAnnotation(HttpTrigger.class);
        if (http != null) {
            String route = http.route().isBlank() ? function : resolveSettings(function, http.route());
            return new TriggerBinding.Http(RouteTemplate.parse(route), Set.of(http.methods()), http.authLevel());
        }
        if (parameter.isAnnotationPresent(DurableOrchestrationTrigger.class)) {
            return new TriggerBinding.Orchestration();
        }
        if (parameter.isAnnotationPresent(DurableActivityTrigger.class)) {
            return new TriggerBinding.Activity();
        }
        return null;
    }

    private static ParameterBinding inputOf(String function, Parameter parameter) {
        if (parameter.isAnnotationPresent(DurableClientInput.class)) {
            return new ParameterBinding.DurableClient();
        }
        BindingName bindingName = parameter.getAnnotation(BindingName.class);
        if (bindingName != null) {
            return new ParameterBinding.Metadata(bindingName.value(), parameter.getParameterizedType());
        }
        if (ExecutionContext.class.equals(parameter.getType())) {
            return new ParameterBinding.Context();
        }
        throw new IllegalStateException("function " + function + ": parameter '" + parameter.getName() + "' ("
                + describe(parameter.getAnnotations()) + parameter.getType().getSimpleName()
                + ") has a binding the local host does not serve");
    }

    /** Replaces each {@code %NAME%} with app setting NAME; an unknown setting is an error, as in the Functions host. */
    String resolveSettings(String function, String expression) {
        Matcher matcher = SETTING_REFERENCE.matcher(expression);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = appSettings.get(matcher.group(1));
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("function " + function + ": app setting '" + matcher.group(1)
                        + "' used in '" + expression + "' is not set");
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value.strip()));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static void refuseSessions(String function, boolean sessionsEnabled) {
        if (sessionsEnabled) {
            throw new IllegalStateException("function " + function
                    + ": session-enabled Service Bus triggers are not served by the local host");
        }
    }

    private static String describe(Annotation[] annotations) {
        StringBuilder text = new StringBuilder();
        for (Annotation annotation : annotations) {
            text.append('@').append(annotation.annotationType().getSimpleName()).append(' ');
        }
        return text.toString();
    }
}

package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import io.amlcompute.provisioner.local.host.worker.WorkerFunction;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a function method into a {@link FunctionDefinition}: the bindings the Maven plugin writes into its
 * function.json (azure-functions-maven-plugin 1.35.0 through azure-toolkit-appservice-lib 0.45.0,
 * {@code AnnotationHandlerImpl}: one binding per annotated parameter, and an {@code http} out {@code $return} for
 * an HTTP-triggered method that returns a value), with {@code %Setting%} names resolved from the app settings as
 * the host resolves them. Exactly one trigger; a binding the local host cannot serve fails here, at start, naming
 * the function.
 */
final class BindingResolver {

    private static final Pattern SETTING_REFERENCE = Pattern.compile("%([^%]+)%");

    private final Map<String, String> appSettings;

    BindingResolver(Map<String, String> appSettings) {
        this.appSettings = Map.copyOf(appSettings);
    }

    FunctionDefinition resolve(Method method) {
        String name = method.getAnnotation(FunctionName.class).value();
        refuseMethodBindings(name, method);
        TriggerBinding trigger = null;
        List<String> durableClients = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            TriggerBinding parameterTrigger = triggerOf(name, parameter);
            if (parameterTrigger != null) {
                if (trigger != null) {
                    throw new IllegalStateException("function " + name + " declares more than one trigger");
                }
                trigger = parameterTrigger;
            } else if (parameter.isAnnotationPresent(DurableClientInput.class)) {
                durableClients.add(parameter.getAnnotation(DurableClientInput.class).name());
            } else {
                refuseOtherBindings(name, parameter);
            }
        }
        if (trigger == null) {
            throw new IllegalStateException("function " + name + " has no trigger the local host knows");
        }
        if (trigger instanceof TriggerBinding.ServiceBusQueue || trigger instanceof TriggerBinding.ServiceBusSubscription) {
            requireStringTrigger(name, method, trigger.name());
        }
        if (trigger instanceof TriggerBinding.Timer) {
            refuseTimerBindingData(name, method);
        }
        boolean httpReturn = trigger instanceof TriggerBinding.Http;
        return new FunctionDefinition(name, trigger, durableClients, WorkerFunction.of(name, method, httpReturn));
    }

    private TriggerBinding triggerOf(String function, Parameter parameter) {
        ServiceBusQueueTrigger queue = parameter.getAnnotation(ServiceBusQueueTrigger.class);
        if (queue != null) {
            refuseSessions(function, queue.isSessionsEnabled());
            return new TriggerBinding.ServiceBusQueue(queue.name(), resolveSettings(function, queue.queueName()),
                    resolveSettings(function, queue.connection()));
        }
        ServiceBusTopicTrigger topic = parameter.getAnnotation(ServiceBusTopicTrigger.class);
        if (topic != null) {
            refuseSessions(function, topic.isSessionsEnabled());
            return new TriggerBinding.ServiceBusSubscription(topic.name(), resolveSettings(function, topic.topicName()),
                    resolveSettings(function, topic.subscriptionName()), resolveSettings(function, topic.connection()));
        }
        TimerTrigger timer = parameter.getAnnotation(TimerTrigger.class);
        if (timer != null) {
            return timerTrigger(function, timer);
        }
        HttpTrigger http = parameter.getAnnotation(HttpTrigger.class);
        if (http != null) {
            String route = http.route().isBlank() ? function : resolveSettings(function, http.route());
            return new TriggerBinding.Http(http.name(), RouteTemplate.parse(route), Set.of(http.methods()),
                    http.authLevel());
        }
        DurableOrchestrationTrigger orchestration = parameter.getAnnotation(DurableOrchestrationTrigger.class);
        if (orchestration != null) {
            return new TriggerBinding.Orchestration(orchestration.name());
        }
        DurableActivityTrigger activity = parameter.getAnnotation(DurableActivityTrigger.class);
        if (activity != null) {
            return new TriggerBinding.Activity(activity.name());
        }
        return null;
    }

    /**
     * {@code timerTrigger}: the schedule with its {@code %Setting%} resolved ({@code TimerSchedule.Create} resolves
     * the whole string), read as NCRONTAB. A schedule that is not NCRONTAB is, for the host, a TimeSpan
     * ({@code ConstantSchedule}, App Service plans only) or an error; the model refuses both. The host's local time
     * zone is UTC unless {@code WEBSITE_TIME_ZONE} or {@code TZ} is set; the model knows only UTC and refuses them.
     * The monitor is on (the attribute's default) unless the schedule fires more than once a minute.
     */
    private TriggerBinding.Timer timerTrigger(String function, TimerTrigger timer) {
        if (!timer.dataType().isEmpty()) {
            throw new IllegalStateException("function " + function + ": a timer trigger with dataType '"
                    + timer.dataType() + "' is not modelled by the local host");
        }
        for (String zone : new String[]{"WEBSITE_TIME_ZONE", "TZ"}) {
            String value = appSettings.get(zone);
            if (value != null && !value.isBlank()) {
                throw new IllegalStateException("function " + function + ": app setting " + zone + " changes the"
                        + " time zone of timer schedules; the local host models only UTC, Azure's default");
            }
        }
        String expression = resolveSettings(function, timer.schedule());
        NcrontabSchedule schedule = NcrontabSchedule.tryParse(expression).orElseThrow(() -> new IllegalStateException(
                "function " + function + ": the schedule expression '" + expression + "' is not an NCRONTAB"
                        + " expression (a TimeSpan schedule is not modelled by the local host)"));
        boolean useMonitor = !schedule.firesMoreThanOncePerMinute(LocalDateTime.now(ZoneOffset.UTC));
        return new TriggerBinding.Timer(timer.name(), schedule, useMonitor);
    }

    /** The timer's binding data ({@code TimerTrigger}: a culture-formatted time) is not modelled. */
    private static void refuseTimerBindingData(String function, Method method) {
        for (Parameter parameter : method.getParameters()) {
            BindingName bindingName = parameter.getAnnotation(BindingName.class);
            if (bindingName != null) {
                throw new IllegalStateException("function " + function + ": @BindingName(\"" + bindingName.value()
                        + "\") on a timer trigger: the timer's binding data is not modelled by the local host");
            }
        }
    }

    /** A binding annotation the host does not serve (output bindings, other triggers and inputs). */
    private static void refuseOtherBindings(String function, Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            String type = annotation.annotationType().getName();
            boolean metadataOnly = type.equals("com.microsoft.azure.functions.annotation.BindingName");
            if (!metadataOnly && (type.startsWith("com.microsoft.azure.functions.annotation.")
                    || annotation.annotationType().isAnnotationPresent(
                    com.microsoft.azure.functions.annotation.CustomBinding.class))) {
                throw new IllegalStateException("function " + function + ": parameter '" + parameter.getName()
                        + "' has a binding the local host does not serve: @" + annotation.annotationType().getSimpleName());
            }
        }
    }

    /** Output bindings declared on the method itself would add a {@code $return}; the local host serves none. */
    private static void refuseMethodBindings(String function, Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().getName().startsWith("com.microsoft.azure.functions.annotation.")
                    && !(annotation instanceof FunctionName)) {
                throw new IllegalStateException("function " + function + ": @" + annotation.annotationType().getSimpleName()
                        + " on the method is not served by the local host");
            }
        }
    }

    /**
     * The local host models the Service Bus extension's string binding only (function.json without a
     * {@code dataType}): the trigger parameter must be a String.
     */
    private static void requireStringTrigger(String function, Method method, String triggerName) {
        for (Parameter parameter : method.getParameters()) {
            ServiceBusQueueTrigger queue = parameter.getAnnotation(ServiceBusQueueTrigger.class);
            ServiceBusTopicTrigger topic = parameter.getAnnotation(ServiceBusTopicTrigger.class);
            String dataType = queue != null ? queue.dataType() : topic != null ? topic.dataType() : null;
            if (dataType != null && (parameter.getType() != String.class || !dataType.isEmpty())) {
                throw new IllegalStateException("function " + function + ": the Service Bus trigger '" + triggerName
                        + "' must be a String without dataType for the local host (other bindings are not modelled)");
            }
        }
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
}

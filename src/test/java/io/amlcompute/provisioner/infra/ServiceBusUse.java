package io.amlcompute.provisioner.infra;

import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueOutput;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicOutput;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import io.amlcompute.provisioner.config.EntityNames;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.functions.SubmitComputeRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.AnnotatedElement;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Service Bus entity the deployed app uses, found in the code rather than listed by hand, so that an entity the
 * code starts to use without a role in the Bicep fails {@link RoleAssignmentsTest}.
 *
 * <p>Receiving: the Functions host receives for a trigger binding ({@code %SETTING%} names the entity), and the
 * app's code receives with the SDK only through {@code events.ServiceBusDeadLetterQueue}, whose construction names
 * the queue's setting (its dead-letter queue is part of the queue: a role on the queue covers it). Any other SDK
 * receiver in the app's code fails this derivation, so it cannot go unnoticed. Sending: an entity setting (one whose
 * default is an {@link EntityNames} name) that the app's code reads and does not receive from, or an output binding.
 * The app's code is everything but {@code cli} and {@code local}, which do not run in Azure.
 */
record ServiceBusUse(Setting setting, Access access) {

    enum Access {
        RECEIVE(BuiltInRole.SERVICE_BUS_DATA_RECEIVER),
        SEND(BuiltInRole.SERVICE_BUS_DATA_SENDER);

        final BuiltInRole role;

        Access(BuiltInRole role) {
            this.role = role;
        }
    }

    private static final String BASE_PACKAGE = "io/amlcompute/provisioner";
    /** Not deployed with the app: the CLI and the local tooling have their own identities. */
    private static final List<String> NOT_THE_APP = List.of("cli", "local");
    private static final Pattern BINDING_EXPRESSION = Pattern.compile("^%(\\w+)%$");
    private static final Pattern SETTING_READ = Pattern.compile("\\bSetting\\.([A-Z][A-Z0-9_]*)\\b");
    /** The one SDK receiver of the app's code, and the setting that names its queue where it is built. */
    private static final String DEAD_LETTER_RECEIVER = "ServiceBusDeadLetterQueue";
    private static final Pattern DEAD_LETTER_QUEUE_BUILT = Pattern.compile(
            "new " + DEAD_LETTER_RECEIVER + "\\([^;]*?Setting\\.([A-Z][A-Z0-9_]*)\\b");
    /** SDK calls that receive: a receiver, a session receiver, a processor. */
    private static final Pattern SDK_RECEIVES = Pattern.compile("\\.(receiver|sessionReceiver|processor|sessionProcessor)\\(\\)");

    /** Every entity the app receives from or sends to. */
    static Set<ServiceBusUse> ofTheApp() {
        Set<ServiceBusUse> uses = new LinkedHashSet<>(bindings());
        uses.addAll(sdkReceivers());
        Set<Setting> received = uses.stream().filter(u -> u.access == Access.RECEIVE).map(ServiceBusUse::setting)
                .collect(Collectors.toSet());
        // Any other entity the app's code names, it sends to.
        settingsReadByTheApp().stream().filter(ServiceBusUse::namesAnEntity).filter(s -> !received.contains(s))
                .forEach(s -> uses.add(new ServiceBusUse(s, Access.SEND)));
        return uses;
    }

    /** Service Bus trigger and output bindings of every {@code @FunctionName} method in the app's classes. */
    static List<ServiceBusUse> bindings() {
        return appClasses().flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(FunctionName.class))
                .flatMap(ServiceBusUse::bindingsOf).toList();
    }

    private static Stream<ServiceBusUse> bindingsOf(Method function) {
        Stream.Builder<ServiceBusUse> uses = Stream.builder();
        // Output bindings sit on parameters (OutputBinding<T>) or on the method (its return value).
        List<AnnotatedElement> bound = new ArrayList<>(Arrays.asList(function.getParameters()));
        bound.add(function);
        for (AnnotatedElement p : bound) {
            ServiceBusQueueTrigger queueTrigger = p.getAnnotation(ServiceBusQueueTrigger.class);
            if (queueTrigger != null) {
                uses.add(new ServiceBusUse(settingIn(queueTrigger.queueName(), function), Access.RECEIVE));
            }
            if (p.isAnnotationPresent(ServiceBusTopicTrigger.class)) {
                // The receiver role would belong on the subscription, which no setting names yet.
                throw new AssertionError(function + ": a topic trigger; teach ServiceBusUse its subscription");
            }
            ServiceBusQueueOutput queueOutput = p.getAnnotation(ServiceBusQueueOutput.class);
            if (queueOutput != null) {
                uses.add(new ServiceBusUse(settingIn(queueOutput.queueName(), function), Access.SEND));
            }
            ServiceBusTopicOutput topicOutput = p.getAnnotation(ServiceBusTopicOutput.class);
            if (topicOutput != null) {
                uses.add(new ServiceBusUse(settingIn(topicOutput.topicName(), function), Access.SEND));
            }
        }
        return uses.build();
    }

    /**
     * Entities the app's code receives from with the SDK: the queue of each {@code ServiceBusDeadLetterQueue} built
     * in the app's code.
     */
    static List<ServiceBusUse> sdkReceivers() {
        Path sources = Infra.root().resolve("src/main/java").resolve(BASE_PACKAGE);
        List<ServiceBusUse> uses = new ArrayList<>();
        appFiles(sources, ".java").forEach(file -> {
            String text = read(file);
            if (SDK_RECEIVES.matcher(text).find() && !file.getFileName().toString().equals(DEAD_LETTER_RECEIVER + ".java")) {
                throw new AssertionError(file + " receives with the Service Bus SDK; teach ServiceBusUse which entity");
            }
            Matcher built = DEAD_LETTER_QUEUE_BUILT.matcher(text);
            while (built.find()) {
                Setting setting = Arrays.stream(Setting.values()).filter(s -> s.name().equals(built.group(1)))
                        .findFirst().orElseThrow();
                uses.add(new ServiceBusUse(setting, Access.RECEIVE));
            }
        });
        return uses;
    }

    /** A binding names its entity through a setting ({@code %KEY%}), so the Bicep can rename it. */
    private static Setting settingIn(String bindingValue, Method function) {
        Matcher m = BINDING_EXPRESSION.matcher(bindingValue);
        if (!m.matches()) {
            throw new AssertionError(function + " binds to '" + bindingValue + "', not to %SETTING%");
        }
        return Arrays.stream(Setting.values()).filter(s -> s.key().equals(m.group(1))).findFirst()
                .orElseThrow(() -> new AssertionError(function + " binds to %" + m.group(1) + "%, not a Setting"));
    }

    private static boolean namesAnEntity(Setting setting) {
        return setting.scope() != Setting.Scope.LOCAL && entityNames().contains(setting.defaultValue());
    }

    private static Set<String> entityNames() {
        return Arrays.stream(EntityNames.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ServiceBusUse::value).collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field.toString(), e);
        }
    }

    /** The {@link Setting} constants the app's main sources mention. */
    private static Set<Setting> settingsReadByTheApp() {
        Path sources = Infra.root().resolve("src/main/java").resolve(BASE_PACKAGE);
        Set<String> names = appFiles(sources, ".java").flatMap(file -> {
            Matcher m = SETTING_READ.matcher(read(file));
            return m.results().map(r -> r.group(1));
        }).collect(Collectors.toSet());
        return Arrays.stream(Setting.values()).filter(s -> names.contains(s.name())).collect(Collectors.toSet());
    }

    private static Stream<Class<?>> appClasses() {
        Path classes;
        try {
            classes = Path.of(SubmitComputeRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return appFiles(classes.resolve(BASE_PACKAGE), ".class").map(file -> {
            String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                    .replaceAll("\\.class$", "");
            try {
                return Class.forName(name, false, SubmitComputeRequest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name, e);
            }
        });
    }

    /** Files with this suffix under the base package, outside the packages not deployed with the app. */
    private static Stream<Path> appFiles(Path basePackage, String suffix) {
        try (Stream<Path> files = Files.walk(basePackage)) {
            return files.filter(f -> f.toString().endsWith(suffix))
                    .filter(f -> !NOT_THE_APP.contains(basePackage.relativize(f).getName(0).toString()))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

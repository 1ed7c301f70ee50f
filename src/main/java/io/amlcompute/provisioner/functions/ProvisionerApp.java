package io.amlcompute.provisioner.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.amlcompute.provisioner.arm.ArmComputeGateway;
import io.amlcompute.provisioner.arm.ArmGateways;
import io.amlcompute.provisioner.config.Setting;
import io.amlcompute.provisioner.config.Settings;
import io.amlcompute.provisioner.contract.validation.RequestValidator;
import io.amlcompute.provisioner.events.ServiceBusClients;
import io.amlcompute.provisioner.events.ServiceBusDeadLetterQueue;
import io.amlcompute.provisioner.events.ServiceBusEventPublisher;
import io.amlcompute.provisioner.provisioning.ComputeActions;
import io.amlcompute.provisioner.provisioning.ComputeGateway;
import io.amlcompute.provisioner.provisioning.DurationModel;
import io.amlcompute.provisioner.provisioning.EventPublisher;
import io.amlcompute.provisioner.provisioning.LearnedDurations;
import io.amlcompute.provisioner.provisioning.OrchestrationStarter;
import io.amlcompute.provisioner.provisioning.PollingPolicy;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.ProvisioningProcess;
import io.amlcompute.provisioner.provisioning.RequestIntake;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import io.amlcompute.provisioner.provisioning.preflight.PreflightPolicy;
import io.amlcompute.provisioner.provisioning.preflight.RegionReader;
import io.amlcompute.provisioner.secrets.SecretResolvers;
import io.amlcompute.provisioner.undeliverable.DeadLetterQueue;
import io.amlcompute.provisioner.undeliverable.UndeliverableRequests;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one place the function app's long-lived parts are built: one validator, one Service Bus publisher, one
 * ARM gateway per process, each created on first use and reused by every invocation (the SDK clients are
 * thread-safe). Functions get it through {@link #instance()}; tests and the local host hand in their own.
 */
public final class ProvisionerApp implements AutoCloseable {

    private static volatile ProvisionerApp instance;

    private final Settings settings;
    private final RequestValidator validator;
    private final Supplier<EventPublisher> publisher;
    private final Supplier<ComputeActions> actions;
    private final Supplier<DeadLetterQueue> deadLetters;
    private final ProvisioningProcess process;
    private final DurationModel durations;
    private final Clock clock;

    /** Without region reads: for hosts and tests that never perform an action. */
    public ProvisionerApp(Settings settings, Supplier<EventPublisher> publisher, Supplier<ComputeGateway> gateway,
                          Clock clock) {
        this(settings, publisher, gateway, null, deadLetterQueue(settings), clock);
    }

    /**
     * Without region reads.
     *
     * @param deadLetters the requests queue's dead-letter queue, opened on first use
     */
    public ProvisionerApp(Settings settings, Supplier<EventPublisher> publisher, Supplier<ComputeGateway> gateway,
                          Supplier<DeadLetterQueue> deadLetters, Clock clock) {
        this(settings, publisher, gateway, null, deadLetters, clock);
    }

    /**
     * @param regions     the pre-flight's region reads; null for none (every write goes ahead unchecked: for hosts
     *                    that never perform an action)
     * @param deadLetters the requests queue's dead-letter queue, opened on first use
     */
    public ProvisionerApp(Settings settings, Supplier<EventPublisher> publisher, Supplier<ComputeGateway> gateway,
                          Supplier<RegionReader> regions, Supplier<DeadLetterQueue> deadLetters, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.deadLetters = memoize(deadLetters);
        this.validator = new RequestValidator(settings.requestDefaults(), settings.requestPolicy());
        this.publisher = memoize(publisher);
        Supplier<ComputeGateway> sharedGateway = memoize(gateway);
        PreflightPolicy preflightPolicy = settings.preflightPolicy();
        this.actions = memoize(() -> new ComputeActions(sharedGateway.get(), regions == null ? Preflight.none()
                : new Preflight(regions.get(), preflightPolicy, clock)));
        this.process = new ProvisioningProcess(PollingPolicy.standard());
        this.durations = LearnedDurations.of(settings.find(Setting.LEARNED_DURATIONS_FILE).map(Path::of),
                settings.find(Setting.EXPECTED_PROVISIONING_TIME)
                        .map(time -> settings.getDuration(Setting.EXPECTED_PROVISIONING_TIME)));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Supplier<DeadLetterQueue> deadLetterQueue(Settings settings) {
        return () -> new ServiceBusDeadLetterQueue(ServiceBusClients.builder(settings),
                settings.get(Setting.COMPUTE_REQUESTS_QUEUE));
    }

    /**
     * Everything from app settings, as in Azure: Service Bus, ARM and Key Vault through the managed identity. ARM
     * and Key Vault share one credential (and its token cache), and the pre-flight's region reads share the ARM
     * gateway's pipeline; Service Bus builds its own from the
     * {@code ServiceBusConnection__*} settings, as the Functions host does for the trigger.
     */
    public static ProvisionerApp fromSettings(Settings settings) {
        Supplier<TokenCredential> credential = memoize(() -> {
            DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
            settings.find(Setting.AZURE_CLIENT_ID).ifPresent(builder::managedIdentityClientId);
            return builder.build();
        });
        Supplier<ArmComputeGateway> arm = memoize(() -> ArmGateways.fromSettings(settings,
                SecretResolvers.fromSettings(settings, credential.get()), credential.get()));
        return new ProvisionerApp(settings,
                () -> new ServiceBusEventPublisher(ServiceBusClients.builder(settings),
                        settings.get(Setting.COMPUTE_EVENTS_TOPIC)),
                arm::get, () -> arm.get().regionReader(), deadLetterQueue(settings), Clock.systemUTC());
    }

    /** The process-wide app, built from the environment's app settings on first use. */
    public static ProvisionerApp instance() {
        ProvisionerApp current = instance;
        if (current == null) {
            synchronized (ProvisionerApp.class) {
                if (instance == null) {
                    instance = fromSettings(Settings.fromEnvironment());
                }
                current = instance;
            }
        }
        return current;
    }

    /**
     * Installs the process-wide app, as a host provides app settings before it invokes functions. The local
     * host calls this once at start.
     */
    public static synchronized void install(ProvisionerApp app) {
        instance = Objects.requireNonNull(app, "app");
    }

    RequestIntake intake(OrchestrationStarter starter) {
        return new RequestIntake(validator, starter, publisher.get(), settings.get(Setting.COMPUTE_REPLIES_QUEUE),
                new ProvisioningInput.LeaseTerms(settings.requestPolicy().maxLease(), settings.leaseWarning()), clock);
    }

    UndeliverableRequests undeliverableRequests() {
        return new UndeliverableRequests(deadLetters.get(), publisher.get(), settings.get(Setting.COMPUTE_REPLIES_QUEUE),
                clock);
    }

    ComputeActions actions() {
        return actions.get();
    }

    EventPublisher publisher() {
        return publisher.get();
    }

    ProvisioningProcess process() {
        return process;
    }

    DurationModel durations() {
        return durations;
    }

    /**
     * Releases what this app opened (the Service Bus publisher's and dead-letter receiver's connections). The Functions host never calls it;
     * hosts that start and stop the app in one process do.
     */
    @Override
    public void close() {
        closeIfCreated(deadLetters, "the dead-letter queue");
        closeIfCreated(publisher, "the event publisher");
    }

    private static void closeIfCreated(Supplier<?> part, String what) {
        if (part instanceof Memo<?> memo && memo.created() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + what + " failed", e);
            }
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Memo<>(Objects.requireNonNull(supplier, "supplier"));
    }

    /** Creates its value on first use, once, and remembers it. */
    private static final class Memo<T> implements Supplier<T> {
        private final Supplier<T> supplier;
        private volatile T value;

        Memo(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        @Override
        public T get() {
            T current = value;
            if (current == null) {
                synchronized (this) {
                    if (value == null) {
                        value = Objects.requireNonNull(supplier.get(), "supplier returned null");
                    }
                    current = value;
                }
            }
            return current;
        }

        /** The value if it was created, else null. */
        T created() {
            return value;
        }
    }
}

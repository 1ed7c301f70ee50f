package io.amlcompute.provisioner.bench;

import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.ComputeStatus;
import io.amlcompute.provisioner.contract.EnsureAmlCompute;
import io.amlcompute.provisioner.contract.WorkspaceRef;
import io.amlcompute.provisioner.contract.Json;
import io.amlcompute.provisioner.contract.event.ComputeEvent;
import io.amlcompute.provisioner.contract.event.EventType;
import io.amlcompute.provisioner.contract.event.Outcome;
import io.amlcompute.provisioner.contract.validation.MessageEnvelope;
import io.amlcompute.provisioner.contract.validation.ParseResult;
import io.amlcompute.provisioner.contract.validation.RequestDefaults;
import io.amlcompute.provisioner.contract.validation.RequestParser;
import io.amlcompute.provisioner.contract.validation.RequestWriter;
import io.amlcompute.provisioner.local.ManualClock;
import io.amlcompute.provisioner.provisioning.ActionResult;
import io.amlcompute.provisioner.provisioning.DurationModel;
import io.amlcompute.provisioner.provisioning.ExpectedDuration;
import io.amlcompute.provisioner.provisioning.LearnedDurations;
import io.amlcompute.provisioner.provisioning.PollingPolicy;
import io.amlcompute.provisioner.provisioning.ProcessSteps;
import io.amlcompute.provisioner.provisioning.Progress;
import io.amlcompute.provisioner.provisioning.ProvisioningInput;
import io.amlcompute.provisioner.provisioning.ProvisioningProcess;
import io.amlcompute.provisioner.provisioning.ReplyAddress;
import io.amlcompute.provisioner.provisioning.StatusRead;
import io.amlcompute.provisioner.provisioning.preflight.CapacityNeed;
import io.amlcompute.provisioner.provisioning.preflight.Preflight;
import io.amlcompute.provisioner.provisioning.preflight.PreflightPolicy;
import io.amlcompute.provisioner.provisioning.preflight.PreflightVerdict;
import io.amlcompute.provisioner.provisioning.preflight.RegionOffer;
import io.amlcompute.provisioner.provisioning.preflight.RegionReader;
import io.amlcompute.provisioner.provisioning.preflight.UsageRow;
import io.amlcompute.provisioner.provisioning.preflight.VmSizeOffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Polling cost on a seeded workload and a virtual clock: how many status reads a provisioning costs and how late
 * its completion is noticed, for this project's policy (with and without learning) and for fixed intervals. Each
 * strategy runs the real {@link ProvisioningProcess}; only ARM is simulated: a compute becomes ready exactly at
 * its drawn duration.
 *
 * <p>Workload: durations per (compute type, VM size) drawn from log-normal distributions (AmlCompute medians 30 to
 * 150 s, attach 10 to 40 s, spread about ±30 %), plus 5 % stuck outliers of 10 to 20 minutes.
 *
 * <p>This project's strategies also make the region pre-flight in their action step, and its reads count as ARM reads
 * beside the status reads: the real {@link Preflight} with its cache ({@link PreflightPolicy#DEFAULT_CACHE_TTL}) on a
 * virtual clock, requests arriving one every {@link #ARRIVAL_EVERY} in the sample's region, each fill of the cache
 * three GETs (vmSizes, usages, quotas, one page each). The fixed-interval strategies model tools that check nothing.
 */
final class PollingCostBenchmark {

    /** One kind of provisioning: the sample request it starts from and its median duration. */
    record Kind(String label, String sample, String vmSize, Duration median) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("AmlCompute Standard_DS2_v2", "ensure-amlcompute.json", "Standard_DS2_v2", Duration.ofSeconds(30)),
            new Kind("AmlCompute Standard_DS3_v2", "ensure-amlcompute.json", "Standard_DS3_v2", Duration.ofSeconds(55)),
            new Kind("AmlCompute Standard_E8s_v3", "ensure-amlcompute.json", "Standard_E8s_v3", Duration.ofSeconds(80)),
            new Kind("AmlCompute Standard_NC6s_v3", "ensure-amlcompute.json", "Standard_NC6s_v3", Duration.ofSeconds(110)),
            new Kind("AmlCompute Standard_NC24ads_A100_v4", "ensure-amlcompute.json", "Standard_NC24ads_A100_v4", Duration.ofSeconds(150)),
            new Kind("attach Databricks", "attach-databricks.json", null, Duration.ofSeconds(15)),
            new Kind("attach VirtualMachine", "attach-virtualmachine.json", null, Duration.ofSeconds(10)),
            new Kind("attach Kubernetes", "attach-kubernetes.json", null, Duration.ofSeconds(40)),
            new Kind("attach HDInsight", "attach-hdinsight.json", null, Duration.ofSeconds(25)),
            new Kind("attach SynapseSpark", "attach-synapsespark.json", null, Duration.ofSeconds(30)));

    static final double SIGMA = Math.log(1.3);
    /** How often a provisioning arrives, for the pre-flight's cache: about 30 a minute, a busy platform's pace. */
    static final Duration ARRIVAL_EVERY = Duration.ofSeconds(2);
    /** ARM GETs per read of a region: vmSizes, usages, quotas. */
    static final int GETS_PER_REGION_READ = 3;
    static final double OUTLIER_SHARE = 0.05;

    /** A strategy: a polling policy, where its expectation comes from, and whether it makes the pre-flight. */
    record Strategy(String name, PollingPolicy policy, DurationModel durations, boolean preflight) {
        static Strategy fixed(int seconds) {
            Duration every = Duration.ofSeconds(seconds);
            // Expecting completion exactly one interval in, with no spread: the first read comes after one interval,
            // every later one is "late", and the late gap is capped at the interval.
            return new Strategy("fixed " + seconds + " s", new PollingPolicy(every, every, every, 0),
                    DurationModel.fixed(new ExpectedDuration(every, 0)), false);
        }
    }

    /**
     * One strategy's figures. {@code activitiesPerProvisioning} counts every step the orchestration calls (the
     * action, the status reads, the publish) and {@code timersPerProvisioning} every durable timer it waits on:
     * the capacity model (docs/benchmarks.md) turns them into Durable work items. {@code readsVsFixed5} compares all
     * ARM reads, status and pre-flight.
     */
    record Result(String strategy, int provisionings, double readsPerProvisioning, double meanDelaySeconds,
                  double p95DelaySeconds, double p99DelaySeconds, double readsVsFixed5,
                  double activitiesPerProvisioning, double timersPerProvisioning,
                  double preflightReadsPerProvisioning) {
    }

    record Job(Kind kind, Duration duration, boolean outlier) {
    }

    static List<Job> workload(int size, long seed) {
        Random random = new Random(seed);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Kind kind = KINDS.get(random.nextInt(KINDS.size()));
            boolean outlier = random.nextDouble() < OUTLIER_SHARE;
            double seconds = outlier ? 600 + random.nextDouble() * 600
                    : kind.median().toMillis() / 1000.0 * Math.exp(SIGMA * random.nextGaussian());
            jobs.add(new Job(kind, Duration.ofMillis(Math.round(seconds * 1000)), outlier));
        }
        return jobs;
    }

    static List<Result> run(int size, long seed) {
        List<Job> jobs = workload(size, seed);
        List<Strategy> strategies = List.of(
                new Strategy("adaptive, learning (this project)", PollingPolicy.standard(), LearnedDurations.inMemory(),
                        true),
                new Strategy("adaptive, defaults only", PollingPolicy.standard(), DurationModel.DEFAULTS, true),
                Strategy.fixed(5), Strategy.fixed(10), Strategy.fixed(30));
        List<Result> results = new ArrayList<>();
        double fixed5Reads = 0;
        List<double[]> figures = new ArrayList<>();
        for (Strategy strategy : strategies) {
            double[] figure = simulate(strategy, jobs);
            figures.add(figure);
            if (strategy.name().equals("fixed 5 s")) {
                fixed5Reads = figure[0] + figure[6];
            }
        }
        for (int i = 0; i < strategies.size(); i++) {
            double[] f = figures.get(i);
            results.add(new Result(strategies.get(i).name(), jobs.size(), f[0], f[1], f[2], f[3],
                    (f[0] + f[6]) / fixed5Reads, f[4], f[5], f[6]));
        }
        return results;
    }

    /**
     * Mean status reads, mean, p95 and p99 detection delay in seconds, mean activities, mean timers, then mean
     * pre-flight reads.
     */
    private static double[] simulate(Strategy strategy, List<Job> jobs) {
        ProvisioningProcess process = new ProvisioningProcess(strategy.policy());
        RequestParser parser = new RequestParser(RequestDefaults.standard());
        ManualClock arrivals = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        SimulatedRegion region = new SimulatedRegion();
        Preflight preflight = new Preflight(region, PreflightPolicy.defaults(), arrivals);
        long reads = 0;
        long activities = 0;
        long timers = 0;
        double[] delays = new double[jobs.size()];
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            ComputeRequest request = request(parser, job.kind(), i);
            if (i > 0) {
                arrivals.advance(ARRIVAL_EVERY);
            }
            if (strategy.preflight() && request.operation() instanceof EnsureAmlCompute cluster) {
                // The action step's pre-flight before the create PUT; this workload's requests all fit.
                if (!(preflight.check(CapacityNeed.toCreate(request, cluster), request.options().preflight(),
                        request.correlationId()) instanceof PreflightVerdict.Proceed)) {
                    throw new IllegalStateException("the simulated region refused provisioning " + i);
                }
            }
            VirtualArm steps = new VirtualArm(job.duration(), strategy.durations().expected(request));
            ComputeEvent event = process.run(new ProvisioningInput(RequestWriter.toJson(request), null, null), steps,
                    ("bench-" + i).hashCode());
            if (event.type() != EventType.READY) {
                throw new IllegalStateException("provisioning " + i + " ended " + event.type());
            }
            reads += steps.reads;
            activities += steps.activities;
            timers += steps.timers;
            delays[i] = Duration.between(steps.start.plus(job.duration()), steps.now).toMillis() / 1000.0;
            // Learn what the app learns: the elapsed time it observed (detection delay included), not the truth.
            if (steps.observation != null) {
                strategy.durations().record(steps.observation.key(), steps.observation.elapsed());
            }
        }
        Arrays.sort(delays);
        return new double[] {(double) reads / jobs.size(), Arrays.stream(delays).average().orElse(0),
                percentile(delays, 0.95), percentile(delays, 0.99), (double) activities / jobs.size(),
                (double) timers / jobs.size(), (double) region.reads * GETS_PER_REGION_READ / jobs.size()};
    }

    /** The sample's region as ARM would publish it: every size of the workload offered, quota to spare. */
    private static final class SimulatedRegion implements RegionReader {
        int reads;

        @Override
        public String workspaceRegion(WorkspaceRef workspace, String correlationId) {
            return "westeurope";
        }

        @Override
        public RegionOffer read(String subscriptionId, String region, String correlationId) {
            reads++;
            List<VmSizeOffer> sizes = new ArrayList<>();
            List<UsageRow> usages = new ArrayList<>();
            for (Kind kind : KINDS) {
                if (kind.vmSize() != null) {
                    String family = "standard" + kind.vmSize().replaceAll("^Standard_|\\d+|_", "") + "Family";
                    sizes.add(new VmSizeOffer(kind.vmSize(), family, 8, 0, 32, true, List.of("AmlCompute")));
                    usages.add(new UsageRow("", "Microsoft.MachineLearningServices/vmFamily/usages",
                            family + " Cluster Dedicated vCPUs", 0, 1_000));
                }
            }
            usages.add(new UsageRow("", "Microsoft.MachineLearningServices/dedicatedCores/usages",
                    "Total Cluster Dedicated Regional vCPUs", 0, 1_000));
            return new RegionOffer(subscriptionId, region, sizes, usages, List.of());
        }
    }

    private static ComputeRequest request(RequestParser parser, Kind kind, int index) {
        try {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                    Files.readString(Path.of("samples", "requests", kind.sample())));
            node.put("requestId", "bench-" + index);
            var options = node.has("options") ? (com.fasterxml.jackson.databind.node.ObjectNode) node.get("options")
                    : node.putObject("options");
            options.put("timeout", "PT1H");
            if (kind.vmSize() != null) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("compute")).put("vmSize", kind.vmSize());
            }
            return ((ParseResult.Parsed) parser.parse(node.toString(), MessageEnvelope.NONE)).request();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    /** ARM on a virtual clock: the compute is Creating until its duration has passed, then Succeeded and Steady. */
    private static final class VirtualArm implements ProcessSteps {
        final Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = start;
        final Duration duration;
        final ExpectedDuration expected;
        int reads;
        int activities;
        int timers;

        VirtualArm(Duration duration, ExpectedDuration expected) {
            this.duration = duration;
            this.expected = expected;
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            now = now.plus(d);
            // One durable timer per sleep: the orchestration splits only waits over 3 days, which never occur here.
            timers++;
        }

        @Override
        public ActionResult act(String requestJson) {
            activities++;
            return new ActionResult.Done(Outcome.CREATED, List.of(), status(), expected);
        }

        @Override
        public StatusRead readStatus(io.amlcompute.provisioner.provisioning.StatusQuery query) {
            reads++;
            activities++;
            return new StatusRead.Found(status());
        }

        private ComputeStatus status() {
            boolean ready = !now.isBefore(start.plus(duration));
            return ready ? new ComputeStatus("Succeeded", "Steady", new ComputeStatus.NodeCounts(0, 0, 0, 0, 0, 0, 0, 0),
                    List.of()) : new ComputeStatus("Creating", null, null, List.of());
        }

        Observation observation;

        @Override
        public void publish(String eventJson, ReplyAddress replyTo) {
        }

        @Override
        public void publish(String eventJson, ReplyAddress replyTo, Observation observation) {
            activities++;
            this.observation = observation;
        }

        /** Never called: the benchmark's requests hold no lease and are not cancelled. */
        @Override
        public ActionResult cleanUp(io.amlcompute.provisioner.provisioning.CleanUp cleanUp) {
            throw new AssertionError("no clean-up in a provisioning without lease or cancel");
        }

        @Override
        public List<io.amlcompute.provisioner.provisioning.LeaseHolder> leaseHolders(String computeId, String leaseId) {
            throw new AssertionError("no lease in the benchmark");
        }

        @Override
        public void reply(String eventJson, ReplyAddress replyTo) {
        }

        @Override
        public void report(Progress progress) {
        }
    }
}

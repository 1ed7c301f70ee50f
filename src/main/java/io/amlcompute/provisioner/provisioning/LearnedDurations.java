package io.amlcompute.provisioner.provisioning;

import com.fasterxml.jackson.core.type.TypeReference;
import io.amlcompute.provisioner.contract.ComputeRequest;
import io.amlcompute.provisioner.contract.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Learns expected durations per {@link DurationModel#keyOf key} from the last observations: the median and a
 * robust spread (median absolute deviation) of their logarithms, so a stuck outlier of twenty minutes does not
 * move the expectation for clusters that take ninety seconds. Until a key has {@link #MIN_SAMPLES}
 * observations, the fallback model answers. With a file, observations survive restarts (written on each record,
 * atomically); without one they live as long as the process. Thread-safe.
 */
public final class LearnedDurations implements DurationModel {

    static final int MIN_SAMPLES = 3;
    static final int WINDOW = 64;
    /** Keeps the expectation from collapsing to a point (or exploding) on odd samples. */
    private static final double MIN_SPREAD = 0.05;
    private static final double MAX_SPREAD = 1.5;

    private final Path file;
    private final DurationModel fallback;
    private final Map<String, Deque<Double>> samples = new HashMap<>();

    private LearnedDurations(Path file, DurationModel fallback, Map<String, List<Double>> loaded) {
        this.file = file;
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        loaded.forEach((key, values) -> {
            Deque<Double> window = new ArrayDeque<>();
            values.stream().filter(v -> v != null && v > 0).forEach(window::addLast);
            while (window.size() > WINDOW) {
                window.removeFirst();
            }
            samples.put(key, window);
        });
    }

    /**
     * The model a host builds from its settings: persisted in {@code file} when given (else in memory), and,
     * until a kind has been seen often enough, expecting {@code beforeLearning} (spread ±50 %) when given, else
     * the typical Azure durations.
     */
    public static LearnedDurations of(Optional<Path> file, Optional<Duration> beforeLearning) {
        DurationModel fallback = beforeLearning
                .map(time -> DurationModel.fixed(new ExpectedDuration(time, 0.5)))
                .orElse(DurationModel.DEFAULTS);
        return file.map(path -> persistedIn(path, fallback)).orElseGet(() -> inMemory(fallback));
    }

    public static LearnedDurations inMemory() {
        return inMemory(DurationModel.DEFAULTS);
    }

    /** Learns in memory; {@code fallback} answers for kinds not seen often enough yet. */
    public static LearnedDurations inMemory(DurationModel fallback) {
        return new LearnedDurations(null, fallback, Map.of());
    }

    /** Observations kept in {@code file} (JSON); a missing file starts empty, an unreadable one is an error. */
    public static LearnedDurations persistedIn(Path file) {
        return persistedIn(file, DurationModel.DEFAULTS);
    }

    /** As {@link #persistedIn(Path)}, with {@code fallback} for kinds not seen often enough yet. */
    public static LearnedDurations persistedIn(Path file, DurationModel fallback) {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            return new LearnedDurations(file, fallback, Map.of());
        }
        try {
            return new LearnedDurations(file, fallback, Json.MAPPER.readValue(file.toFile(),
                    new TypeReference<Map<String, List<Double>>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read learned durations from " + file, e);
        }
    }

    @Override
    public synchronized ExpectedDuration expected(ComputeRequest request) {
        Deque<Double> window = samples.get(DurationModel.keyOf(request));
        if (window == null || window.size() < MIN_SAMPLES) {
            return fallback.expected(request);
        }
        double[] logs = window.stream().mapToDouble(Math::log).sorted().toArray();
        double median = median(logs);
        double[] deviations = Arrays.stream(logs).map(l -> Math.abs(l - median)).sorted().toArray();
        double sigma = 1.4826 * median(deviations);
        double spread = Math.min(Math.max(Math.expm1(sigma), MIN_SPREAD), MAX_SPREAD);
        return new ExpectedDuration(Duration.ofMillis(Math.round(Math.exp(median) * 1000)), spread);
    }

    @Override
    public synchronized void record(String key, Duration observed) {
        if (observed.isNegative() || observed.isZero()) {
            return;
        }
        Deque<Double> window = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        window.addLast(observed.toMillis() / 1000.0);
        if (window.size() > WINDOW) {
            window.removeFirst();
        }
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        Map<String, List<Double>> snapshot = new LinkedHashMap<>();
        samples.forEach((key, window) -> snapshot.put(key, List.copyOf(window)));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "durations", ".tmp");
            Json.MAPPER.writeValue(temp.toFile(), snapshot);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save learned durations to " + file, e);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

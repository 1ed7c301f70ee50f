package io.amlcompute.provisioner.provisioning.preflight;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offered VM sizes closest to one that cannot be used, for a finding to suggest. When the region lists the size
 * (offered, but not for the type or priority), closeness is measured on what ARM says of it: vCPUs and memory on a
 * log scale, GPUs, and the family. When it does not, the name is all there is, read the way Azure names sizes
 * ({@code Standard_<series><vCPUs><features>[_<accelerator>]_<version>}, e.g. {@code Standard_NC4as_T4_v3}): the
 * series, the number (most sizes' vCPU count, on a log scale), the feature letters, the accelerator, the version. A size with GPUs is never offered for one without, or back, unless nothing
 * else is left.
 */
final class ClosestSizes {

    static final int HOW_MANY = 3;

    /**
     * Series letters, the number, the feature letters, the accelerator part, the version:
     * Standard_NC24ads_A100_v4 → NC, 24, ads, _A100, v4.
     */
    private static final Pattern NAME = Pattern.compile(
            "^(?:standard|basic)_([a-z]+)(\\d+)?([a-z-]*)((?:_[a-z0-9]+)*?)(?:_(v\\d+))?$", Pattern.CASE_INSENSITIVE);

    private ClosestSizes() {
    }

    /**
     * @param wanted   the size asked for, as the region lists it; empty when the region does not list it
     * @param eligible which offered sizes may be suggested
     */
    static List<VmSizeOffer> to(String name, Optional<VmSizeOffer> wanted, List<VmSizeOffer> offered,
                                Predicate<VmSizeOffer> eligible) {
        Comparator<VmSizeOffer> closeness = Comparator.comparingDouble(
                (VmSizeOffer candidate) -> wanted.map(w -> distance(w, candidate)).orElseGet(() ->
                        distance(name, candidate)))
                .thenComparing(VmSizeOffer::name, String.CASE_INSENSITIVE_ORDER);
        return offered.stream().filter(eligible).filter(candidate -> !candidate.named(name)).sorted(closeness)
                .limit(HOW_MANY).toList();
    }

    private static double distance(VmSizeOffer wanted, VmSizeOffer candidate) {
        return log2Ratio(wanted.vCPUs(), candidate.vCPUs()) * 2
                + (wanted.memoryGB() > 0 && candidate.memoryGB() > 0
                ? log2Ratio(wanted.memoryGB(), candidate.memoryGB()) : 0)
                + gpuMismatch(wanted.gpus() > 0, candidate.gpus() > 0)
                + (QuotaRows.key(wanted.family()).equals(QuotaRows.key(candidate.family())) ? 0 : 0.5);
    }

    private static double distance(String name, VmSizeOffer candidate) {
        Matcher wanted = NAME.matcher(name);
        Matcher other = NAME.matcher(candidate.name());
        if (!wanted.matches() || !other.matches()) {
            return 100 + levenshtein(name.toLowerCase(Locale.ROOT), candidate.name().toLowerCase(Locale.ROOT));
        }
        String series = wanted.group(1).toLowerCase(Locale.ROOT);
        String otherSeries = other.group(1).toLowerCase(Locale.ROOT);
        double score = series.equals(otherSeries) ? 0 : series.charAt(0) == otherSeries.charAt(0) ? 1 : 3;
        if (wanted.group(2) != null) {
            score += log2Ratio(Integer.parseInt(wanted.group(2)), Math.max(1, candidate.vCPUs())) * 2;
        }
        score += java.util.Objects.equals(lower(wanted.group(3)), lower(other.group(3))) ? 0 : 0.5;
        score += java.util.Objects.equals(lower(wanted.group(4)), lower(other.group(4))) ? 0 : 0.5;
        score += java.util.Objects.equals(lower(wanted.group(5)), lower(other.group(5))) ? 0 : 0.25;
        // Azure's GPU series all start with N (NC, ND, NV).
        return score + gpuMismatch(series.startsWith("n"), candidate.gpus() > 0);
    }

    private static double gpuMismatch(boolean wanted, boolean candidate) {
        return wanted == candidate ? 0 : 10;
    }

    private static double log2Ratio(double a, double b) {
        return Math.abs(Math.log(Math.max(a, 0.5) / Math.max(b, 0.5)) / Math.log(2));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}

package georisk.ingest.gdelt;

import georisk.events.EventType;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a GDELT import did, row by row: every row read is rejected, set aside by exactly one
 * {@link NoiseRule}, or kept — {@code read = rejected + set aside + kept}. Kept events are then
 * published (or not, in a dry run). Thread-safe: the producer's callbacks may count from their own
 * thread.
 */
public final class GdeltImportReport {
    /** How many rejected rows are remembered with their place (all are counted). */
    public static final int MAX_SAMPLES = 1000;

    /**
     * One rejected row, without its bytes.
     *
     * @param source file or {@code archive.zip!entry}
     * @param line   1-based line
     * @param reason what is wrong (counted by this)
     * @param detail the offending value, or empty
     */
    public record Rejection(String source, long line, String reason, String detail) {
        @Override
        public String toString() {
            return source + ":" + line + ": " + (detail.isEmpty() ? reason : reason + ": " + detail);
        }
    }

    private final Map<String, Long> filesByFormat = new TreeMap<>();
    private final Map<String, String> failedFiles = new LinkedHashMap<>();
    private final Map<String, String> skippedFiles = new LinkedHashMap<>();
    private long rowsRead;
    private final Map<String, Long> rejectedByReason = new LinkedHashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final Map<NoiseRule, Long> setAside = new EnumMap<>(NoiseRule.class);
    private final Map<EventType, Long> keptByType = new EnumMap<>(EventType.class);
    private long published;
    private final Map<String, Long> publishFailures = new LinkedHashMap<>();

    synchronized void addFile(final GdeltFormat format) {
        filesByFormat.merge(format == null ? "no GDELT rows" : format.label(), 1L, Long::sum);
    }

    synchronized void addFailedFile(final String source, final String reason) {
        failedFiles.put(source, reason);
    }

    synchronized void addSkippedFile(final String source, final String reason) {
        skippedFiles.put(source, reason);
    }

    synchronized void addRowRead() {
        rowsRead++;
    }

    synchronized void addRejected(final RejectedRow row) {
        rejectedByReason.merge(row.reason(), 1L, Long::sum);
        if (rejections.size() < MAX_SAMPLES) {
            rejections.add(new Rejection(row.source(), row.line(), row.reason(), row.detail()));
        }
    }

    synchronized void addSetAside(final NoiseRule rule) {
        setAside.merge(rule, 1L, Long::sum);
    }

    synchronized void addKept(final EventType type) {
        keptByType.merge(type, 1L, Long::sum);
    }

    /** An event the broker acknowledged. */
    public synchronized void addPublished() {
        published++;
    }

    /** An event that could not be published (after the producer's retries). */
    public synchronized void addPublishFailure(final String reason) {
        publishFailures.merge(reason, 1L, Long::sum);
    }

    /** Data rows read (blank lines and a header line are not rows). */
    public synchronized long rowsRead() {
        return rowsRead;
    }

    /** Rows rejected as unreadable or invalid. */
    public synchronized long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rejected rows per reason, in the order reasons were first met. */
    public synchronized Map<String, Long> rejectedByReason() {
        return Map.copyOf(rejectedByReason);
    }

    /** The first {@value #MAX_SAMPLES} rejected rows, in input order. */
    public synchronized List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    /** Rows set aside per rule; rules that set nothing aside are absent. */
    public synchronized Map<NoiseRule, Long> setAside() {
        return Map.copyOf(setAside);
    }

    /** Rows set aside by one rule. */
    public synchronized long setAside(final NoiseRule rule) {
        return setAside.getOrDefault(rule, 0L);
    }

    /** Rows set aside by every rule together. */
    public synchronized long setAsideTotal() {
        return setAside.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events kept, one per story. */
    public synchronized long kept() {
        return keptByType.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Kept events per mapped type; types with none are absent. */
    public synchronized Map<EventType, Long> keptByType() {
        return Map.copyOf(keptByType);
    }

    /** Events acknowledged by the broker. */
    public synchronized long published() {
        return published;
    }

    /** Events that could not be published, per reason. */
    public synchronized Map<String, Long> publishFailures() {
        return Map.copyOf(publishFailures);
    }

    /** Files (zip entries) read to their end, per layout. */
    public synchronized Map<String, Long> filesByFormat() {
        return Map.copyOf(filesByFormat);
    }

    /** Files (zip entries) that could not be read to their end, with why. */
    public synchronized Map<String, String> failedFiles() {
        return Map.copyOf(failedFiles);
    }

    /** Files (zip entries) not read, with why. */
    public synchronized Map<String, String> skippedFiles() {
        return Map.copyOf(skippedFiles);
    }

    /** 1 when a row was rejected, a file could not be read or an event not published; else 0. */
    public synchronized int exitCode() {
        return rejected() > 0 || !failedFiles.isEmpty() || !publishFailures.isEmpty() ? 1 : 0;
    }

    /**
     * Prints the report.
     *
     * @param dryRun whether events were only counted, not published
     */
    public synchronized void print(final PrintWriter out, final boolean dryRun) {
        final long files = filesByFormat.values().stream().mapToLong(Long::longValue).sum();
        final StringBuilder formats = new StringBuilder();
        filesByFormat.forEach((f, n) -> formats.append(formats.length() == 0 ? " (" : ", ").append(f).append(": ").append(n));
        out.printf("Files read: %d%s%n", files, formats.length() == 0 ? "" : formats + ")");
        failedFiles.forEach((f, why) -> out.printf("  FAILED   %s: %s%n", f, why));
        skippedFiles.forEach((f, why) -> out.printf("  skipped  %s: %s%n", f, why));
        out.printf("Rows read: %d%n", rowsRead);
        out.printf("Kept:      %d%n", kept());
        keptByType.forEach((type, n) -> out.printf("  %-24s %6d%n", type, n));
        out.printf("Set aside: %d%n", setAsideTotal());
        for (final NoiseRule rule : NoiseRule.values()) {
            final long n = setAside.getOrDefault(rule, 0L);
            if (n > 0) {
                out.printf("  %-24s %6d  %s%n", rule.label(), n, rule.description());
            }
        }
        out.printf("Rejected:  %d%n", rejected());
        rejectedByReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> out.printf("  %6d  %s (first: %s)%n", e.getValue(), e.getKey(), firstPlace(e.getKey())));
        if (rejectedByReason.size() > 10) {
            out.printf("  ... and %d more reasons%n", rejectedByReason.size() - 10);
        }
        if (dryRun) {
            out.println("Published: none (dry run)");
        } else {
            out.printf("Published: %d%n", published);
            publishFailures.forEach((why, n) -> out.printf("  FAILED %6d  %s%n", n, why));
        }
        out.flush();
    }

    private String firstPlace(final String reason) {
        return rejections.stream().filter(r -> r.reason().equals(reason)).findFirst()
                .map(r -> r.source() + ":" + r.line()).orElse("not recorded");
    }
}

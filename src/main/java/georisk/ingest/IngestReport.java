package georisk.ingest;

import georisk.events.EventType;
import georisk.events.Topics;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What one ingest run did, counted as it goes: records read, accepted (valid, handed to the producer),
 * sent (acknowledged by the broker, per {@link EventType}), rejected (per reason class, with one example
 * each), dead letters written, late and duplicate events where the caller knows them, and the time taken.
 *
 * <p>Thread-safe: the producer's acknowledgement callbacks count on its I/O thread while the caller reads
 * on its own. Read the totals after {@link EventPublisher#flush()}, once every send has been answered.
 *
 * <p>A <em>reason class</em> groups rejections for the summary: the field at fault
 * ({@link EventFormatException#field()}, e.g. {@code occurredAt}), {@code kafka} for a record the broker did not
 * accept, and {@code record} when the record as a whole is wrong (not JSON, a wrong number of CSV cells). The
 * class is given as data by whoever rejects the record; it is never read back out of the reason's text.
 */
public final class IngestReport {
    /** Reason class of a record the broker did not acknowledge. */
    public static final String KAFKA = "kafka";
    /** Reason class of a record that is wrong as a whole rather than in one field. */
    public static final String RECORD = "record";

    private final boolean dryRun;
    private final LongSupplier nanoClock;
    private final AtomicLong startNanos;
    private final AtomicLong stopNanos = new AtomicLong(Long.MIN_VALUE);

    private final LongAdder read = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder deadLetterFailures = new LongAdder();
    private final AtomicReference<String> firstDeadLetterFailure = new AtomicReference<>();
    private final ConcurrentMap<String, LongAdder> rejectedByReason = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Rejection> exampleByReason = new ConcurrentHashMap<>();
    private final ConcurrentMap<EventType, LongAdder> byType = new ConcurrentHashMap<>();
    private final List<Rejection> unreadSources = new CopyOnWriteArrayList<>();

    /**
     * One rejected record, or one source that could not be read at all.
     *
     * @param source      file or other source name; {@code null} when the record came from no file
     * @param line        1-based line in {@code source}; 0 when unknown
     * @param reasonClass the group it is counted in (see the class comment)
     * @param reason      why, {@code field: why}
     */
    public record Rejection(String source, long line, String reasonClass, String reason) {
        /** {@code events.csv line 7: occurredAt: "2025-02-30" is not an ISO date or instant ...}. */
        @Override
        public String toString() {
            if (source == null) {
                return reason;
            }
            return line > 0 ? source + " line " + line + ": " + reason : source + ": " + reason;
        }
    }

    /** A report of records to be sent, its clock started now. */
    public IngestReport() {
        this(false, System::nanoTime);
    }

    /** A report of a dry run: records are validated and counted by type, nothing is sent. */
    public static IngestReport dryRun() {
        return new IngestReport(true, System::nanoTime);
    }

    /** For tests: a report whose elapsed time comes from {@code nanoClock}. */
    IngestReport(final boolean dryRun, final LongSupplier nanoClock) {
        this.dryRun = dryRun;
        this.nanoClock = nanoClock;
        this.startNanos = new AtomicLong(nanoClock.getAsLong());
    }

    /** The reason class of a record's error: the field at fault, or {@value #RECORD} when the record as a whole is wrong. */
    public static String reasonClass(final EventFormatException error) {
        return error.field() == null ? RECORD : error.field();
    }

    // ---- counting ----

    /** One record (a non-blank line, a CSV row) was read from a source, good or bad. */
    public void recordRead() {
        read.increment();
    }

    /** {@code count} records were read (e.g. checked before anything was sent). */
    public void recordRead(final long count) {
        read.add(count);
    }

    /**
     * One record passed validation and was handed to the producer (or, in a dry run, would have been).
     * In a dry run it is also counted by type.
     */
    public void recordAccepted(final EventType type) {
        accepted.increment();
        if (dryRun) {
            countType(type);
        }
    }

    /** The broker acknowledged one event. */
    public void recordSent(final EventType type) {
        sent.increment();
        countType(type);
    }

    /**
     * One record was rejected: not sent to {@code geo-events}.
     *
     * @param source      file name, or {@code null}
     * @param line        1-based line, or 0
     * @param reasonClass the group it is counted in: the field at fault, {@value #RECORD} or {@value #KAFKA}
     * @param reason      why, {@code field: why}
     */
    public void recordRejected(final String source, final long line, final String reasonClass, final String reason) {
        rejected.increment();
        rejectedByReason.computeIfAbsent(reasonClass, k -> new LongAdder()).increment();
        exampleByReason.putIfAbsent(reasonClass, new Rejection(source, line, reasonClass, reason));
    }

    /** A whole source could not be read (unreadable file, bad CSV header, not UTF-8): none of its later lines were. */
    public void recordUnreadSource(final String source, final long line, final String reason) {
        unreadSources.add(new Rejection(source, line, RECORD, reason));
    }

    /** The broker acknowledged one dead letter. */
    public void recordDeadLettered() {
        deadLettered.increment();
    }

    /** A dead letter could not be written; the rejected line is lost except for this report and the log. */
    public void recordDeadLetterFailure(final String reason) {
        deadLetterFailures.increment();
        firstDeadLetterFailure.compareAndSet(null, reason);
    }

    /** One event sent was late: its event time lies well behind the time it was sent. */
    public void recordLate() {
        late.increment();
    }

    /** One event sent repeated an id already sent in this run. */
    public void recordDuplicate() {
        duplicates.increment();
    }

    /**
     * Restarts the clock now, e.g. when sending begins after the producer was set up, so that
     * {@link #elapsed()} and {@link #sentPerSecond()} measure the sending only.
     */
    public void restartClock() {
        startNanos.set(nanoClock.getAsLong());
    }

    /** Stops the clock: {@link #elapsed()} stays as it is now. Idempotent. */
    public void stop() {
        stopNanos.compareAndSet(Long.MIN_VALUE, nanoClock.getAsLong());
    }

    // ---- reading ----

    public boolean isDryRun() {
        return dryRun;
    }

    public long read() {
        return read.sum();
    }

    public long accepted() {
        return accepted.sum();
    }

    public long sent() {
        return sent.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    public long late() {
        return late.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    public long deadLetterFailures() {
        return deadLetterFailures.sum();
    }

    /** Rejections per reason class, sorted by class. */
    public Map<String, Long> rejectedByReason() {
        return sums(rejectedByReason);
    }

    /** The first rejection of each reason class, sorted by class. */
    public Map<String, Rejection> examples() {
        return Collections.unmodifiableMap(new TreeMap<>(exampleByReason));
    }

    /** Events sent (acknowledged) per type; in a dry run, events that would have been sent. */
    public Map<EventType, Long> byType() {
        return sums(byType);
    }

    /** Sources that could not be read, in the order met. */
    public List<Rejection> unreadSources() {
        return List.copyOf(unreadSources);
    }

    /** Time since the report was created, or until {@link #stop()}. */
    public Duration elapsed() {
        final long stop = stopNanos.get();
        return Duration.ofNanos((stop == Long.MIN_VALUE ? nanoClock.getAsLong() : stop) - startNanos.get());
    }

    /** Events acknowledged per second of {@link #elapsed()}. */
    public double sentPerSecond() {
        final double seconds = elapsed().toNanos() / 1e9;
        return seconds <= 0 ? 0 : sent() / seconds;
    }

    /**
     * 0 when every record read was accepted and every source could be read, 1 otherwise (something
     * was rejected, a source was unreadable or a dead letter could not be written), so scripts can rely on it.
     */
    public int exitCode() {
        return rejected() == 0 && unreadSources.isEmpty() && deadLetterFailures() == 0 ? 0 : 1;
    }

    /** A summary a person can read: totals, rejections by reason with an example each, events by type. */
    public void print(final PrintWriter out) {
        print(out, Topics.DEFAULT);
    }

    /** As above, naming the topics of {@code topics}. */
    public void print(final PrintWriter out, final Topics topics) {
        final double seconds = elapsed().toNanos() / 1e9;
        if (dryRun) {
            out.printf(Locale.ROOT, "Read %,d records: %,d valid, %,d rejected, in %.1f s (dry run: nothing sent).%n",
                    read(), accepted(), rejected(), seconds);
        } else {
            out.printf(Locale.ROOT, "Read %,d records: %,d sent to %s, %,d rejected, in %.1f s (%,.0f events/s sent).%n",
                    read(), sent(), topics.geoEvents().name(), rejected(), seconds, sentPerSecond());
            final long inFlight = accepted() - sent() - rejectedByReason().getOrDefault(KAFKA, 0L);
            if (inFlight > 0) {
                out.printf(Locale.ROOT, "  %,d not acknowledged yet (the summary was printed before a flush).%n", inFlight);
            }
        }
        final Map<String, Long> reasons = rejectedByReason();
        if (!reasons.isEmpty()) {
            out.println(dryRun || deadLettered() == 0 && deadLetterFailures() == 0
                    ? "Rejected by reason:"
                    : String.format(Locale.ROOT, "Rejected by reason (%,d sent to %s):", deadLettered(),
                    topics.deadLetters().name()));
            final int width = Math.max(12, reasons.keySet().stream().mapToInt(String::length).max().orElse(0));
            final Map<String, Rejection> examples = examples();
            reasons.forEach((reasonClass, count) -> out.printf(Locale.ROOT, "  %-" + width + "s %,9d   e.g. %s%n",
                    reasonClass, count, examples.get(reasonClass)));
        }
        if (deadLetterFailures() > 0) {
            out.printf(Locale.ROOT, "Dead letters not written: %,d, e.g. %s%n", deadLetterFailures(),
                    firstDeadLetterFailure.get());
        }
        for (final Rejection unread : unreadSources) {
            out.println("Not read further: " + unread);
        }
        final Map<EventType, Long> types = byType();
        if (!types.isEmpty()) {
            out.println(dryRun ? "Valid by type:" : "Sent by type:");
            final List<Map.Entry<EventType, Long>> sorted = new ArrayList<>(types.entrySet());
            // most frequent first: the mix is what a reader looks for
            sorted.sort(Map.Entry.<EventType, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            sorted.forEach(e -> out.printf(Locale.ROOT, "  %-24s %,9d%n", e.getKey(), e.getValue()));
        }
        if (late() > 0 || duplicates() > 0) {
            out.printf(Locale.ROOT, "Late events %,d, duplicates %,d (ids sent again).%n", late(), duplicates());
        }
        out.flush();
    }

    private void countType(final EventType type) {
        byType.computeIfAbsent(type, k -> new LongAdder()).increment();
    }

    private static <K extends Comparable<K>> Map<K, Long> sums(final Map<K, LongAdder> counters) {
        final Map<K, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableMap(out);
    }
}

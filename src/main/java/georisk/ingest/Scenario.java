package georisk.ingest;

import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.TradeExposure;
import georisk.events.ValidationProblem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A replayable set of events with the trade exposures they are scored against: the built-in
 * Canada–U.S.–China scenario that {@code demo} replays, or a user's own JSON Lines files.
 *
 * <p>Files are JSON Lines (one object per line, format in {@code docs/scenario-format.md}); blank lines
 * and lines starting with {@code #} are skipped. Every record is read with {@link EventJson} or
 * {@link ExposureJson} and checked with {@link EventValidator}; event ids must be unique. The first bad
 * line stops loading with an {@link EventFormatException} naming the file, the line, the field and the
 * reason. Events keep their file order.
 *
 * @param events    the events, in file order
 * @param exposures the trade exposures, in file order
 * @param name      a name for people and logs (the built-in one is {@value #BUILT_IN_NAME})
 */
public record Scenario(List<GeoEvent> events, List<TradeExposure> exposures, String name) {
    /** Classpath location of the built-in events. */
    public static final String EVENTS_RESOURCE = "georisk/scenario/events.jsonl";
    /** Classpath location of the built-in trade exposures. */
    public static final String EXPOSURES_RESOURCE = "georisk/scenario/exposures.jsonl";
    /** Name of the built-in scenario. */
    public static final String BUILT_IN_NAME = "built-in";

    public Scenario {
        events = List.copyOf(events);
        exposures = List.copyOf(exposures);
        Objects.requireNonNull(name, "name");
    }

    /**
     * The built-in scenario: Canada's relations with the U.S. and China, June 2018 to January 2026,
     * with the default exposures of CAN-USA and CAN-CHN.
     *
     * @throws IllegalStateException if the resources are missing or broken (a packaging defect)
     */
    public static Scenario builtIn() {
        final Instant now = Instant.now();
        final List<GeoEvent> events = fromResource(EVENTS_RESOURCE, r -> readEvents(EVENTS_RESOURCE, r, now));
        final List<TradeExposure> exposures =
                fromResource(EXPOSURES_RESOURCE, r -> readExposures(EXPOSURES_RESOURCE, r));
        return new Scenario(events, exposures, BUILT_IN_NAME);
    }

    /**
     * A user's scenario from JSON Lines files, named after the events file.
     *
     * @param eventsJsonl    one {@link GeoEvent} per line
     * @param exposuresJsonl one {@link TradeExposure} per line, or {@code null} for none
     * @throws EventFormatException with file name and line number for the first bad record
     * @throws IOException          if a file cannot be read
     */
    public static Scenario load(Path eventsJsonl, Path exposuresJsonl) throws IOException {
        final Instant now = Instant.now();
        final List<GeoEvent> events;
        try (Reader r = Files.newBufferedReader(eventsJsonl, StandardCharsets.UTF_8)) {
            events = readEvents(eventsJsonl.toString(), r, now);
        }
        List<TradeExposure> exposures = List.of();
        if (exposuresJsonl != null) {
            try (Reader r = Files.newBufferedReader(exposuresJsonl, StandardCharsets.UTF_8)) {
                exposures = readExposures(exposuresJsonl.toString(), r);
            }
        }
        return new Scenario(events, exposures, String.valueOf(eventsJsonl.getFileName()));
    }

    /** Reads and validates events; {@code now} bounds how far in the future an event may lie. */
    static List<GeoEvent> readEvents(String source, Reader reader, Instant now) throws IOException {
        final List<GeoEvent> events = new ArrayList<>();
        final Map<String, Integer> lineOfId = new HashMap<>();
        JsonLines.forEachRecord(source, buffered(reader), (text, line) -> {
            final GeoEvent event = EventJson.read(text);
            requireValid(EventValidator.validate(event, now));
            final Integer earlier = lineOfId.putIfAbsent(event.getId(), line);
            if (earlier != null) {
                throw new EventFormatException("id", "\"" + event.getId() + "\" is already used on line " + earlier);
            }
            events.add(event);
            return true;
        });
        return events;
    }

    /** Reads and validates trade exposures. */
    static List<TradeExposure> readExposures(String source, Reader reader) throws IOException {
        final List<TradeExposure> exposures = new ArrayList<>();
        JsonLines.forEachRecord(source, buffered(reader), (text, line) -> {
            final TradeExposure exposure = ExposureJson.read(text);
            requireValid(EventValidator.validate(exposure));
            exposures.add(exposure);
            return true;
        });
        return exposures;
    }

    private static BufferedReader buffered(final Reader reader) {
        return reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    }

    private static void requireValid(List<ValidationProblem> problems) {
        if (!problems.isEmpty()) {
            throw EventFormatException.invalid(problems);
        }
    }

    private interface ReaderFunction<T> {
        T apply(Reader reader) throws IOException;
    }

    private static <T> T fromResource(String resource, ReaderFunction<T> read) {
        final InputStream in = Scenario.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("built-in scenario resource " + resource + " is missing");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read.apply(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in scenario resource " + resource, e);
        } catch (EventFormatException e) {
            throw new IllegalStateException("built-in scenario is broken: " + e.getMessage(), e);
        }
    }
}

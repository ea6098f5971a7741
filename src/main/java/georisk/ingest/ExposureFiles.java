package georisk.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import georisk.events.ExposureValidator;
import georisk.events.TradeExposure;
import georisk.events.ValidationProblem;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads trade-exposure files ({@code docs/scenario-format.md}, "Exposure fields") record by record, in either
 * {@link EventFileFormat}, and checks each record with {@link ExposureValidator}: every record comes out as a
 * {@link Line}, valid or with the reason it cannot be published. JSON Lines as the scenario's
 * {@code exposures.jsonl}; CSV with a header row of the same field names. Sends nothing.
 */
public final class ExposureFiles {
    /** Columns without which no CSV row could be valid. */
    static final List<String> REQUIRED = List.of("home", "counterparty", "asOf", "exportShare");
    private static final Set<String> NUMBERS = Set.of("exportShare", "exportsValue", "exposure");
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    /**
     * One record read from an exposure file.
     *
     * @param source   the file name as given (or {@code -} for standard input)
     * @param line     the 1-based line where the record starts
     * @param raw      its original text, the value of its dead letter
     * @param exposure the valid exposure, or {@code null} when {@code problem} is set
     * @param problem  why it cannot be published, {@code field: why}; {@code null} when valid
     * @param reasonClass the field at fault, or {@link IngestReport#RECORD}; {@code null} when valid
     */
    public record Line(String source, long line, String raw, TradeExposure exposure, String problem,
                       String reasonClass) {
        public Line {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(raw, "raw");
            if ((exposure == null) == (problem == null) || (problem == null) != (reasonClass == null)) {
                throw new IllegalArgumentException("an exposure line has either an exposure or a problem");
            }
        }

        public boolean isValid() {
            return exposure != null;
        }

        public byte[] rawBytes() {
            return raw.getBytes(StandardCharsets.UTF_8);
        }

        /** As the report and the command line show it: {@code exposures.csv line 3: exportShare: ...}. */
        public IngestReport.Rejection rejection() {
            return new IngestReport.Rejection(source, line, reasonClass, problem);
        }
    }

    /** Receives each record in order; {@code false} stops reading. */
    @FunctionalInterface
    public interface Handler {
        boolean accept(Line line);
    }

    private ExposureFiles() {
    }

    /**
     * Reads every record of one file.
     *
     * @throws EventFormatException located at its line when the file as a whole cannot be read (a CSV header
     *                              with unknown, duplicate or missing columns)
     * @throws IOException          if reading fails (including bytes that are not UTF-8)
     */
    public static void read(final String source, final BufferedReader in, final EventFileFormat format,
                            final Instant now, final Handler handler) throws IOException {
        switch (format) {
            case JSONL -> JsonLines.forEachRecord(source, in,
                    (text, line) -> handler.accept(check(source, line, text, () -> ExposureJson.read(text), now)));
            case CSV -> readCsv(source, in, now, handler);
        }
    }

    private static void readCsv(final String source, final BufferedReader in, final Instant now,
                                final Handler handler) throws IOException {
        final CsvRecords records = new CsvRecords(in, EventFiles.MAX_RECORD_CHARS);
        final CsvRecords.Row header = records.next();
        if (header == null) {
            return;
        }
        final List<String> columns;
        try {
            columns = CsvRecords.columns(header, ExposureJson.FIELDS, REQUIRED);
        } catch (final EventFormatException e) {
            throw e.at(source, (int) header.line());
        }
        for (CsvRecords.Row row = records.next(); row != null; row = records.next()) {
            final CsvRecords.Row current = row;
            final Line line;
            if (!row.isValid()) {
                line = new Line(source, row.line(), row.raw(), null, row.error(), IngestReport.RECORD);
            } else if (row.cells().size() != columns.size()) {
                line = new Line(source, row.line(), row.raw(), null, "has " + row.cells().size()
                        + " cells, the header has " + columns.size() + " columns (quote cells that contain commas)",
                        IngestReport.RECORD);
            } else {
                line = check(source, row.line(), row.raw(), () -> fromCells(columns, current.cells()), now);
            }
            if (!handler.accept(line)) {
                return;
            }
        }
    }

    private static Line check(final String source, final long line, final String raw,
                              final Supplier<TradeExposure> parse, final Instant now) {
        try {
            final TradeExposure exposure = parse.get();
            final List<ValidationProblem> problems = ExposureValidator.validate(exposure, now);
            if (!problems.isEmpty()) {
                throw EventFormatException.invalid(problems);
            }
            return new Line(source, line, raw, exposure, null, null);
        } catch (final EventFormatException e) {
            return new Line(source, line, raw, null, e.problem(), IngestReport.reasonClass(e));
        }
    }

    private static TradeExposure fromCells(final List<String> columns, final List<String> cells) {
        final ObjectNode json = JsonFields.MAPPER.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            final String name = columns.get(i);
            final String cell = cells.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            if (NUMBERS.contains(name)) {
                if (!NUMBER.matcher(cell).matches()) {
                    throw new EventFormatException(name, "\"" + cell + "\" is not a number");
                }
                json.put(name, Double.parseDouble(cell));
            } else {
                json.put(name, cell);
            }
        }
        return ExposureJson.read(json);
    }
}

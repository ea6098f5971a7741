package georisk.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import georisk.events.GeoEvent;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads events from CSV ({@code docs/ingest.md}): a header row of {@link EventJson#FIELDS} names in any
 * order, then one event per record. Each row becomes the JSON object it stands for and is read by
 * {@link EventJson}, so both formats share every rule and every message: times are ISO dates or
 * instants, {@code sectors} are separated by {@code ;} inside their cell, an empty cell is an absent
 * field (its default applies), numbers are plain decimals ({@code 25}, {@code -7.5}, {@code 3e10}).
 */
final class CsvEvents {
    /** Columns without which no row could be valid: a header that lacks one is an error of the file. */
    static final List<String> REQUIRED = List.of("id", "occurredAt", "actor", "target", "type", "headline");

    private enum Kind { TEXT, WHOLE, NUMBER, LIST }

    private static final Map<String, Kind> KINDS = Map.of(
            "mentions", Kind.WHOLE, "sources", Kind.WHOLE, "articles", Kind.WHOLE,
            "goldstein", Kind.NUMBER, "tone", Kind.NUMBER, "tariffRate", Kind.NUMBER,
            "affectedTradeValue", Kind.NUMBER, "confidence", Kind.NUMBER,
            "sectors", Kind.LIST);

    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
    /** JSON's number syntax, with an optional plus sign: no hex, no NaN, no {@code 25d}. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private CsvEvents() {
    }

    /**
     * Reads every record after the header, in order.
     *
     * @throws EventFormatException located at the header line when the header is not usable (unknown,
     *                              duplicate or missing columns): no row of such a file can be read
     */
    static void read(final String source, final Reader in, final Instant now, final int maxRecordChars,
                     final EventFiles.Handler handler) throws IOException {
        final CsvRecords records = new CsvRecords(in, maxRecordChars);
        final CsvRecords.Row header = records.next();
        if (header == null) {
            return;
        }
        final List<String> columns;
        try {
            columns = CsvRecords.columns(header, EventJson.FIELDS, REQUIRED);
        } catch (final EventFormatException e) {
            throw e.at(source, (int) header.line());
        }
        for (CsvRecords.Row next = records.next(); next != null; next = records.next()) {
            final CsvRecords.Row row = next;
            final EventLine line;
            if (row.tooLong() > 0) {
                line = EventFiles.rejected(source, row.line(), EventFiles.kept(row.raw()),
                        EventFiles.tooLong(row.tooLong(), maxRecordChars));
            } else if (!row.isValid()) {
                line = EventFiles.rejected(source, row.line(), row.raw(), new EventFormatException(null, row.error()));
            } else if (row.cells().size() != columns.size()) {
                line = EventFiles.rejected(source, row.line(), row.raw(), new EventFormatException(null,
                        "has " + row.cells().size() + " cells, the header has " + columns.size()
                                + " columns (quote cells that contain commas)"));
            } else {
                line = EventFiles.check(source, row.line(), row.raw(), () -> toEvent(columns, row.cells()), now);
            }
            if (!handler.accept(line)) {
                return;
            }
        }
    }

    /** The row as the JSON object it stands for, read by {@link EventJson}. */
    private static GeoEvent toEvent(final List<String> columns, final List<String> cells) {
        final ObjectNode json = JsonFields.MAPPER.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            final String name = columns.get(i);
            final String cell = cells.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            switch (KINDS.getOrDefault(name, Kind.TEXT)) {
                case TEXT -> json.put(name, cell);
                case WHOLE -> json.put(name, whole(name, cell));
                case NUMBER -> json.put(name, number(name, cell));
                case LIST -> {
                    final ArrayNode items = json.putArray(name);
                    for (final String item : cell.split(";", -1)) {
                        items.add(item.strip());
                    }
                }
            }
        }
        return EventJson.read(json);
    }

    private static int whole(final String name, final String cell) {
        if (WHOLE.matcher(cell).matches()) {
            final BigInteger value = new BigInteger(cell);
            if (value.bitLength() < Integer.SIZE) {
                return value.intValue();
            }
        }
        throw new EventFormatException(name, "\"" + cell + "\" is not a whole number");
    }

    private static double number(final String name, final String cell) {
        if (!NUMBER.matcher(cell).matches()) {
            throw new EventFormatException(name, "\"" + cell + "\" is not a number");
        }
        return Double.parseDouble(cell);
    }
}

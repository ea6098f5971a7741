package georisk.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits CSV text into records of cells, after RFC 4180: cells separated by commas, records by line
 * breaks (CRLF or LF); a cell in double quotes may hold commas, line breaks and quotes, the latter
 * doubled ({@code "say ""no"""}). Leniencies, for files written by hand: blank lines between records are
 * skipped, spaces around an unquoted cell and after a closing quote are dropped, a UTF-8 byte order
 * mark at the start is ignored. A quote inside an unquoted cell and text after a closing quote are errors
 * of that record; reading goes on with the next line.
 *
 * <p>Memory is bounded: a record may hold at most {@code maxChars} characters and span at most
 * {@value #MAX_RECORD_LINES} lines. A line longer than that is a record of its own, rejected, of which only
 * the start is kept. A quote never closed, or not closed within those bounds, rejects the record's first
 * line only: the lines it swallowed are read again as records of their own, so one stray quote costs one
 * record, not the rest of the file.
 */
final class CsvRecords {
    /** The most lines one record may span (line breaks inside quoted cells); real ones span a few. */
    static final int MAX_RECORD_LINES = 100;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * One record.
     *
     * @param line    1-based line where it starts
     * @param raw     its text as read, line breaks inside quoted cells kept as {@code \n}; for a record
     *                longer than the bound, its start only
     * @param cells   the cells, unquoted; empty when {@code error} is set
     * @param error   why the record could not be split, or {@code null}
     * @param tooLong the record's length in characters when it is longer than the bound, else 0
     */
    record Row(long line, String raw, List<String> cells, String error, long tooLong) {
        boolean isValid() {
            return error == null;
        }
    }

    private enum State { CELL_START, UNQUOTED, QUOTED, AFTER_QUOTE }

    private final BoundedLineReader in;
    private final int maxChars;
    /** Lines read ahead by a quote that was not closed, to be read again. */
    private final Deque<BoundedLineReader.Line> pending = new ArrayDeque<>();

    CsvRecords(final Reader in, final int maxChars) {
        this.in = new BoundedLineReader(in, maxChars);
        this.maxChars = maxChars;
    }

    /**
     * The column names of a header row, checked against a format's fields: every problem at once (a column
     * without a name, unknown columns with a "did you mean", duplicates, missing required columns).
     *
     * @throws EventFormatException naming every problem, without a location (the caller adds the line)
     */
    static List<String> columns(final Row header, final List<String> known, final List<String> required) {
        if (!header.isValid()) {
            throw new EventFormatException(null, "header: " + header.error());
        }
        final List<String> problems = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final List<String> columns = new ArrayList<>();
        for (int i = 0; i < header.cells().size(); i++) {
            final String name = header.cells().get(i).strip();
            columns.add(name);
            if (name.isEmpty()) {
                problems.add("column " + (i + 1) + " has no name");
            } else if (!known.contains(name)) {
                unknown.add(name + JsonFields.suggestion(name, known));
            } else if (!seen.add(name)) {
                problems.add("column " + name + " appears twice");
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(0, (unknown.size() == 1 ? "unknown column " : "unknown columns ") + String.join(", ", unknown)
                    + "; known columns: " + String.join(", ", known));
        }
        final List<String> missing = required.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            problems.add("missing required column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
        }
        if (!problems.isEmpty()) {
            throw new EventFormatException(null, "header: " + String.join("; ", problems));
        }
        return List.copyOf(columns);
    }

    /** The next record, or {@code null} at the end of the input. */
    Row next() throws IOException {
        BoundedLineReader.Line first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
        } while (!first.tooLong() && first.text().isBlank());
        if (first.tooLong()) {
            return new Row(first.number(), first.text(), List.of(), "the line has " + first.length()
                    + " characters, more than " + maxChars, first.length());
        }
        return parse(first);
    }

    private BoundedLineReader.Line nextLine() throws IOException {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        final BoundedLineReader.Line line = in.next();
        if (line != null && line.number() == 1 && !line.text().isEmpty() && line.text().charAt(0) == BYTE_ORDER_MARK) {
            return new BoundedLineReader.Line(1, line.text().substring(1), line.length() - 1);
        }
        return line;
    }

    private Row parse(final BoundedLineReader.Line firstLine) throws IOException {
        final long start = firstLine.number();
        final List<BoundedLineReader.Line> taken = new ArrayList<>();
        taken.add(firstLine);
        final StringBuilder raw = new StringBuilder(firstLine.text());
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        State state = State.CELL_START;
        String text = firstLine.text();
        while (true) {
            for (int i = 0; i < text.length(); i++) {
                final char c = text.charAt(i);
                switch (state) {
                    case CELL_START -> {
                        if (c == '"') {
                            state = State.QUOTED;
                        } else if (c == ',') {
                            cells.add("");
                        } else if (c == ' ' || c == '\t') {
                            continue; // spaces before a cell, quoted or not, are not part of it
                        } else {
                            cell.append(c);
                            state = State.UNQUOTED;
                        }
                    }
                    case UNQUOTED -> {
                        if (c == ',') {
                            cells.add(cell.toString().strip());
                            cell.setLength(0);
                            state = State.CELL_START;
                        } else if (c == '"') {
                            return error(start, raw, "cell " + (cells.size() + 1) + ": a quote inside an unquoted "
                                    + "cell; put the whole cell in quotes and double the quotes inside (\"say \"\"no\"\"\")");
                        } else {
                            cell.append(c);
                        }
                    }
                    case QUOTED -> {
                        if (c != '"') {
                            cell.append(c);
                        } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            state = State.AFTER_QUOTE;
                        }
                    }
                    case AFTER_QUOTE -> {
                        if (c == ',') {
                            cells.add(cell.toString());
                            cell.setLength(0);
                            state = State.CELL_START;
                        } else if (!Character.isWhitespace(c)) {
                            return error(start, raw, "cell " + (cells.size() + 1) + ": text after the closing quote; "
                                    + "put the whole cell in quotes and double the quotes inside");
                        }
                    }
                }
            }
            if (state != State.QUOTED) {
                break;
            }
            // a line break inside quotes belongs to the cell: the record goes on on the next line
            final BoundedLineReader.Line next = nextLine();
            if (next == null) {
                return unclosed(taken, cells.size() + 1, "is never closed");
            }
            taken.add(next);
            if (next.tooLong() || raw.length() + 1 + next.length() > maxChars) {
                return unclosed(taken, cells.size() + 1, "is not closed within " + maxChars + " characters");
            }
            if (taken.size() > MAX_RECORD_LINES) {
                return unclosed(taken, cells.size() + 1, "is not closed within " + MAX_RECORD_LINES + " lines");
            }
            cell.append('\n');
            raw.append('\n').append(next.text());
            text = next.text();
        }
        cells.add(state == State.UNQUOTED ? cell.toString().strip() : cell.toString());
        return new Row(start, raw.toString(), List.copyOf(cells), null, 0);
    }

    /**
     * A quote that did not close: the record's first line is rejected, the lines read after it are read again.
     */
    private Row unclosed(final List<BoundedLineReader.Line> taken, final int cell, final String why) {
        for (int i = taken.size() - 1; i >= 1; i--) {
            pending.addFirst(taken.get(i));
        }
        final BoundedLineReader.Line first = taken.get(0);
        return error(first.number(), first.text(), "cell " + cell + ": a quote opened on line " + first.number()
                + " " + why + (taken.size() > 1 ? "; the lines after it are read as records of their own" : ""));
    }

    private static Row error(final long line, final CharSequence raw, final String why) {
        return new Row(line, raw.toString(), List.of(), why, 0);
    }
}

package georisk.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records of cells, after RFC 4180: cells separated by commas, records by line
 * breaks (CRLF or LF); a cell in double quotes may hold commas, line breaks and quotes, the latter
 * doubled ({@code "say ""no"""}). Leniencies, for files written by hand: blank lines between records are
 * skipped, spaces around an unquoted cell and after a closing quote are dropped, a UTF-8 byte order
 * mark at the start is ignored. A quote inside an unquoted cell, text after a closing quote and a quote
 * never closed are errors of that record; reading goes on with the next line.
 */
final class CsvRecords {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * One record.
     *
     * @param line  1-based line where it starts
     * @param raw   its text as read, line breaks inside quoted cells kept as {@code \n}
     * @param cells the cells, unquoted; empty when {@code error} is set
     * @param error why the record could not be split, or {@code null}
     */
    record Row(long line, String raw, List<String> cells, String error) {
        boolean isValid() {
            return error == null;
        }
    }

    private enum State { CELL_START, UNQUOTED, QUOTED, AFTER_QUOTE }

    private final BufferedReader in;
    private long lineNumber;

    CsvRecords(final BufferedReader in) {
        this.in = in;
    }

    /** The next record, or {@code null} at the end of the input. */
    Row next() throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return null;
            }
            lineNumber++;
            if (lineNumber == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
                text = text.substring(1);
            }
        } while (text.isBlank());
        return parse(text);
    }

    private Row parse(final String firstLine) throws IOException {
        final long start = lineNumber;
        final StringBuilder raw = new StringBuilder(firstLine);
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        State state = State.CELL_START;
        String text = firstLine;
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
            text = in.readLine();
            if (text == null) {
                return error(start, raw, "cell " + (cells.size() + 1) + ": a quote opened on line " + start
                        + " is never closed");
            }
            lineNumber++;
            cell.append('\n');
            raw.append('\n').append(text);
        }
        cells.add(state == State.UNQUOTED ? cell.toString().strip() : cell.toString());
        return new Row(start, raw.toString(), List.copyOf(cells), null);
    }

    private static Row error(final long line, final CharSequence raw, final String why) {
        return new Row(line, raw.toString(), List.of(), why);
    }
}

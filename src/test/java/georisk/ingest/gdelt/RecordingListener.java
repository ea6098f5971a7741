package georisk.ingest.gdelt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps everything a {@link GdeltReader} reports, for assertions. */
final class RecordingListener implements GdeltReader.Listener {
    final List<GdeltRow> rows = new ArrayList<>();
    final List<RejectedRow> rejected = new ArrayList<>();
    final Map<String, Optional<GdeltFormat>> formats = new LinkedHashMap<>();
    final Map<String, Long> rowCounts = new LinkedHashMap<>();
    final Map<String, String> failed = new LinkedHashMap<>();
    final Map<String, String> skipped = new LinkedHashMap<>();

    @Override
    public void row(final GdeltRow row, final byte[] raw) {
        rows.add(row);
    }

    @Override
    public void rejected(final RejectedRow row) {
        rejected.add(row);
    }

    @Override
    public void fileFinished(final String source, final Optional<GdeltFormat> format, final long count) {
        formats.put(source, format);
        rowCounts.put(source, count);
    }

    @Override
    public void fileFailed(final String source, final String reason) {
        failed.put(source, reason);
    }

    @Override
    public void skipped(final String source, final String reason) {
        skipped.put(source, reason);
    }

    GdeltRow row(final long line) {
        return rows.stream().filter(r -> r.line() == line).findFirst().orElseThrow();
    }
}

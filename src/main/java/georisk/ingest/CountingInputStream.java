package georisk.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes taken from the stream it wraps (read or skipped): how far into a file a reader is, for a
 * progress percentage, or how many compressed bytes an archive entry has used, for an inflation bound.
 * Not thread-safe, like the readers it serves.
 */
public final class CountingInputStream extends FilterInputStream {
    private long count;

    public CountingInputStream(final InputStream in) {
        super(in);
    }

    /** Bytes taken so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        final int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        final int n = super.read(buffer, offset, length);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(final long n) throws IOException {
        final long skipped = super.skip(n);
        count += skipped;
        return skipped;
    }
}

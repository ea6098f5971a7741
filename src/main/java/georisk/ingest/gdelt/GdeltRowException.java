package georisk.ingest.gdelt;

/**
 * A GDELT row that cannot be read. The {@link #reason()} is the same for every row with the same
 * fault ({@code GoldsteinScale is not a number}), so a report can count rows by reason; the
 * {@link #detail()} is what this row had ({@code abc}).
 */
public final class GdeltRowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final String detail;

    /**
     * @param reason what is wrong, without the row's value
     * @param detail the offending value or count, or empty
     */
    public GdeltRowException(final String reason, final String detail) {
        super(detail.isEmpty() ? reason : reason + ": " + detail);
        this.reason = reason;
        this.detail = detail;
    }

    /** What is wrong, the same for every row with this fault. */
    public String reason() {
        return reason;
    }

    /** What this row had, or empty. */
    public String detail() {
        return detail;
    }
}

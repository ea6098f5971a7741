package georisk.scoring;

/**
 * The events of one UTC day of a dyad, by class. Each impact is stored scaled to the start of its
 * day ({@code impact × 2^((t − dayStart) / halfLife)}), so the pressure at the end of any later day
 * can be recomputed from the buckets alone. Sums, so the order of events does not matter.
 *
 * @param day         days since 1970-01-01 (UTC)
 * @param threats     scaled threat impacts of the day
 * @param acts        scaled act impacts
 * @param cooperation scaled cooperation impacts
 * @param events      events of the day
 */
public record DayBucket(long day, double threats, double acts, double cooperation, int events) {
}

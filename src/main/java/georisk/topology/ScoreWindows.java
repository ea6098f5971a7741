package georisk.topology;

import georisk.events.RiskScore;
import georisk.events.ScoreWindow;

/**
 * Folds scores into a window's bar: open and close by event time (not arrival), high and low.
 * Order does not matter, so a late score lands where it belongs.
 */
final class ScoreWindows {
    private ScoreWindows() {
    }

    /** The bar of a window without scores (0 updates). */
    static ScoreWindow empty() {
        return new ScoreWindow(java.time.Instant.EPOCH, java.time.Instant.EPOCH, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
                georisk.events.RiskLevel.LOW, 0L);
    }

    static ScoreWindow add(final ScoreWindow w, final RiskScore s) {
        if (w.getUpdates() == 0) {
            return new ScoreWindow(s.getAsOf(), s.getAsOf(), s.getTension(), s.getTension(), s.getTension(),
                    s.getTension(), s.getExposureWeightedRisk(), s.getExposureWeightedRisk(), s.getLevel(), 1L);
        }
        final boolean earlier = s.getAsOf().isBefore(w.getFirstAsOf());
        final boolean later = !s.getAsOf().isBefore(w.getLastAsOf());
        return new ScoreWindow(
                earlier ? s.getAsOf() : w.getFirstAsOf(),
                later ? s.getAsOf() : w.getLastAsOf(),
                earlier ? s.getTension() : w.getOpenTension(),
                later ? s.getTension() : w.getCloseTension(),
                Math.max(w.getHighTension(), s.getTension()),
                Math.min(w.getLowTension(), s.getTension()),
                later ? s.getExposureWeightedRisk() : w.getCloseRisk(),
                Math.max(w.getHighRisk(), s.getExposureWeightedRisk()),
                later ? s.getLevel() : w.getCloseLevel(),
                w.getUpdates() + 1);
    }
}

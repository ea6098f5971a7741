package georisk.query;

import georisk.events.RiskLevel;
import georisk.scoring.ModelParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * What a client needs of the risk model in use to draw and read its numbers: the level bands, the hysteresis of a
 * level change, and how tension decays toward its baseline between events.
 *
 * @param levels        the tension range of each level, LOW first; they tile 0 … 100
 * @param bounds        tension at which GUARDED, ELEVATED, HIGH and SEVERE start ({@code levels.bounds})
 * @param hysteresis    points below a level's bound a tension must fall before the level is left
 * @param baseline      tension of a dyad with no recent events, where decay leads
 * @param halfLife      time for an event's pressure to halve, ISO-8601 ({@code PT720H})
 * @param halfLifeDays  the same in days
 * @param steepness     pressure points that move tension by one logistic unit
 */
public record ModelView(List<Level> levels, List<Double> bounds, double hysteresis, double baseline, String halfLife,
                        double halfLifeDays, double steepness) {

    /**
     * One level's band of tension.
     *
     * @param name the level
     * @param from lowest tension of the level (inclusive)
     * @param to   tension where the next level starts (100 for the highest)
     */
    public record Level(String name, double from, double to) {
    }

    /** The view of a model. */
    public static ModelView of(final ModelParameters model) {
        final List<Double> bounds = model.levels().bounds();
        final RiskLevel[] names = RiskLevel.values();
        final List<Level> levels = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            levels.add(new Level(names[i].name(), i == 0 ? 0.0 : bounds.get(i - 1), i < bounds.size() ? bounds.get(i) : 100.0));
        }
        return new ModelView(List.copyOf(levels), bounds, model.levels().hysteresis(), model.tension().baseline(),
                model.tension().halfLife().toString(), model.tension().halfLife().toMillis() / 86_400_000.0,
                model.tension().steepness());
    }
}

package georisk.scoring;

/**
 * The signed impact of one event on its dyad's pressure, in points:
 *
 * <pre>
 * impact = baseWeight × classWeight × severity × magnitude × attention × confidence × direction
 *   severity  = −goldstein / 10                     (+1 most conflictual … −1 most cooperative)
 *   magnitude = 1 + min(tariffRate, cap) / 100       (a 25 % tariff weighs 1.25, 100 % weighs 2)
 *               + tradeShareWeight × min(tradeShare, 1)
 *   attention = min(cap, base + perDecade × (log10(1 + mentions) + log10(1 + sources)))
 *   direction = 1 when the home country is acted upon, homeActsWeight when it acts
 * </pre>
 *
 * Positive impact raises tension, negative lowers it. Data events have no impact.
 */
public final class ImpactModel {
    private final ModelParameters.Impact p;

    public ImpactModel(final ModelParameters parameters) {
        this.p = parameters.impact();
    }

    /** The event's impact in pressure points. */
    public double impact(final ScoringEvent e) {
        final EventClass cls = e.eventClass();
        if (cls == EventClass.DATA) {
            return 0.0;
        }
        final double severity = -e.goldstein() / 10.0;
        return p.baseWeight() * classWeight(cls) * severity * magnitude(e) * attention(e) * e.confidence() * direction(e);
    }

    /** Magnitude multiplier, ≥ 1. */
    public double magnitude(final ScoringEvent e) {
        final double rate = Math.min(Math.max(e.tariffRate(), 0.0), p.tariffMagnitudeCap());
        final double share = Math.min(Math.max(e.tradeShare(), 0.0), 1.0);
        return 1.0 + rate / 100.0 + p.tradeShareWeight() * share;
    }

    /** Attention multiplier, log-scaled in mentions and sources, within [attentionBase, attentionCap]. */
    public double attention(final ScoringEvent e) {
        final double decades = Math.log10(1.0 + Math.max(e.mentions(), 0)) + Math.log10(1.0 + Math.max(e.sources(), 0));
        return Math.min(p.attentionCap(), p.attentionBase() + p.attentionPerDecade() * decades);
    }

    /** How strongly an event counts as evidence for the coverage figure: confidence × corroboration. */
    public double evidence(final ScoringEvent e) {
        final double corroboration = Math.min(1.0,
                Math.log1p(Math.max(e.sources(), 0)) / Math.log1p(p.corroborationSources()));
        return e.confidence() * corroboration;
    }

    private double classWeight(final EventClass cls) {
        return switch (cls) {
            case THREAT -> p.threatWeight();
            case ACT -> p.actWeight();
            case COOPERATION -> p.cooperationWeight();
            case DATA -> 0.0;
        };
    }

    private double direction(final ScoringEvent e) {
        return e.homeIsActor() ? p.homeActsWeight() : 1.0;
    }
}

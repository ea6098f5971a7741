package georisk.ingest;

import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.SourceKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A reproducible stream of made-up but plausible events for benchmarks and soak tests ({@code georisk load}).
 *
 * <ul>
 *   <li><b>Dyads:</b> the home country {@value #HOME} with the first {@code dyads} of {@link #COUNTERPARTIES}
 *       ({@code USA}, {@code CHN}, then {@code MEX}, {@code JPN}, ...), spread evenly, in both directions.</li>
 *   <li><b>Mix:</b> statements and threats outnumber acts, some cooperation, military action rare
 *       ({@link #MIX}, in percent).</li>
 *   <li><b>Attention:</b> mentions are log-normal (most stories small, a few huge; acts draw more), sources and
 *       articles a share of them; tariff rates from the usual steps (10 … 100 %, mostly 25), trade values from
 *       C$100M to C$100B, one or two sectors.</li>
 *   <li><b>Time:</b> event time follows the wall clock (up to a minute behind, as reports lag); a
 *       {@code lateFraction} of events is hours to days behind; a {@code duplicateFraction} re-sends an earlier
 *       event unchanged, same id.</li>
 * </ul>
 *
 * Not thread-safe: one generator per sending thread.
 */
public final class SyntheticEvents {
    /** The home country of every synthetic dyad. */
    public static final String HOME = "CAN";
    /** Counterparties in the order {@code --dyads N} takes them. */
    public static final List<String> COUNTERPARTIES = List.of(
            "USA", "CHN", "MEX", "JPN", "GBR", "DEU", "KOR", "IND", "FRA", "ITA",
            "BRA", "AUS", "NLD", "CHE", "ESP", "BEL", "NOR", "SWE", "SGP", "VNM",
            "SAU", "ARE", "TUR", "IDN", "ZAF", "NGA", "ARG", "CHL", "COL", "PER",
            "POL", "UKR", "ISR", "EGY", "THA", "MYS", "PHL", "NZL", "IRL", "DNK");

    /** Share of each type in percent (adds up to 100). */
    public static final Map<EventType, Double> MIX;
    /** How many earlier events a duplicate may repeat. */
    private static final int REMEMBERED = 1024;
    private static final Duration MAX_REPORT_LAG = Duration.ofMinutes(1);
    private static final Duration LATE_MIN = Duration.ofHours(1);
    private static final Duration LATE_MAX = Duration.ofDays(10);
    private static final double[] TARIFF_STEPS = {10, 15, 20, 25, 35, 50, 100};
    private static final double[] TARIFF_WEIGHTS = {15, 10, 10, 35, 10, 15, 5};
    private static final String[] SECTORS = {"steel", "aluminum", "autos", "canola", "pork", "seafood", "lumber",
            "dairy", "energy", "electric-vehicles", "critical-minerals"};

    static {
        final Map<EventType, Double> mix = new EnumMap<>(EventType.class);
        // statements and threats
        mix.put(EventType.HOSTILE_STATEMENT, 24.0);
        mix.put(EventType.TARIFF_THREATENED, 12.0);
        mix.put(EventType.TRADE_INVESTIGATION, 5.0);
        mix.put(EventType.SOVEREIGNTY_THREAT, 2.0);
        // cooperation
        mix.put(EventType.CONCILIATORY_STATEMENT, 12.0);
        mix.put(EventType.NEGOTIATION, 9.0);
        mix.put(EventType.LEADERS_MEETING, 4.0);
        mix.put(EventType.STATE_VISIT, 4.0);
        mix.put(EventType.TARIFF_RELIEF, 3.0);
        mix.put(EventType.AGREEMENT, 2.0);
        mix.put(EventType.RELEASE, 1.0);
        // acts
        mix.put(EventType.TARIFF_IMPOSED, 7.0);
        mix.put(EventType.TRADE_RESTRICTION, 5.0);
        mix.put(EventType.SANCTION, 2.0);
        mix.put(EventType.DETENTION, 1.5);
        mix.put(EventType.NEGOTIATIONS_HALTED, 1.5);
        mix.put(EventType.MILITARY_ACTION, 0.3);
        // data
        mix.put(EventType.TRADE_DATA, 4.7);
        MIX = Collections.unmodifiableMap(mix);
    }

    /**
     * How to generate.
     *
     * @param dyads             number of counterparties, 1 … {@code COUNTERPARTIES.size()}
     * @param lateFraction      share of events hours to days behind, 0 … 1
     * @param duplicateFraction share of events that repeat an earlier one, 0 … 1
     * @param seed              the random seed: the same seed and clock give the same events
     * @param idPrefix          start of every id, e.g. {@code load-m1x2k-}; ids are the prefix and a sequence number
     */
    public record Settings(int dyads, double lateFraction, double duplicateFraction, long seed, String idPrefix) {
        public Settings {
            if (dyads < 1 || dyads > COUNTERPARTIES.size()) {
                throw new IllegalArgumentException("dyads must be within [1, " + COUNTERPARTIES.size() + "], was " + dyads);
            }
            if (!(lateFraction >= 0 && duplicateFraction >= 0 && lateFraction + duplicateFraction <= 1)) {
                throw new IllegalArgumentException("late and duplicate fractions must be >= 0 and add up to at most 1, were "
                        + lateFraction + " and " + duplicateFraction);
            }
            Objects.requireNonNull(idPrefix, "idPrefix");
        }
    }

    /**
     * One generated event.
     *
     * @param event     the event
     * @param late      its event time is hours to days behind the clock
     * @param duplicate it repeats an event generated earlier (same id, same content)
     */
    public record Generated(GeoEvent event, boolean late, boolean duplicate) {
    }

    private final Settings settings;
    private final Supplier<Instant> clock;
    private final SplittableRandom random;
    private final List<String> counterparties;
    private final EventType[] types;
    private final double[] cumulative;
    private final GeoEvent[] remembered = new GeoEvent[REMEMBERED];
    private long sequence;

    /**
     * @param settings how to generate
     * @param clock    the wall clock event times follow ({@code Instant::now}; fixed in tests)
     */
    public SyntheticEvents(final Settings settings, final Supplier<Instant> clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new SplittableRandom(settings.seed());
        this.counterparties = COUNTERPARTIES.subList(0, settings.dyads());
        this.types = MIX.keySet().toArray(new EventType[0]);
        this.cumulative = new double[types.length];
        double sum = 0;
        for (int i = 0; i < types.length; i++) {
            sum += MIX.get(types[i]);
            cumulative[i] = sum;
        }
    }

    /** The counterparties of the generated dyads, in order. */
    public List<String> counterparties() {
        return counterparties;
    }

    /** The next event: a duplicate of an earlier one, a late one, or a current one. */
    public Generated next() {
        final double draw = random.nextDouble();
        if (draw < settings.duplicateFraction() && sequence > 0) {
            final int slot = (int) ((sequence - 1 - random.nextLong(Math.min(sequence, REMEMBERED))) % REMEMBERED);
            return new Generated(remembered[slot], false, true);
        }
        final boolean late = draw >= settings.duplicateFraction()
                && draw < settings.duplicateFraction() + settings.lateFraction();
        final GeoEvent event = fresh(late);
        remembered[(int) (sequence % REMEMBERED)] = event;
        sequence++;
        return new Generated(event, late, false);
    }

    private GeoEvent fresh(final boolean late) {
        final Instant now = clock.get();
        final Instant occurredAt = late
                ? now.minusMillis(logUniform(LATE_MIN.toMillis(), LATE_MAX.toMillis()))
                : now.minusMillis(random.nextLong(MAX_REPORT_LAG.toMillis() + 1));
        final EventType type = type();
        final String other = counterparties.get(random.nextInt(counterparties.size()));
        final boolean homeActs = random.nextBoolean();
        final String actor = homeActs ? HOME : other;
        final String target = homeActs ? other : HOME;
        final int mentions = mentions(type);
        final int sources = (int) Math.max(1, Math.round(mentions * (0.05 + 0.25 * random.nextDouble())));
        final int articles = sources + (int) Math.round((mentions - sources) * (0.3 + 0.5 * random.nextDouble()));
        final String id = settings.idPrefix() + sequence;
        final GeoEvent.Builder b = GeoEvent.newBuilder()
                .setId(id)
                .setOccurredAt(occurredAt)
                .setReportedAt(now.isAfter(occurredAt) ? now : occurredAt)
                .setActor(actor)
                .setTarget(target)
                .setType(type)
                .setTone(round(tone(type), 2))
                .setMentions(mentions)
                .setSources(sources)
                .setArticles(articles)
                .setSectors(new ArrayList<>())
                .setHeadline(actor + " " + phrase(type) + " " + target + " (synthetic " + id + ")")
                .setSourceName("georisk load")
                .setSourceKind(SourceKind.SYNTHETIC)
                .setConfidence(round(0.6 + 0.4 * random.nextDouble(), 2));
        final boolean tariff = type == EventType.TARIFF_IMPOSED || type == EventType.TARIFF_THREATENED
                || type == EventType.TARIFF_RELIEF;
        if (tariff) {
            b.setTariffRate(TARIFF_STEPS[pick(TARIFF_WEIGHTS)]);
        }
        if (tariff || type == EventType.TRADE_RESTRICTION || type == EventType.SANCTION) {
            // C$100M … C$100B, log-uniform, in whole millions
            b.setAffectedTradeValue(Math.round(logUniform(100, 100_000)) * 1e6);
            b.setTradeCurrency(HOME.equals(actor) ? "CAD" : "USD");
            b.setSectors(sectors());
        }
        return b.build();
    }

    private EventType type() {
        final double x = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return types[i];
            }
        }
        return types[types.length - 1];
    }

    /** Log-normal attention, median about 10; acts draw three times more, military action ten times. */
    private int mentions(final EventType type) {
        final double factor = switch (type) {
            case MILITARY_ACTION -> 10;
            case TARIFF_IMPOSED, TRADE_RESTRICTION, SANCTION, DETENTION, NEGOTIATIONS_HALTED -> 3;
            default -> 1;
        };
        final double m = Math.exp(2.3 + 1.4 * gaussian()) * factor;
        return (int) Math.max(1, Math.min(50_000, Math.round(m)));
    }

    private double tone(final EventType type) {
        return switch (type) {
            case TARIFF_RELIEF, NEGOTIATION, AGREEMENT, STATE_VISIT, LEADERS_MEETING, CONCILIATORY_STATEMENT, RELEASE ->
                    2.5 + 1.5 * gaussian();
            case TRADE_DATA, OTHER -> gaussian();
            default -> -4.0 + 2.0 * gaussian();
        };
    }

    private List<String> sectors() {
        final List<String> out = new ArrayList<>(2);
        out.add(SECTORS[random.nextInt(SECTORS.length)]);
        if (random.nextInt(3) == 0) {
            final String second = SECTORS[random.nextInt(SECTORS.length)];
            if (!out.contains(second)) {
                out.add(second);
            }
        }
        return out;
    }

    private static String phrase(final EventType type) {
        return switch (type) {
            case TARIFF_IMPOSED -> "imposes tariffs on";
            case TARIFF_THREATENED -> "threatens tariffs on";
            case TARIFF_RELIEF -> "eases tariffs on";
            case TRADE_RESTRICTION -> "restricts imports from";
            case TRADE_INVESTIGATION -> "opens an anti-dumping probe into";
            case NEGOTIATIONS_HALTED -> "breaks off talks with";
            case NEGOTIATION -> "holds trade talks with";
            case AGREEMENT -> "signs an agreement with";
            case STATE_VISIT -> "pays a state visit to";
            case LEADERS_MEETING -> "meets the leader of";
            case HOSTILE_STATEMENT -> "criticizes";
            case CONCILIATORY_STATEMENT -> "signals cooperation with";
            case SOVEREIGNTY_THREAT -> "threatens the sovereignty of";
            case DETENTION -> "detains nationals of";
            case RELEASE -> "releases nationals of";
            case SANCTION -> "sanctions";
            case MILITARY_ACTION -> "uses force against";
            case TRADE_DATA -> "publishes trade figures with";
            case OTHER -> "acts toward";
        };
    }

    private int pick(final double[] weights) {
        double total = 0;
        for (final double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private long logUniform(final long min, final long max) {
        return Math.round(Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min))));
    }

    /** A standard normal draw (Box–Muller; SplittableRandom has no nextGaussian on Java 17). */
    private double gaussian() {
        final double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double round(final double value, final int decimals) {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SyntheticEvents[%s-%s, late %.3f, duplicates %.3f, seed %d]", HOME,
                String.join("/", counterparties), settings.lateFraction(), settings.duplicateFraction(), settings.seed());
    }
}

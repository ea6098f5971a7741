package georisk.ingest.gdelt;

import georisk.events.EventType;
import georisk.events.EventValidator;
import georisk.events.GeoEvent;
import georisk.events.SourceKind;
import georisk.scoring.Taxonomy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class GdeltMappingTest {

    @ParameterizedTest(name = "CAMEO {0} -> {1}")
    @CsvSource({
            "163, SANCTION",
            "1312, TARIFF_THREATENED",
            "131, OTHER",
            "1313, OTHER",
            "085, TARIFF_RELIEF",
            "172, TRADE_RESTRICTION",
            "1721, OTHER",
            "1724, OTHER",
            "090, TRADE_INVESTIGATION",
            "091, OTHER",
            "164, NEGOTIATIONS_HALTED",
            "046, NEGOTIATION",
            "057, AGREEMENT",
            "042, STATE_VISIT",
            "043, STATE_VISIT",
            "044, LEADERS_MEETING",
            "111, HOSTILE_STATEMENT",
            "112, HOSTILE_STATEMENT",
            "1122, HOSTILE_STATEMENT",
            "0311, CONCILIATORY_STATEMENT",
            "030, CONCILIATORY_STATEMENT",
            "036, CONCILIATORY_STATEMENT",
            "0354, CONCILIATORY_STATEMENT",
            "138, SOVEREIGNTY_THREAT",
            "1384, SOVEREIGNTY_THREAT",
            "173, DETENTION",
            "084, RELEASE",
            "0841, RELEASE",
            "19, MILITARY_ACTION",
            "190, MILITARY_ACTION",
            "195, MILITARY_ACTION",
            "2042, MILITARY_ACTION",
            "010, OTHER",
            "162, OTHER",
            "18, OTHER",
    })
    void shouldMapTheMostSpecificCameoCodeFirst(final String code, final EventType type) {
        assertThat(GdeltMapping.typeOf(code)).isEqualTo(type);
    }

    @Test
    void shouldMapEveryCodeOfTheTaxonomyBackToItsType() {
        for (final EventType type : EventType.values()) {
            final String code = Taxonomy.of(type).cameoCode();
            if (code.isEmpty()) {
                continue;
            }
            // 163 is SANCTION and TARIFF_IMPOSED in DESIGN.md; a GDELT row cannot tell a tariff from an embargo
            final EventType expected = type == EventType.TARIFF_IMPOSED ? EventType.SANCTION : type;
            assertThat(GdeltMapping.typeOf(code)).as("CAMEO %s of %s", code, type).isEqualTo(expected);
        }
        assertThat(GdeltMapping.typeOf("042")).isEqualTo(EventType.STATE_VISIT);
        assertThat(GdeltMapping.typeOf("112")).isEqualTo(EventType.HOSTILE_STATEMENT);
    }

    @Test
    void shouldKeepTheRowsValuesAndDateTheEventBySqlDateAndTheReportByDateAdded() {
        final GdeltRow row = Rows.row().id(1230000001L).day("2025-03-03").code("1312").goldstein(-5.8)
                .attention(12, 6, 10).added("2025-03-04T15:15:00Z").url("https://www.Reuters.com:443/world/x?y=1").build();

        final GeoEvent e = GdeltMapping.toEvent(row);

        assertThat(e.getId()).isEqualTo("gdelt-1230000001");
        assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
        assertThat(e.getReportedAt()).isEqualTo(Instant.parse("2025-03-04T15:15:00Z"));
        assertThat(e.getActor()).isEqualTo("USA");
        assertThat(e.getTarget()).isEqualTo("CAN");
        assertThat(e.getType()).isEqualTo(EventType.TARIFF_THREATENED);
        assertThat(e.getCameoCode()).isEqualTo("1312");
        assertThat(e.getGoldstein()).isEqualTo(-5.8);
        assertThat(e.getTone()).isEqualTo(-4.5);
        assertThat(e.getMentions()).isEqualTo(12);
        assertThat(e.getSources()).isEqualTo(6);
        assertThat(e.getArticles()).isEqualTo(10);
        assertThat(e.getSourceUrl()).isEqualTo("https://www.Reuters.com:443/world/x?y=1");
        assertThat(e.getSourceName()).isEqualTo("reuters.com");
        assertThat(e.getSourceKind()).isEqualTo(SourceKind.MACHINE_CODED);
        assertThat(e.getConfidence()).isEqualTo(0.886);
        assertThat(e.getTariffRate()).isNull();
        assertThat(e.getSectors()).isEmpty();
        assertThat(e.getHeadline()).isEqualTo(
                "United States threatens sanctions, an embargo or a boycott against Canada (CAMEO 1312, reuters.com)");
        assertThat(EventValidator.validate(e, Instant.parse("2025-03-05T00:00:00Z"))).isEmpty();
    }

    @Test
    void shouldKeepTheCodeOfAnEventOfTypeOther() {
        final GeoEvent e = GdeltMapping.toEvent(Rows.row().code("1721").goldstein(-5.0).build());

        assertThat(e.getType()).isEqualTo(EventType.OTHER);
        assertThat(e.getCameoCode()).isEqualTo("1721");
        assertThat(e.getGoldstein()).isEqualTo(-5.0);
        // 1721 restricts political freedoms: an administrative sanction in CAMEO, not a trade restriction
        assertThat(e.getHeadline()).isEqualTo("United States imposes administrative sanctions on Canada (CAMEO 1721, reuters.com)");
        assertThat(GdeltMapping.toEvent(Rows.row().code("1711").build()).getHeadline()).startsWith("United States coerces Canada");
    }

    @Test
    void shouldGrowConfidenceWithSourcesAndLowerItForNonRootEvents() {
        assertThat(GdeltMapping.confidence(0, true)).isEqualTo(0.0);
        assertThat(GdeltMapping.confidence(1, true)).isEqualTo(0.45);
        assertThat(GdeltMapping.confidence(2, true)).isEqualTo(0.675);
        assertThat(GdeltMapping.confidence(3, true)).isEqualTo(0.788);
        assertThat(GdeltMapping.confidence(5, true)).isEqualTo(0.872);
        assertThat(GdeltMapping.confidence(40, true)).isEqualTo(0.9);
        assertThat(GdeltMapping.confidence(2, false)).isEqualTo(0.506);
        for (int s = 1; s < 20; s++) {
            assertThat(GdeltMapping.confidence(s + 1, true)).isGreaterThanOrEqualTo(GdeltMapping.confidence(s, true));
            assertThat(GdeltMapping.confidence(s, false)).isLessThan(GdeltMapping.confidence(s, true));
        }
    }

    @Test
    void shouldNameTheSourceByTheHostOfItsUrl() {
        assertThat(GdeltMapping.sourceName("https://www.cbc.ca/news/x")).isEqualTo("cbc.ca");
        assertThat(GdeltMapping.sourceName("http://news.example.co.uk:8080/a")).isEqualTo("news.example.co.uk");
        assertThat(GdeltMapping.sourceName("HTTPS://WWW.NYTIMES.COM?x=1")).isEqualTo("nytimes.com");
        assertThat(GdeltMapping.sourceName("https://user@site.org/p")).isEqualTo("site.org");
        assertThat(GdeltMapping.sourceName("BBC Monitoring")).isEqualTo("BBC Monitoring");
        assertThat(GdeltMapping.sourceName(null)).isNull();
        assertThat(GdeltMapping.sourceName("https:///nohost")).isNull();
    }

    @Test
    void shouldKeepACitationAsSourceNameWithoutUrl() {
        final GeoEvent e = GdeltMapping.toEvent(Rows.row().code("173").url("BBC Monitoring").build());

        assertThat(e.getSourceUrl()).isNull();
        assertThat(e.getSourceName()).isEqualTo("BBC Monitoring");
        assertThat(e.getHeadline()).isEqualTo("United States arrests, detains or charges Canada (CAMEO 173, BBC Monitoring)");
    }

    @Test
    void shouldWriteReadableHeadlinesFromTheActorsNamesOrCountries() {
        final GeoEvent named = GdeltMapping.toEvent(Rows.row().code("043").names("CHINESE FOREIGN MINISTRY", "OTTAWA")
                .actors("CHN", "CAN").url(null).build());
        final GeoEvent unnamed = GdeltMapping.toEvent(Rows.row().code("046").names(null, null).build());

        assertThat(named.getHeadline()).isEqualTo("Chinese Foreign Ministry hosts a visit by Ottawa (CAMEO 043)");
        assertThat(unnamed.getHeadline()).isEqualTo("USA negotiates with CAN (CAMEO 046, reuters.com)");
    }
}

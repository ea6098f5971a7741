package georisk.serde;

import georisk.events.AlertKind;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.RiskAlert;
import georisk.events.RiskLevel;
import georisk.events.RiskScore;
import georisk.events.ScoreComponent;
import georisk.events.ScoreDriver;
import georisk.events.SourceKind;
import georisk.events.TradeExposure;

import java.time.Instant;
import java.util.List;

/** Records of every top-level schema, for round trips. */
final class Samples {
    static final Instant MARCH_4 = Instant.parse("2025-03-04T05:01:00Z");

    private Samples() {
    }

    /** Every optional field set, none left at its default. */
    static GeoEvent fullGeoEvent() {
        return GeoEvent.newBuilder()
                .setId("evt-2025-03-04-usa-can-tariff")
                .setOccurredAt(MARCH_4)
                .setReportedAt(MARCH_4.plusSeconds(600))
                .setActor("USA")
                .setTarget("CAN")
                .setType(EventType.TARIFF_IMPOSED)
                .setCameoCode("163")
                .setGoldstein(-8.0)
                .setTone(-6.25)
                .setMentions(412)
                .setSources(57)
                .setArticles(388)
                .setTariffRate(25.0)
                .setAffectedTradeValue(4.1e11)
                .setTradeCurrency("USD")
                .setSectors(List.of("steel", "aluminum", "autos"))
                .setHeadline("United States imposes 25 % tariffs on Canadian goods — « énergie » at 10 %")
                .setSourceName("Federal Register")
                .setSourceUrl("https://www.federalregister.gov/")
                .setSourceKind(SourceKind.CURATED)
                .setConfidence(0.95)
                .build();
    }

    /** Only the required fields; every optional one at its default. */
    static GeoEvent minimalGeoEvent() {
        return GeoEvent.newBuilder()
                .setId("evt-min")
                .setOccurredAt(MARCH_4)
                .setReportedAt(MARCH_4)
                .setActor("CHN")
                .setTarget("CAN")
                .setType(EventType.HOSTILE_STATEMENT)
                .setHeadline("Statement")
                .build();
    }

    static TradeExposure tradeExposure() {
        return TradeExposure.newBuilder()
                .setDyad("CAN-USA")
                .setHome("CAN")
                .setCounterparty("USA")
                .setAsOf(Instant.parse("2024-12-31T00:00:00Z"))
                .setExportShare(0.759)
                .setExportsValue(5.94e11)
                .setCurrency("CAD")
                .setExposure(0.8)
                .setSource("Statistics Canada")
                .build();
    }

    static RiskScore riskScore() {
        return RiskScore.newBuilder()
                .setDyad("CAN-USA")
                .setHome("CAN")
                .setCounterparty("USA")
                .setAsOf(MARCH_4)
                .setTension(71.5)
                .setExposure(0.8)
                .setExposureWeightedRisk(57.2)
                .setLevel(RiskLevel.HIGH)
                .setComponents(List.of(
                        new ScoreComponent("baseline", 10.0),
                        new ScoreComponent("threats", 21.5),
                        new ScoreComponent("acts", 45.0),
                        new ScoreComponent("cooperation", -5.0)))
                .setDrivers(List.of(driver("evt-1", 45.0), driver("evt-2", 21.5)))
                .setDelta24h(30.0)
                .setDelta7d(41.0)
                .setZScore(3.2)
                .setEventCount(17)
                .setCoverage(0.9)
                .build();
    }

    static RiskAlert riskAlert() {
        return RiskAlert.newBuilder()
                .setId("alert-CAN-USA-1")
                .setDyad("CAN-USA")
                .setKind(AlertKind.LEVEL_CHANGE)
                .setFromLevel(RiskLevel.ELEVATED)
                .setToLevel(RiskLevel.HIGH)
                .setScore(71.5)
                .setDrivers(List.of(driver("evt-1", 45.0)))
                .setExplanation("CAN-USA rose to HIGH: 25 % tariffs imposed")
                .setTime(MARCH_4)
                .build();
    }

    private static ScoreDriver driver(String id, double contribution) {
        return new ScoreDriver(id, EventType.TARIFF_IMPOSED, MARCH_4, "Tariffs imposed", contribution, 40, 1.0);
    }
}

package georisk.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import georisk.events.EventType;
import georisk.events.GeoEvent;
import georisk.events.SourceKind;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Reads one JSON object into a {@link GeoEvent} and writes a {@link GeoEvent} back as one line of JSON.
 * The format is documented in {@code docs/scenario-format.md}: field names are the Avro field names,
 * times are an ISO date ({@code 2025-03-04}, midnight UTC) or an ISO instant
 * ({@code 2025-03-04T14:00:00Z}), {@code reportedAt} defaults to {@code occurredAt}, optional fields
 * default as in the schema, and unknown fields are an error so that a typo is never silently dropped.
 *
 * <p>Reading checks the format only; {@link georisk.events.EventValidator} checks the values.
 */
public final class EventJson {
    /** The accepted field names, in schema order (a test holds this list against the Avro schema). */
    public static final List<String> FIELDS = List.of(
            "id", "occurredAt", "reportedAt", "actor", "target", "type", "cameoCode", "goldstein", "tone",
            "mentions", "sources", "articles", "tariffRate", "affectedTradeValue", "tradeCurrency",
            "sectors", "headline", "sourceName", "sourceUrl", "sourceKind", "confidence");

    private EventJson() {
    }

    /**
     * Parses one JSON object.
     *
     * @throws EventFormatException naming the field and the reason when the text is not a well-formed event
     */
    public static GeoEvent read(String json) {
        final JsonFields f = JsonFields.parse(json, FIELDS);
        return fromFields(f);
    }

    /** Parses an already decoded JSON object (e.g. one element of an HTTP request body's array). */
    public static GeoEvent read(ObjectNode json) {
        return fromFields(JsonFields.of(json, FIELDS));
    }

    private static GeoEvent fromFields(JsonFields f) {
        final String id = f.requiredString("id");
        final Instant occurredAt = f.requiredTime("occurredAt");
        final Instant reportedAt = f.optionalTime("reportedAt");
        return GeoEvent.newBuilder()
                .setId(id)
                .setOccurredAt(occurredAt)
                .setReportedAt(reportedAt == null ? occurredAt : reportedAt)
                .setActor(f.requiredString("actor"))
                .setTarget(f.requiredString("target"))
                .setType(f.requiredEnum("type", EventType.class, "type"))
                .setCameoCode(f.optionalString("cameoCode"))
                .setGoldstein(f.optionalDouble("goldstein"))
                .setTone(f.optionalDouble("tone"))
                .setMentions(f.intOr("mentions", 1))
                .setSources(f.intOr("sources", 1))
                .setArticles(f.intOr("articles", 1))
                .setTariffRate(f.optionalDouble("tariffRate"))
                .setAffectedTradeValue(f.optionalDouble("affectedTradeValue"))
                .setTradeCurrency(f.optionalString("tradeCurrency"))
                .setSectors(f.stringsOrEmpty("sectors"))
                .setHeadline(f.requiredString("headline"))
                .setSourceName(f.optionalString("sourceName"))
                .setSourceUrl(f.optionalString("sourceUrl"))
                .setSourceKind(f.enumOr("sourceKind", SourceKind.class, "sourceKind", SourceKind.UNKNOWN))
                .setConfidence(f.doubleOr("confidence", 1.0))
                .build();
    }

    /** The event as a JSON object: fields in schema order, times as ISO instants, null fields left out. */
    public static ObjectNode toJson(GeoEvent event) {
        final ObjectNode o = JsonFields.MAPPER.createObjectNode();
        o.put("id", event.getId());
        putTime(o, "occurredAt", event.getOccurredAt());
        putTime(o, "reportedAt", event.getReportedAt());
        o.put("actor", event.getActor());
        o.put("target", event.getTarget());
        if (event.getType() != null) {
            o.put("type", event.getType().name());
        }
        putIfSet(o, "cameoCode", event.getCameoCode());
        putIfSet(o, "goldstein", event.getGoldstein());
        putIfSet(o, "tone", event.getTone());
        o.put("mentions", event.getMentions());
        o.put("sources", event.getSources());
        o.put("articles", event.getArticles());
        putIfSet(o, "tariffRate", event.getTariffRate());
        putIfSet(o, "affectedTradeValue", event.getAffectedTradeValue());
        putIfSet(o, "tradeCurrency", event.getTradeCurrency());
        final ArrayNode sectors = o.putArray("sectors");
        if (event.getSectors() != null) {
            event.getSectors().forEach(sectors::add);
        }
        o.put("headline", event.getHeadline());
        putIfSet(o, "sourceName", event.getSourceName());
        putIfSet(o, "sourceUrl", event.getSourceUrl());
        if (event.getSourceKind() != null) {
            o.put("sourceKind", event.getSourceKind().name());
        }
        o.put("confidence", event.getConfidence());
        return o;
    }

    /** The event as one line of JSON, readable again by {@link #read(String)}. */
    public static String write(GeoEvent event) {
        return asString(toJson(event));
    }

    static String asString(ObjectNode node) {
        try {
            return JsonFields.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // a tree of plain strings and numbers always serialises
            throw new UncheckedIOException(e);
        }
    }

    static void putTime(ObjectNode o, String name, Instant time) {
        if (time != null) {
            o.put(name, time.toString());
        }
    }

    static void putIfSet(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    static void putIfSet(ObjectNode o, String name, Double value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}

package georisk.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import georisk.events.TradeExposure;

import java.util.List;

/**
 * Reads one JSON object into a {@link TradeExposure} and writes one back, with the same conventions as
 * {@link EventJson}: Avro field names, ISO date or instant for {@code asOf}, unknown fields rejected.
 * {@code dyad} defaults to {@code home + "-" + counterparty} and {@code exposure} to {@code exportShare}.
 */
public final class ExposureJson {
    /** The accepted field names, in schema order. */
    public static final List<String> FIELDS = List.of(
            "dyad", "home", "counterparty", "asOf", "exportShare", "exportsValue", "currency", "exposure",
            "source");

    private ExposureJson() {
    }

    /**
     * Parses one JSON object.
     *
     * @throws EventFormatException naming the field and the reason when the text is not a well-formed record
     */
    public static TradeExposure read(String json) {
        return fromFields(JsonFields.parse(json, FIELDS));
    }

    /** Parses an already decoded JSON object. */
    public static TradeExposure read(ObjectNode json) {
        return fromFields(JsonFields.of(json, FIELDS));
    }

    private static TradeExposure fromFields(JsonFields f) {
        final String home = f.requiredString("home");
        final String counterparty = f.requiredString("counterparty");
        final String dyad = f.optionalString("dyad");
        final double exportShare = f.requiredDouble("exportShare");
        return TradeExposure.newBuilder()
                .setDyad(dyad == null ? home + "-" + counterparty : dyad)
                .setHome(home)
                .setCounterparty(counterparty)
                .setAsOf(f.requiredTime("asOf"))
                .setExportShare(exportShare)
                .setExportsValue(f.optionalDouble("exportsValue"))
                .setCurrency(f.optionalString("currency"))
                .setExposure(f.doubleOr("exposure", exportShare))
                .setSource(f.optionalString("source"))
                .build();
    }

    /** The record as a JSON object: fields in schema order, {@code asOf} as an ISO instant, nulls left out. */
    public static ObjectNode toJson(TradeExposure exposure) {
        final ObjectNode o = JsonFields.MAPPER.createObjectNode();
        o.put("dyad", exposure.getDyad());
        o.put("home", exposure.getHome());
        o.put("counterparty", exposure.getCounterparty());
        EventJson.putTime(o, "asOf", exposure.getAsOf());
        o.put("exportShare", exposure.getExportShare());
        EventJson.putIfSet(o, "exportsValue", exposure.getExportsValue());
        EventJson.putIfSet(o, "currency", exposure.getCurrency());
        o.put("exposure", exposure.getExposure());
        EventJson.putIfSet(o, "source", exposure.getSource());
        return o;
    }

    /** The record as one line of JSON, readable again by {@link #read(String)}. */
    public static String write(TradeExposure exposure) {
        return EventJson.asString(toJson(exposure));
    }
}

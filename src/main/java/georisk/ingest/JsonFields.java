package georisk.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import georisk.events.EditDistance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Typed, strict access to the fields of one JSON object, shared by {@link EventJson} and
 * {@link ExposureJson}: unknown fields are rejected, types are not coerced (a quoted number is an
 * error, not a number), JSON {@code null} counts as absent, and every error names its field.
 */
final class JsonFields {
    /** Strict mapper: duplicate keys and anything after the object are errors, not silently merged. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String TIME_FORMS = " (e.g. 2025-03-04 or 2025-03-04T14:00:00Z)";

    private final ObjectNode node;

    private JsonFields(ObjectNode node) {
        this.node = node;
    }

    /** Parses {@code json} as one object whose field names must all be in {@code known}. */
    static JsonFields parse(String json, List<String> known) {
        final JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EventFormatException(null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new EventFormatException(null, "empty input, expected a JSON object");
        }
        if (!tree.isObject()) {
            throw new EventFormatException(null, "expected a JSON object, got "
                    + tree.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return of((ObjectNode) tree, known);
    }

    /** Wraps an already parsed object whose field names must all be in {@code known}. */
    static JsonFields of(ObjectNode object, List<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!known.contains(name)) {
                throw new EventFormatException(name, "unknown field" + suggestion(name, known)
                        + "; known fields: " + String.join(", ", known));
            }
        }
        return new JsonFields(object);
    }

    String requiredString(String name) {
        final String value = optionalString(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    String optionalString(String name) {
        final JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new EventFormatException(name, v + " is not a string");
        }
        return v.textValue();
    }

    Instant requiredTime(String name) {
        final Instant value = optionalTime(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    /** An ISO date ({@code 2025-03-04}, midnight UTC) or an ISO instant with offset. */
    Instant optionalTime(String name) {
        final JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        final Instant parsed = v.isTextual() ? parseTime(v.textValue()) : null;
        if (parsed == null) {
            throw new EventFormatException(name, v + " is not an ISO date or instant" + TIME_FORMS);
        }
        return parsed;
    }

    Double optionalDouble(String name) {
        final JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw new EventFormatException(name, v + " is not a number");
        }
        return v.doubleValue();
    }

    double requiredDouble(String name) {
        final Double value = optionalDouble(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    double doubleOr(String name, double fallback) {
        final Double value = optionalDouble(name);
        return value == null ? fallback : value;
    }

    int intOr(String name, int fallback) {
        final JsonNode v = value(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new EventFormatException(name, v + " is not a whole number");
        }
        return v.intValue();
    }

    List<String> stringsOrEmpty(String name) {
        final JsonNode v = value(name);
        final List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            throw new EventFormatException(name, v + " is not a list of strings");
        }
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new EventFormatException(name, "item " + item + " is not a string");
            }
            out.add(item.textValue());
        }
        return out;
    }

    <E extends Enum<E>> E requiredEnum(String name, Class<E> type, String what) {
        final E value = enumOr(name, type, what, null);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    <E extends Enum<E>> E enumOr(String name, Class<E> type, String what, E fallback) {
        final JsonNode v = value(name);
        if (v == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (v.isTextual() && constant.name().equals(v.textValue())) {
                return constant;
            }
        }
        throw new EventFormatException(name, v + " is not a known " + what + "; valid " + what + "s: "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** Parses the two accepted time forms; {@code null} if the text is neither. */
    static Instant parseTime(String text) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                return null;
            }
        }
    }

    private JsonNode value(String name) {
        final JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private static EventFormatException missing(String name) {
        return new EventFormatException(name, "is required");
    }

    /** " (did you mean headline?)" when an unknown name is a small typo away from a known one. */
    static String suggestion(String name, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            final int d = EditDistance.between(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

}

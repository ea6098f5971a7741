package georisk.events;

import georisk.events.SchemaFiles.SchemaFile;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the schema rules of DESIGN.md (section Schemas) over the files in {@code schemas/}: one
 * named type per file, named after it, in {@code georisk.events} and equal to its generated class;
 * a {@code doc} on every record and field; enum defaults; optional fields null first with a null
 * default; event time as {@code timestamp-millis} outside internal state; BACKWARD compatibility
 * with the previous release's copy; and a schema file behind every Avro topic of the catalog.
 *
 * <p>Each rule collects every violation before it asserts, so one run names them all.
 */
class SchemaContractTest {
    private static final String NAMESPACE = "georisk.events";
    private static final Path SCHEMA_DIR = Path.of("schemas");

    /** Released copies, one folder per release; never edited once shipped. */
    private static final String RELEASED_DIR = "/georisk/schemas/released";
    /** The release the current schemas must read data from. Move it on when a release ships. */
    private static final String PREVIOUS_RELEASE = "0.1.0";

    /** Fields that carry event time; outside internal state they must be {@code timestamp-millis}. */
    private static final Set<String> EVENT_TIME_FIELDS = Set.of("occurredAt", "reportedAt", "asOf", "time");
    /**
     * Internal state records (store changelogs, not topic contracts) keep event time as plain epoch
     * millis; these are exactly the records exempt from the rule above, with their time fields.
     */
    private static final Map<String, Set<String>> INTERNAL_STATE_TIME_FIELDS = Map.of(
            "DyadRiskState", Set.of("refTime", "firstEventTime"),
            "TrackedEventState", Set.of("occurredAt"),
            "TensionSample", Set.of("asOf"),
            "AlertState", Set.of("lastJumpAt", "lastAnomalyAt"));

    /** How the generator (stringType=String) writes a plain string into a class's SCHEMA$. */
    private static final String JAVA_STRING_MARK = "{\"type\":\"string\",\"avro.java.string\":\"String\"}";

    private static List<SchemaFile> current;

    @BeforeAll
    static void parseCurrentSchemas() {
        current = SchemaFiles.parseDirectory(SCHEMA_DIR);
        assertThat(current).as("schema files in %s", SCHEMA_DIR.toAbsolutePath()).isNotEmpty();
    }

    @Test
    void shouldDefineOneNamedTypePerFileNamedAfterTheFileInTheEventsNamespace() {
        final List<String> problems = new ArrayList<>();
        for (final SchemaFile file : current) {
            final Schema schema = file.schema();
            if (!Set.of(Schema.Type.RECORD, Schema.Type.ENUM, Schema.Type.FIXED).contains(schema.getType())) {
                problems.add(file.baseName() + ".avsc: top level is a " + schema.getType() + ", not a named type");
                continue;
            }
            if (!file.defined().equals(Set.of(schema.getFullName()))) {
                problems.add(file.baseName() + ".avsc: defines " + file.defined() + ", expected only "
                        + schema.getFullName());
            }
            if (!schema.getName().equals(file.baseName())) {
                problems.add(file.baseName() + ".avsc: type is named " + schema.getName());
            }
            if (!NAMESPACE.equals(schema.getNamespace())) {
                problems.add(file.baseName() + ".avsc: namespace is " + schema.getNamespace());
            }
        }
        assertThat(problems).as("one named type per file, named after it, in %s", NAMESPACE).isEmpty();
    }

    @Test
    void shouldMatchEachSchemaFileWithTheGeneratedClassOfItsName() {
        final List<String> problems = new ArrayList<>();
        for (final SchemaFile file : current) {
            final String className = NAMESPACE + "." + file.baseName();
            final Class<?> generated;
            try {
                generated = Class.forName(className);
            } catch (ClassNotFoundException e) {
                problems.add(file.baseName() + ".avsc: no generated class " + className);
                continue;
            }
            if (!generated.isAnnotationPresent(AvroGenerated.class)) {
                problems.add(className + " is not an Avro-generated class");
                continue;
            }
            // The JSON form holds everything equals() compares and the docs too; the generator's
            // stringType=String mark on each string is the one difference allowed.
            final String compiled = SpecificData.get().getSchema(generated).toString()
                    .replace(JAVA_STRING_MARK, "\"string\"");
            final String declared = file.schema().toString();
            if (!compiled.equals(declared)) {
                problems.add(className + ": generated schema differs from " + file.baseName()
                        + ".avsc (stale build or hand-edited class?)\n" + firstDifference(declared, compiled));
            }
        }
        assertThat(problems).as("generated classes equal to their schema files").isEmpty();
    }

    @Test
    void shouldDocumentEveryRecordAndEachOfItsFields() {
        final List<String> problems = new ArrayList<>();
        for (final Schema record : records()) {
            if (isBlank(record.getDoc())) {
                problems.add(record.getName() + " has no doc");
            }
            for (final Schema.Field field : record.getFields()) {
                if (isBlank(field.doc())) {
                    problems.add(record.getName() + "." + field.name() + " has no doc");
                }
            }
        }
        assertThat(problems).as("doc on every record and every field").isEmpty();
    }

    @Test
    void shouldGiveEveryEnumADefaultSymbolSoOldReadersSurviveNewSymbols() {
        final List<String> problems = new ArrayList<>();
        for (final SchemaFile file : current) {
            final Schema schema = file.schema();
            if (schema.getType() == Schema.Type.ENUM && schema.getEnumDefault() == null) {
                problems.add(schema.getName() + " has no default symbol");
            }
        }
        assertThat(current).as("enums among the schemas")
                .anyMatch(f -> f.schema().getType() == Schema.Type.ENUM);
        assertThat(problems).as("a default symbol on every enum").isEmpty();
    }

    @Test
    void shouldPutNullFirstAndDefaultToNullInEveryOptionalField() {
        final List<String> problems = new ArrayList<>();
        for (final Schema record : records()) {
            for (final Schema.Field field : record.getFields()) {
                final Schema type = field.schema();
                if (type.getType() != Schema.Type.UNION || !type.isNullable()) {
                    continue;
                }
                final String where = record.getName() + "." + field.name();
                if (type.getTypes().get(0).getType() != Schema.Type.NULL) {
                    problems.add(where + ": null is not the first branch of " + type);
                }
                if (!field.hasDefaultValue() || field.defaultVal() != JsonProperties.NULL_VALUE) {
                    problems.add(where + ": default is " + (field.hasDefaultValue() ? field.defaultVal() : "missing")
                            + ", not null");
                }
            }
        }
        assertThat(problems).as("optional fields: [\"null\", ...] with \"default\": null").isEmpty();
    }

    @Test
    void shouldCarryEventTimeAsTimestampMillisOutsideInternalState() {
        final List<String> problems = new ArrayList<>();
        final List<String> checked = new ArrayList<>();
        for (final Schema record : records()) {
            if (INTERNAL_STATE_TIME_FIELDS.containsKey(record.getName())) {
                continue;
            }
            for (final Schema.Field field : record.getFields()) {
                if (!EVENT_TIME_FIELDS.contains(field.name())) {
                    continue;
                }
                final String where = record.getName() + "." + field.name();
                checked.add(where);
                final Schema type = field.schema();
                if (type.getType() != Schema.Type.LONG || !LogicalTypes.timestampMillis().equals(type.getLogicalType())) {
                    problems.add(where + " is " + type + ", not a long with logicalType timestamp-millis");
                }
            }
        }
        // guards against a rule that checks nothing (e.g. every field renamed)
        assertThat(checked).as("event-time fields checked").contains("GeoEvent.occurredAt", "RiskScore.asOf");
        assertThat(problems).as("event time as timestamp-millis").isEmpty();
    }

    @Test
    void shouldKeepEventTimeAsPlainEpochMillisInInternalStateRecords() {
        final Map<String, Schema> byName = records().stream()
                .collect(Collectors.toMap(Schema::getName, r -> r));
        final List<String> problems = new ArrayList<>();
        INTERNAL_STATE_TIME_FIELDS.forEach((recordName, timeFields) -> {
            final Schema record = byName.get(recordName);
            if (record == null) {
                problems.add("internal state record " + recordName + " is gone: update the exemption");
                return;
            }
            final List<String> expected = record.getFields().stream().map(Schema.Field::name)
                    .filter(name -> EVENT_TIME_FIELDS.contains(name) || timeFields.contains(name)).sorted().toList();
            if (!expected.equals(timeFields.stream().sorted().toList())) {
                problems.add(recordName + " has time fields " + expected + ", the exemption lists " + timeFields);
            }
            for (final String name : expected) {
                final Schema type = record.getField(name).schema();
                if (type.getType() != Schema.Type.LONG || type.getLogicalType() != null) {
                    problems.add(recordName + "." + name + " is " + type + ", not a plain long of epoch millis");
                }
            }
        });
        assertThat(problems).as("internal state keeps plain epoch millis").isEmpty();
    }

    @Test
    void shouldReadDataWrittenWithThePreviousReleaseSchemas() {
        final List<SchemaFile> released = SchemaFiles.parseDirectory(releasedDir(PREVIOUS_RELEASE));
        assertThat(released).as("released schemas of %s", PREVIOUS_RELEASE).isNotEmpty();
        final Map<String, Schema> currentByName = current.stream()
                .collect(Collectors.toMap(f -> f.schema().getFullName(), SchemaFile::schema));
        final List<String> problems = new ArrayList<>();
        for (final SchemaFile old : released) {
            final String name = old.schema().getFullName();
            final Schema now = currentByName.get(name);
            if (now == null) {
                problems.add(name + ": released in " + PREVIOUS_RELEASE + " but no longer in " + SCHEMA_DIR);
                continue;
            }
            incompatibilities(now, old.schema()).forEach(i -> problems.add(name + ": " + i));
        }
        assertThat(problems)
                .as("current schemas reading data written with release %s (BACKWARD)", PREVIOUS_RELEASE)
                .isEmpty();
    }

    /** Negative control: the check above can fail, so its silence means something. */
    @Test
    void shouldReportAReaderFieldWithoutDefaultAsIncompatible() {
        final Schema released = SchemaFiles.parseDirectory(releasedDir(PREVIOUS_RELEASE)).stream()
                .map(SchemaFile::schema).filter(s -> s.getName().equals("GeoEvent")).findFirst().orElseThrow();
        final Schema geoEvent = SpecificData.get().getSchema(GeoEvent.class);
        final List<Schema.Field> fields = new ArrayList<>();
        for (final Schema.Field field : geoEvent.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("severity", Schema.create(Schema.Type.INT), "Added without a default."));
        final Schema reader = Schema.createRecord(geoEvent.getName(), geoEvent.getDoc(), geoEvent.getNamespace(),
                false, fields);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(incompatibilities(reader, released))
                .singleElement().asString()
                .contains(SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE.name(), "severity");
    }

    @Test
    void shouldHoldTheSchemasAgainstTheNewestReleasedCopy() throws IOException {
        final Path releases = releasedDir(PREVIOUS_RELEASE).getParent();
        final List<String> versions;
        try (Stream<Path> dirs = Files.list(releases)) {
            versions = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).toList();
        }
        assertThat(versions).as("released copies in %s", releases).contains(PREVIOUS_RELEASE);
        assertThat(versions.stream().max(SchemaContractTest::compareVersions).orElseThrow())
                .as("PREVIOUS_RELEASE must name the newest released copy")
                .isEqualTo(PREVIOUS_RELEASE);
    }

    @Test
    void shouldHaveASchemaFileForEveryAvroTopicValue() {
        final Set<String> names = current.stream().map(f -> f.schema().getFullName()).collect(Collectors.toSet());
        final List<String> avroValues = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        for (final TopicSpec<?, ?> topic : Topics.ALL) {
            final Class<?> value = topic.valueType();
            if (!value.isAnnotationPresent(AvroGenerated.class)) {
                continue;
            }
            avroValues.add(value.getSimpleName());
            if (!Files.isRegularFile(SCHEMA_DIR.resolve(value.getSimpleName() + ".avsc"))
                    || !names.contains(value.getName())) {
                problems.add(topic.name() + ": no " + SCHEMA_DIR.resolve(value.getSimpleName() + ".avsc")
                        + " defining " + value.getName());
            }
        }
        assertThat(avroValues).as("Avro value types in the topic catalog").contains("GeoEvent");
        assertThat(problems).as("a schema file behind every Avro topic value").isEmpty();
    }

    /** Every incompatibility of reading {@code writer}'s data with {@code reader}, one line each. */
    private static List<String> incompatibilities(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult()
                .getIncompatibilities().stream()
                .map(SchemaContractTest::describe)
                .toList();
    }

    private static String describe(Incompatibility incompatibility) {
        return incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                + incompatibility.getMessage();
    }

    /** The records of the current schemas (one per file; nested records have files of their own). */
    private static List<Schema> records() {
        return current.stream().map(SchemaFile::schema)
                .filter(s -> s.getType() == Schema.Type.RECORD).toList();
    }

    private static Path releasedDir(String version) {
        final URL url = SchemaContractTest.class.getResource(RELEASED_DIR + "/" + version);
        assertThat(url).as("released copy %s/%s on the test classpath", RELEASED_DIR, version).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    /** Orders dotted numeric versions (0.10.0 after 0.9.1). */
    private static int compareVersions(String a, String b) {
        return Arrays.compare(parts(a), parts(b));
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    /** Where two JSON forms first part, with some context from each. */
    private static String firstDifference(String file, String generated) {
        int at = 0;
        while (at < file.length() && at < generated.length() && file.charAt(at) == generated.charAt(at)) {
            at++;
        }
        final int from = Math.max(0, at - 60);
        return "    file:  ..." + file.substring(from, Math.min(file.length(), at + 60)) + "...\n"
                + "    class: ..." + generated.substring(from, Math.min(generated.length(), at + 60)) + "...";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}

package georisk.serde;

import org.apache.avro.Schema;

/**
 * The two schema-registry operations the Confluent wire format needs: a producer registers its writer
 * schema under a subject and writes the returned id into every record; a consumer looks the writer
 * schema up by that id.
 *
 * <p>Implementations are thread-safe and cache both directions (subject and schema to id, id to
 * schema), so a serializer asks the registry once per subject and a deserializer once per writer
 * schema, not once per record. Build one with {@link SchemaRegistryClients#forUrl(String)}.
 *
 * <p>Failures are reported as {@link SchemaRegistryException}, which carries the HTTP status and the
 * Confluent error code.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject}, or finds it if it is already registered there.
     * Registering the same schema again returns the same id.
     *
     * @param subject the subject, for example {@code geo-events-value} (TopicNameStrategy)
     * @param schema  the Avro schema; its canonical {@link Schema#toString()} form is what is registered
     * @return the registry's global id of the schema
     * @throws SchemaRegistryException if the registry rejects the schema (incompatible, invalid) or
     *                                 cannot be reached
     */
    int register(String subject, Schema schema);

    /**
     * Returns the schema the registry holds under a global id.
     *
     * @param id a global schema id, as written in bytes 1–4 of a Confluent-framed record
     * @return the schema
     * @throws SchemaRegistryException with error code 40403 if no schema has that id, or another code
     *                                 if the registry cannot be reached
     */
    Schema schemaById(int id);
}

package georisk.serde;

import org.apache.avro.Schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process schema registry for {@code mock://<scope>} URLs, behaving like Confluent's
 * {@code MockSchemaRegistry}: the state of a scope lives in a static map, so a serializer and a
 * deserializer created separately with the same URL in one JVM share ids. Ids are assigned per scope,
 * from 1; the same schema (by its canonical {@link Schema#toString()} text) gets the same id under
 * every subject of the scope. No compatibility rules are enforced.
 *
 * <p>Used by {@code georisk demo} and by tests. Everything is lost when the JVM exits; tests that want
 * a clean registry use a unique scope or call {@link #dropScope(String)}.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private static final Map<String, Scope> SCOPES = new ConcurrentHashMap<>();

    private final String scopeName;
    private final Scope scope;

    private InMemorySchemaRegistry(String scopeName, Scope scope) {
        this.scopeName = scopeName;
        this.scope = scope;
    }

    /**
     * A view of the scope called {@code scope} ({@code mock://<scope>}), created empty on first use.
     *
     * @param scope the scope name, not blank
     * @return a client sharing the scope's state with every other client of the same scope
     */
    public static InMemorySchemaRegistry forScope(String scope) {
        Objects.requireNonNull(scope, "scope");
        if (scope.isBlank()) {
            throw new IllegalArgumentException("The mock schema registry scope must not be blank: use mock://<scope>,"
                    + " e.g. mock://demo");
        }
        return new InMemorySchemaRegistry(scope, SCOPES.computeIfAbsent(scope, s -> new Scope()));
    }

    /**
     * Forgets every schema of a scope. Clients already holding the scope keep the old state; clients
     * created afterwards start from an empty scope with ids from 1.
     *
     * @param scope the scope name
     */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    /** The scope's name, without {@code mock://}. */
    public String scope() {
        return scopeName;
    }

    /** The subjects registered in this scope so far. */
    public Set<String> subjects() {
        return Set.copyOf(scope.versionsBySubject.keySet());
    }

    /**
     * The ids registered under a subject, oldest first.
     *
     * @throws SchemaRegistryException with error code 40401 if nothing is registered under the subject
     */
    public List<Integer> versions(String subject) {
        List<Integer> ids = scope.versionsBySubject.get(subject);
        if (ids == null) {
            throw SchemaRegistryException.registerFailed(url(), subject, 404,
                    SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return List.copyOf(ids);
    }

    @Override
    public int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        int id = scope.idFor(schema);
        CopyOnWriteArrayList<Integer> versions = scope.versionsBySubject.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>());
        versions.addIfAbsent(id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema schema = scope.schemasById.get(id);
        if (schema == null) {
            throw SchemaRegistryException.schemaNotFound(url(), id, 404, SchemaRegistryException.SCHEMA_NOT_FOUND,
                    null);
        }
        return schema;
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistry[" + url() + "]";
    }

    private String url() {
        return "mock://" + scopeName;
    }

    /** The shared state of one {@code mock://} scope. */
    private static final class Scope {
        private final Map<String, Integer> idsByCanonicalSchema = new ConcurrentHashMap<>();
        private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
        private final Map<String, CopyOnWriteArrayList<Integer>> versionsBySubject = new ConcurrentHashMap<>();
        private int lastId;

        int idFor(Schema schema) {
            // The canonical text is the identity, as in Confluent and Apicurio: equal text, equal id.
            return idsByCanonicalSchema.computeIfAbsent(schema.toString(), text -> {
                int id = nextId();
                schemasById.put(id, new Schema.Parser().parse(text));
                return id;
            });
        }

        private synchronized int nextId() {
            return ++lastId;
        }
    }
}

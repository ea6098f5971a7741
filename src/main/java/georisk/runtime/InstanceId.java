package georisk.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The stable identity of one scoring instance: its Kafka Streams {@code group.instance.id} (static group
 * membership). An instance is its state directory (Streams locks it, and its local state is what makes a
 * restart cheap), so the id is kept there, in {@value #FILE}, written on the first start and read on every
 * later one. A restarted instance then rejoins its group under the same id and takes its partitions back at
 * once, instead of waiting for the dead member's session to time out (45 s).
 */
final class InstanceId {
    static final String FILE = "georisk-instance-id";

    private InstanceId() {
    }

    /** {@code <applicationId>-<id kept in stateDir>}, creating the id (and the directory) on first use. */
    static String groupInstanceId(final String applicationId, final Path stateDir) {
        final Path file = stateDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                final String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (id.matches("[a-zA-Z0-9._-]{1,64}")) {
                    return applicationId + "-" + id;
                }
            }
            Files.createDirectories(stateDir);
            final String id = UUID.randomUUID().toString().substring(0, 8);
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return applicationId + "-" + id;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + file + ": " + e.getMessage(), e);
        }
    }
}

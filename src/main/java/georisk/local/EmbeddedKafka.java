package georisk.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker running inside this JVM: KRaft in combined mode (one process is both
 * broker and controller), listening on {@code 127.0.0.1} only.
 *
 * <p>It exists for {@code georisk demo} (one command from a fresh clone, no Kafka to install) and as
 * the last-resort broker of the integration tests. It is not a production broker: one replica, no
 * security, settings chosen for a small machine.
 *
 * <p>It is built from Kafka's <em>internal</em> server classes ({@link KafkaRaftServer},
 * {@link KafkaConfig}, {@link Formatter}), which carry no compatibility promise between releases and
 * have moved before. They are pinned by {@code kafka.version} in {@code pom.xml}; {@code EmbeddedKafkaIT}
 * is the guard to run when that version changes.
 *
 * <p>Life cycle: construct, {@link #start()} (blocks until the broker serves), use
 * {@link #bootstrapServers()}, {@link #close()}. One instance starts once; to restart on the same data,
 * construct a new instance with the same {@link Settings#dataDir() data directory}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final Pattern BIND_FAILURE = Pattern.compile("failed to bind to [^\\s]*:(\\d+)");

    /**
     * What the embedded broker is started with.
     *
     * @param port              the client port on 127.0.0.1; 0 picks a free one
     * @param dataDir           where logs and metadata live; kept across restarts and formatted only when
     *                          it holds no {@code meta.properties}. Empty: a temporary directory that
     *                          {@link #close()} deletes
     * @param defaultPartitions partitions of topics created without an explicit count ({@code num.partitions})
     */
    public record Settings(int port, Optional<Path> dataDir, int defaultPartitions) {
        public Settings {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (a free port) or 1-65535, was " + port);
            }
            Objects.requireNonNull(dataDir, "dataDir");
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be at least 1, was " + defaultPartitions);
            }
        }

        /** A free port, a temporary data directory, one partition per topic. */
        public static Settings defaults() {
            return new Settings(0, Optional.empty(), 1);
        }

        public Settings withPort(final int newPort) {
            return new Settings(newPort, dataDir, defaultPartitions);
        }

        public Settings withDataDir(final Path dir) {
            return new Settings(port, Optional.of(dir), defaultPartitions);
        }

        public Settings withDefaultPartitions(final int partitions) {
            return new Settings(port, dataDir, partitions);
        }
    }

    private enum State { NEW, RUNNING, CLOSED }

    private final Settings settings;
    private final boolean checkPortFirst;
    private State state = State.NEW;
    private Path dataDir;
    private int brokerPort;
    private KafkaRaftServer server;

    public EmbeddedKafka(final Settings settings) {
        this(settings, true);
    }

    /** {@code checkPortFirst = false} lets a test reach Kafka's own bind failure. */
    EmbeddedKafka(final Settings settings, final boolean checkPortFirst) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.checkPortFirst = checkPortFirst;
    }

    /**
     * Formats the data directory if it is new, starts the broker and returns once it serves clients.
     *
     * @return this, for try-with-resources
     * @throws BrokerPortInUseException when the requested port (or the controller's) is taken
     * @throws IllegalStateException    when called twice, or the broker fails to start
     */
    public synchronized EmbeddedKafka start() {
        if (state != State.NEW) {
            throw new IllegalStateException("EmbeddedKafka can start once; it is " + state);
        }
        final long began = System.nanoTime();
        // Fail before Kafka spins up a dozen threads: the usual cause is a second demo on the same port.
        if (settings.port() == 0) {
            brokerPort = freePort();
        } else {
            brokerPort = checkPortFirst ? requireFree(settings.port()) : settings.port();
        }
        // Static quorum (controller.quorum.voters): the controller's address is not written into the
        // metadata log, so a different free port on every restart is fine for a persistent data dir.
        final int controllerPort = freePortOtherThan(brokerPort);
        try {
            dataDir = prepareDataDir();
            final KafkaConfig config = KafkaConfig.fromProps(brokerProperties(controllerPort), false);
            formatIfNew();
            server = new KafkaRaftServer(config, Time.SYSTEM);
            state = State.RUNNING;
            // Returns once the broker has caught up with the metadata log, been unfenced and its
            // listeners accept connections (or throws).
            server.startup();
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw translate(e, controllerPort);
        }
        log.info("Embedded Kafka serving at {} in {} ms (data in {})", bootstrapServers(),
                (System.nanoTime() - began) / 1_000_000, dataDir);
        return this;
    }

    /** {@code 127.0.0.1:<port>}, the address clients bootstrap from. Valid after {@link #start()}. */
    public synchronized String bootstrapServers() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("EmbeddedKafka is " + state + ", not serving");
        }
        return HOST + ":" + brokerPort;
    }

    /** The client port actually used (the free one picked when the settings said 0). */
    public synchronized int port() {
        bootstrapServers();
        return brokerPort;
    }

    /** The directory holding the broker's logs and metadata. Valid after {@link #start()}. */
    public synchronized Path dataDir() {
        bootstrapServers();
        return dataDir;
    }

    /** Shuts the broker down and waits for it; deletes the data directory when it was temporary. Idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
        if (dataDir != null && settings.dataDir().isEmpty()) {
            deleteRecursively(dataDir);
        }
    }

    private Properties brokerProperties(final int controllerPort) {
        final Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", String.valueOf(settings.defaultPartitions()));
        // Topics come from `georisk topics create`, never from the first produce or subscribe.
        p.put("auto.create.topics.enable", "false");
        // One broker: every internal topic has one replica, or it is never created. The transaction
        // state log matters most: its defaults (RF 3, min ISR 2) leave exactly_once_v2 Streams hanging
        // in InitProducerId. One partition each: there is nothing to spread load over.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // No point waiting for more members to join a group on a laptop: the first rebalance is immediate.
        p.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner (compaction of trade-exposure) allocates this on the heap; 128 MiB by default.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private Path prepareDataDir() {
        try {
            if (settings.dataDir().isPresent()) {
                return Files.createDirectories(settings.dataDir().get()).toAbsolutePath();
            }
            return Files.createTempDirectory("georisk-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directory: " + e.getMessage(), e);
        }
    }

    /** What {@code kafka-storage.sh format} does, and only on first use: formatting again would lose the data. */
    private void formatIfNew() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Kafka reports a taken port deep in a cause chain; callers deserve one line that names it. */
    private RuntimeException translate(final RuntimeException e, final int controllerPort) {
        if (e instanceof BrokerPortInUseException || e instanceof UncheckedIOException) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            // SocketServer: "Socket server failed to bind to 127.0.0.1:9092: Address already in use."
            final Matcher bind = BIND_FAILURE.matcher(String.valueOf(t.getMessage()));
            if (bind.find()) {
                return new BrokerPortInUseException(HOST, Integer.parseInt(bind.group(1)), e);
            }
            if (t instanceof BindException) {
                return new BrokerPortInUseException(HOST, brokerPort, e);
            }
        }
        return new IllegalStateException("Embedded Kafka failed to start (controller port " + controllerPort
                + "): " + e.getMessage(), e);
    }

    private static int requireFree(final int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
            return port;
        } catch (IOException e) {
            throw new BrokerPortInUseException(HOST, port, e);
        }
    }

    /**
     * A free port that is not {@code taken}: each probe's socket is closed before the broker binds, so two probes
     * can be handed the same port (CI once got the broker's port for the controller, and the broker refused two
     * listeners on one port).
     */
    private static int freePortOtherThan(final int taken) {
        int port = freePort();
        while (port == taken) {
            port = freePort();
        }
        return port;
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    private static void deleteRecursively(final Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the temporary Kafka data directory {}: {}", root, e.getMessage());
        }
    }
}

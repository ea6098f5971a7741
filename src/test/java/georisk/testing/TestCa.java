package georisk.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority made at test time with the JDK's {@code keytool} (no private key is ever
 * committed): a CA, a server certificate for {@code 127.0.0.1}/{@code localhost} signed by it, and a trust
 * store (PKCS12) holding the CA, as an operator's PKI would hand them out.
 */
public final class TestCa {
    /** Password of every store made here. */
    public static final String PASSWORD = "changeit-test";

    private final Path serverStore;
    private final Path trustStore;

    private TestCa(final Path serverStore, final Path trustStore) {
        this.serverStore = serverStore;
        this.trustStore = trustStore;
    }

    /** Makes the CA, the server's key store and the trust store in {@code dir}. */
    public static TestCa create(final Path dir) throws IOException, InterruptedException {
        final Path ca = dir.resolve("ca.p12");
        final Path server = dir.resolve("server.p12");
        final Path trust = dir.resolve("truststore.p12");
        final Path caPem = dir.resolve("ca.pem");
        final Path csr = dir.resolve("server.csr");
        final Path serverPem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=georisk test CA", "-ext", "bc:c", "-keystore", ca.toString(), "-storetype", "PKCS12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caPem.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-keystore", server.toString(), "-storetype", "PKCS12");
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(),
                "-outfile", serverPem.toString(), "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-ext", "KU=digitalSignature,keyEncipherment", "-ext", "EKU=serverAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", server.toString(), "-file", caPem.toString());
        keytool("-importcert", "-alias", "server", "-keystore", server.toString(), "-file", serverPem.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", trust.toString(), "-storetype", "PKCS12",
                "-file", caPem.toString());
        return new TestCa(server, trust);
    }

    /** The trust store (PKCS12, password {@link #PASSWORD}) holding the CA. */
    public Path trustStore() {
        return trustStore;
    }

    /** A server-side TLS context presenting the CA-signed certificate. */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        final KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        final KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(final String... args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));  // quicker start, 9 runs
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD));
        if (!"-exportcert".equals(args[0])) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}

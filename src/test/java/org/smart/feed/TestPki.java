package org.smart.feed;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway PKI made with the JDK's keytool: a CA, a server certificate for IP 127.0.0.1 signed
 * by it (as Icinga's own CA signs the API certificate), and an unrelated second CA.
 */
final class TestPki {

    final Path caPem;
    final Path otherCaPem;
    final SSLContext serverContext;

    private TestPki(Path caPem, Path otherCaPem, SSLContext serverContext) {
        this.caPem = caPem;
        this.otherCaPem = otherCaPem;
        this.serverContext = serverContext;
    }

    static TestPki create(Path dir) throws Exception {
        char[] pass = ("pki-" + UUID.randomUUID()).toCharArray();
        Keytool kt = new Keytool(dir, new String(pass));
        kt.waitAll(List.of(
                kt.start("-genkeypair", "-alias", "ca", "-dname", "CN=SMART test CA", "-ext", "bc:c", "-keystore", "ca.p12"),
                kt.start("-genkeypair", "-alias", "server", "-dname", "CN=127.0.0.1", "-keystore", "server.p12"),
                kt.start("-genkeypair", "-alias", "other", "-dname", "CN=Unrelated CA", "-ext", "bc:c", "-keystore", "other.p12")));
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                kt.builder("-certreq", "-alias", "server", "-keystore", "server.p12"),
                kt.builder("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-ext", "san=ip:127.0.0.1", "-rfc",
                        "-outfile", "server.pem")));
        kt.waitAll(pipeline);

        KeyStore caStore = load(dir.resolve("ca.p12"), pass);
        X509Certificate ca = (X509Certificate) caStore.getCertificate("ca");
        Path caPem = writePem(dir.resolve("ca.crt"), ca);
        Path otherPem = writePem(dir.resolve("other-ca.crt"), load(dir.resolve("other.p12"), pass).getCertificate("other"));

        KeyStore serverStore = load(dir.resolve("server.p12"), pass);
        PrivateKey key = (PrivateKey) serverStore.getKey("server", pass);
        Certificate signed;
        try (InputStream in = Files.newInputStream(dir.resolve("server.pem"))) {
            signed = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore chain = KeyStore.getInstance("PKCS12");
        chain.load(null, null);
        chain.setKeyEntry("server", key, pass, new Certificate[] {signed, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(chain, pass);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        return new TestPki(caPem, otherPem, server);
    }

    private static KeyStore load(Path file, char[] pass) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(Files.readAllBytes(file)), pass);
        return ks;
    }

    static Path writePem(Path file, Certificate cert) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(file, pem);
    }

    /** keytool from the running JDK; the store password goes through the environment, not argv. */
    private record Keytool(Path dir, String pass) {

        ProcessBuilder builder(String... args) {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                    "-storetype", "PKCS12", "-storepass:env", "KT_PASS", "-keypass:env", "KT_PASS"));
            if (args[0].equals("-genkeypair")) {
                cmd.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
            }
            if (args[0].equals("-genkeypair") || args[0].equals("-gencert")) {
                cmd.addAll(List.of("-validity", "2"));
            }
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            pb.environment().put("KT_PASS", pass);
            pb.redirectError(dir.resolve("keytool" + args[0] + ".err").toFile());
            return pb;
        }

        Process start(String... args) throws IOException {
            return builder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        }

        void waitAll(List<Process> processes) throws Exception {
            for (Process p : processes) {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("keytool did not finish: " + p.info());
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed (" + p.exitValue() + "), see " + dir);
                }
            }
        }
    }
}

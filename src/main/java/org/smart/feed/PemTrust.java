package org.smart.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} that trusts exactly the certificates of one PEM file (Icinga's CA, usually
 * {@code /var/lib/icinga2/certs/ca.crt}) and nothing else: not the JDK's default CAs, and never
 * "trust all". Host names are still verified by the HTTP client against the server certificate.
 */
final class PemTrust {

    private PemTrust() {
    }

    static SSLContext sslContext(Path caFile) throws FeedConfigException {
        Collection<? extends Certificate> certificates = read(caFile);
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new FeedConfigException("CA file " + caFile + ": cannot build a trust store from it: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> read(Path caFile) throws FeedConfigException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new FeedConfigException("CA file " + caFile + " does not exist", e);
        } catch (IOException | CertificateException e) {
            throw new FeedConfigException("CA file " + caFile + ": cannot read certificates from it: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new FeedConfigException("CA file " + caFile + " holds no certificate (expected PEM, '-----BEGIN CERTIFICATE-----')");
        }
        return certificates;
    }
}

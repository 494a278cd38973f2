package io.payguard.system;

import io.payguard.config.KafkaConfig;
import io.payguard.testsupport.Services;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The cluster deployment's certificates, made by docker/cluster/certs.sh into a directory of the test's
 * own, and the clients that trust them (only them): HTTPS, and Kafka over TLS from the host.
 */
record PrivateCa(Path directory) {

  /** A new CA and certificates in a fresh temporary directory. */
  static PrivateCa make() throws Exception {
    Path directory = Files.createTempDirectory("payguard-certs-");
    Process process = new ProcessBuilder("bash", Services.projectRoot().resolve("docker/cluster/certs.sh").toString(),
      directory.toString()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("docker/cluster/certs.sh failed: " + out);
    }
    return new PrivateCa(directory);
  }

  Path certificate() {
    return directory.resolve("ca.crt");
  }

  SSLContext sslContext() throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(certificate())) {
      trusted.setCertificateEntry("payguard-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  HttpClient httpClient() {
    try {
      return HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(2)).build();
    } catch (Exception e) {
      throw new IllegalStateException("the private CA's certificate cannot be read", e);
    }
  }

  /** The brokers at {@code bootstrap} as a service reaches them: over TLS, checked against this CA, or in plain text. */
  KafkaConfig kafka(String bootstrap, boolean tls) {
    return new KafkaConfig(bootstrap, "cluster-it", "cluster-it", tls ? "SSL" : "PLAINTEXT",
      tls ? certificate().toString() : "");
  }

  void delete() throws Exception {
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}

package io.payguard.system;

import io.payguard.stack.DatabaseBootstrap;
import io.payguard.stack.Deletion;
import io.payguard.stack.KafkaServer;
import io.payguard.stack.Ports;
import io.payguard.stack.PostgresServer;
import io.payguard.stack.Secrets;
import io.payguard.stack.ServiceJvm;
import io.payguard.stack.ServiceProcess;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * payguard as in production, every part its own OS process: PostgreSQL, Kafka, and N instances of each
 * service from their fat jars; each part can be killed, stopped and started again on the same data.
 */
final class ChaosStack implements AutoCloseable {

  /** The services run as the local stack runs them: the same JDK (25 where there is one) and options. */
  private static final ServiceJvm SERVICE_JVM = ServiceJvm.find(System.getenv());

  private final Path dir;
  private final Secrets secrets = new Secrets(Secrets.random(), Secrets.random(), Secrets.random());
  private final PostgresServer postgres;
  private final KafkaServer kafka;
  private final List<ServiceProcess> payments = new ArrayList<>();
  private final List<ServiceProcess> risks = new ArrayList<>();

  ChaosStack(int paymentInstances, int riskInstances) throws Exception {
    dir = Files.createTempDirectory("payguard-chaos-");
    Path root = Services.projectRoot();
    Path paymentJar = copy(root.resolve("payment-verticle/target/payment-verticle.jar"));
    Path riskJar = copy(root.resolve("risk-verticle/target/risk-verticle.jar"));
    postgres = new PostgresServer(dir.resolve("postgres"), Ports.free()).start();
    DatabaseBootstrap.apply(postgres, secrets.paymentDbPassword(), secrets.riskDbPassword());
    kafka = new KafkaServer(dir.resolve("kafka"), Ports.free(), Ports.free()).start(Duration.ofSeconds(90));
    kafka.createTopics(KafkaServer.PAYGUARD_TOPICS);
    for (int i = 0; i < paymentInstances; i++) {
      payments.add(service("payment", i, paymentJar, root.resolve("conf/payment.json"), "payment_svc",
        secrets.paymentDbPassword()));
    }
    for (int i = 0; i < riskInstances; i++) {
      risks.add(service("risk", i, riskJar, root.resolve("conf/risk.json"), "risk_svc", secrets.riskDbPassword()));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    for (ServiceProcess s : all()) {
      s.start();
    }
    for (ServiceProcess s : all()) {
      s.awaitReady(Duration.ofSeconds(90));
    }
  }

  private Path copy(Path jar) throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the tests through Maven's reactor (./mvnw verify),"
        + " which packages the services before system-tests runs");
    }
    return Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
  }

  private ServiceProcess service(String name, int index, Path jar, Path conf, String role, String password) {
    int port = Ports.free();
    Map<String, String> env = Map.ofEntries(
      Map.entry("PAYGUARD_DB_HOST", "127.0.0.1"),
      Map.entry("PAYGUARD_DB_PORT", String.valueOf(postgres.port())),
      Map.entry("PAYGUARD_DB_DATABASE", DatabaseBootstrap.DATABASE),
      Map.entry("PAYGUARD_DB_USER", role),
      Map.entry("PAYGUARD_DB_PASSWORD", password),
      Map.entry("PAYGUARD_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
      Map.entry("PAYGUARD_HTTP_PORT", String.valueOf(port)),
      Map.entry("PAYGUARD_HTTP_INSTANCES", "1"),
      Map.entry("PAYGUARD_API_KEYS", TestStack.API_KEY),
      Map.entry("PAYGUARD_RULES_FILE", conf.resolveSibling("risk-rules.json").toString()));
    return new ServiceProcess(name + "-" + index, SERVICE_JVM, jar, conf, port, env, ServiceJvm.DEFAULT_OPTIONS,
      dir.resolve(name + "-" + index + ".log"));
  }

  private List<ServiceProcess> all() {
    List<ServiceProcess> all = new ArrayList<>(payments);
    all.addAll(risks);
    return all;
  }

  ServiceProcess payment(int i) {
    return payments.get(i);
  }

  ServiceProcess risk(int i) {
    return risks.get(i);
  }

  List<String> paymentUrls() {
    return payments.stream().map(ServiceProcess::baseUrl).toList();
  }

  KafkaServer kafka() {
    return kafka;
  }

  PostgresServer postgres() {
    return postgres;
  }

  Path dir() {
    return dir;
  }

  /**
   * Freezes PostgreSQL (SIGSTOP to the postmaster and every backend), as a VM pause or a network partition
   * would: connections stay open, nothing answers. {@link #thawPostgres} lets it run again.
   */
  void freezePostgres() throws Exception {
    signalPostgres("STOP");
  }

  void thawPostgres() throws Exception {
    signalPostgres("CONT");
  }

  private void signalPostgres(String signal) throws Exception {
    long postmaster = Long.parseLong(Files.readAllLines(postgres.dataDir().resolve("postmaster.pid")).get(0).trim());
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal, String.valueOf(postmaster)));
    ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> command.add(String.valueOf(d.pid()))));
    Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + new String(kill.getInputStream().readAllBytes()));
    }
  }

  /** Starts a (killed or stopped) service again and waits until it is ready. */
  void restart(ServiceProcess service) {
    service.start();
    service.awaitReady(Duration.ofSeconds(90));
  }

  /** Waits until every accepted payment is assessed and decided, then counts ({@link ExactlyOnce}). */
  ExactlyOnce.Counts verify(Set<UUID> accepted, Duration timeout) throws Exception {
    return ExactlyOnce.await(() -> postgres.adminConnection(DatabaseBootstrap.DATABASE), accepted, timeout);
  }

  long scalar(String sql) throws Exception {
    try (Connection c = postgres.adminConnection(DatabaseBootstrap.DATABASE);
         ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public synchronized void close() {
    for (ServiceProcess s : all()) {
      s.kill();
    }
    kafka.kill();
    postgres.stop();
    // Keep the logs for a post-mortem; the data directories are hundreds of MB.
    Deletion.recursively(dir.resolve("postgres"));
    Deletion.recursively(dir.resolve("kafka"));
  }
}

package io.payguard.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * README command 1: real PostgreSQL and real Kafka on this machine, the database roles and topics, then
 * both services as separate processes; stops everything on Ctrl-C (services, then Kafka, then
 * PostgreSQL). Data lives in PAYGUARD_DATA_DIR and survives restarts. Knobs: {@link StackSettings}.
 */
public final class LocalStack {

  private static final Duration KAFKA_START = Duration.ofSeconds(90);
  private static final Duration SERVICE_START = Duration.ofSeconds(90);

  private final StackSettings settings;
  private final Object lifecycle = new Object();
  private final List<AutoCloseable> running = new ArrayList<>();
  private boolean stopping;

  LocalStack(StackSettings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("logback.configurationFile") == null) {
      // Not logback.xml: this jar is on other modules' test class paths, where that name would clash.
      System.setProperty("logback.configurationFile", "payguard-stack-logback.xml");
    }
    StackSettings settings;
    try {
      settings = StackSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("[payguard] " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalStack stack = new LocalStack(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.stopAll();
      stopped.countDown();
    }, "payguard-stop"));
    try {
      stack.startAll();
    } catch (RuntimeException e) {
      System.err.println("[payguard] failed to start: " + e.getMessage());
      System.exit(1);
    }
    stopped.await();
  }

  void startAll() {
    long begin = System.nanoTime();
    Path data = settings.dataDir();
    PostgresServer postgres = new PostgresServer(data.resolve("postgres"), settings.postgresPort());
    KafkaServer kafka = new KafkaServer(data.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
    postgres.stopLeftover().ifPresent(pid ->
      say("stopped PostgreSQL (pid " + pid + ") left running on " + data.resolve("postgres") + " by an earlier run"));
    checkBeforeStarting();
    Secrets secrets = Secrets.loadOrCreate(data.resolve("secrets.properties"));
    ServiceProcess payment = service("payment", settings.paymentPort(), DatabaseBootstrap.PAYMENT_ROLE,
      secrets.paymentDbPassword(), secrets, kafka);
    ServiceProcess risk = service("risk", settings.riskPort(), DatabaseBootstrap.RISK_ROLE,
      secrets.riskDbPassword(), secrets, kafka);

    launch("PostgreSQL on 127.0.0.1:" + settings.postgresPort(), postgres, PostgresServer::start);
    DatabaseBootstrap.apply(postgres, secrets.paymentDbPassword(), secrets.riskDbPassword());
    launch("Kafka (KRaft) on " + kafka.bootstrapServers(), kafka, k -> k.start(KAFKA_START));
    kafka.createTopics(KafkaServer.PAYGUARD_TOPICS);

    if (!settings.withServices()) {
      banner(begin, secrets, null, null);
      return;
    }
    long servicesBegin = System.nanoTime();
    launch(null, payment, ServiceProcess::start);
    launch(null, risk, ServiceProcess::start);
    // Outside the lifecycle lock: a Ctrl-C now stops the services at once, and the wait below fails.
    payment.awaitReady(SERVICE_START);
    risk.awaitReady(SERVICE_START);
    say("payment and risk services ready (" + secondsSince(servicesBegin) + ", on " + settings.serviceJvm() + ")");
    banner(begin, secrets, payment, risk);
  }

  /** Everything that can be known to fail before anything starts, each message naming its knob. */
  private void checkBeforeStarting() {
    if (settings.withServices()) {
      try {
        for (String name : List.of("payment", "risk")) {
          ServiceProcess.requireFiles(name, jar(name), conf(name));
        }
      } catch (IllegalStateException e) {
        throw new IllegalStateException(e.getMessage()
          + " (PAYGUARD_HOME is " + settings.home() + "; PAYGUARD_SERVICES=none starts only PostgreSQL and Kafka)");
      }
    }
    Ports.requireFree(settings.postgresPort(), "PAYGUARD_PG_PORT");
    Ports.requireFree(settings.kafkaPort(), "PAYGUARD_KAFKA_PORT");
    Ports.requireFree(settings.kafkaControllerPort(), "PAYGUARD_KAFKA_PORT (the controller uses that port + 1)");
    if (settings.withServices()) {
      Ports.requireFree(settings.paymentPort(), "PAYGUARD_PAYMENT_PORT");
      Ports.requireFree(settings.riskPort(), "PAYGUARD_RISK_PORT");
    }
  }

  /**
   * Registers then starts one part under the lifecycle lock, so a Ctrl-C during start-up either waits
   * for that step and stops it with the rest, or comes first and nothing more starts: no orphan process.
   */
  private <T extends AutoCloseable> void launch(String what, T part, Consumer<T> start) {
    synchronized (lifecycle) {
      if (stopping) {
        throw new IllegalStateException("stopped during start-up");
      }
      running.add(part);
      long begin = System.nanoTime();
      start.accept(part);
      if (what != null) {
        say(what + " ready (" + secondsSince(begin) + ")");
      }
    }
  }

  void stopAll() {
    List<AutoCloseable> parts;
    synchronized (lifecycle) {
      stopping = true;
      parts = new ArrayList<>(running);
      running.clear();
    }
    if (parts.isEmpty()) {
      return;
    }
    say("stopping");
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        System.err.println("[payguard] while stopping: " + e.getMessage());
      }
    }
    say("stopped; data kept in " + settings.dataDir());
  }

  private ServiceProcess service(String name, int port, String role, String password, Secrets secrets,
                                 KafkaServer kafka) {
    Map<String, String> env = Map.ofEntries(
      // Webhook receivers of a developer's machine listen on it, over plain http.
      Map.entry("PAYGUARD_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true"),
      Map.entry("PAYGUARD_WEBHOOKS_ALLOW_HTTP", "true"),
      // The console (served by the payment service) calls the risk API from the browser.
      Map.entry("PAYGUARD_CONSOLE_RISK_URL", "http://127.0.0.1:" + settings.riskPort()),
      Map.entry("PAYGUARD_HTTP_CORS_ORIGINS", "http://127.0.0.1:" + settings.paymentPort() + ",http://localhost:"
        + settings.paymentPort()),
      Map.entry("PAYGUARD_DB_HOST", "127.0.0.1"),
      Map.entry("PAYGUARD_DB_PORT", String.valueOf(settings.postgresPort())),
      Map.entry("PAYGUARD_DB_DATABASE", DatabaseBootstrap.DATABASE),
      Map.entry("PAYGUARD_DB_USER", role),
      Map.entry("PAYGUARD_DB_PASSWORD", password),
      Map.entry("PAYGUARD_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()),
      Map.entry("PAYGUARD_HTTP_PORT", String.valueOf(port)),
      Map.entry("PAYGUARD_API_KEYS", secrets.apiKeysVariable()),
      Map.entry("PAYGUARD_RULES_FILE", settings.home().resolve("conf/risk-rules.json").toString()));
    ClassDataArchive.Launch launch = ClassDataArchive.prepare(settings.dataDir(), name, jar(name),
      settings.serviceJvm(), settings.serviceJvmOptions());
    List<String> jvm = new ArrayList<>(settings.serviceJvmOptions());
    jvm.addAll(launch.jvmOptions());
    return new ServiceProcess(name, settings.serviceJvm(), launch.jar(), conf(name), port, env, jvm,
      settings.dataDir().resolve(name + ".log"));
  }

  private Path jar(String service) {
    return settings.home().resolve(service + "-verticle/target/" + service + "-verticle.jar");
  }

  private Path conf(String service) {
    return settings.home().resolve("conf/" + service + ".json");
  }

  private void banner(long begin, Secrets secrets, ServiceProcess payment, ServiceProcess risk) {
    Path data = settings.dataDir();
    StringBuilder out = new StringBuilder("\n=== payguard is up (" + secondsSince(begin) + ") ===\n");
    if (payment != null) {
      String api = payment.baseUrl();
      out.append("Payment API   ").append(api).append("   (health: ").append(api).append("/health/ready)\n");
      out.append("Risk service  ").append(risk.baseUrl()).append("   (health: ").append(risk.baseUrl())
        .append("/health/ready)\n");
      out.append("API key       ").append(secrets.apiKey()).append("   (admin: every scope; all keys kept in ")
        .append(data.resolve("secrets.properties")).append(")\n");
      Secrets.ROLES.forEach((role, scopes) -> out.append(String.format("  %-10s  %s   (%s)%n", role,
        secrets.roleKeys().get(role), scopes.replace('+', ' '))));
      out.append("Console       ").append(api).append("/console   (sign in with one of the keys above)\n");
    }
    out.append("PostgreSQL    127.0.0.1:").append(settings.postgresPort()).append("   database payguard, roles ")
      .append(DatabaseBootstrap.PAYMENT_ROLE).append(" / ").append(DatabaseBootstrap.RISK_ROLE).append('\n');
    out.append("Kafka         127.0.0.1:").append(settings.kafkaPort()).append('\n');
    out.append("Data          ").append(data).append('\n');
    out.append("Logs          ").append(data.resolve("postgres.log")).append("\n              ")
      .append(data.resolve("kafka.log"));
    if (payment != null) {
      out.append("\n              ").append(payment.logFile()).append("\n              ").append(risk.logFile());
      out.append("\n\nTry it (the old demo's JSON; ids are optional, given here so the lines can be pasted):\n")
        .append(sampleCurl(payment.baseUrl(), secrets.apiKey()));
    }
    out.append("\nCtrl-C stops everything; the data stays for the next start.\n");
    System.out.println(out);
  }

  static String sampleCurl(String api, String apiKey) {
    return """
      curl -s -XPOST %1$s/users -H "Authorization: Bearer %5$s" -H 'Content-Type: application/json' \\
           -d '{"user_id":"%2$s","first_name":"Ada","last_name":"Lovelace"}'
      curl -s -XPOST %1$s/users -H "Authorization: Bearer %5$s" -H 'Content-Type: application/json' \\
           -d '{"user_id":"%3$s","first_name":"Alan","last_name":"Turing"}'
      curl -s -XPOST %1$s/payment_methods -H "Authorization: Bearer %5$s" -H 'Content-Type: application/json' \\
           -d '{"payment_method_id":"%4$s","name":"card"}'
      curl -s -XPOST %1$s/payments -H "Authorization: Bearer %5$s" -H 'Content-Type: application/json' \\
           -d '{"user_id":"%2$s","payee_id":"%3$s","payment_method_id":"%4$s","amount":"12.50","currency":"EUR"}'
      curl -s %1$s/payments -H "Authorization: Bearer %5$s"
      """.formatted(api, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), apiKey);
  }

  private static String secondsSince(long begin) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - begin) / 1e9);
  }

  private static void say(String message) {
    System.out.println("[payguard] " + message);
  }
}

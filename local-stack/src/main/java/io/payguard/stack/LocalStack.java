package io.payguard.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * README command 1: real PostgreSQL and real Kafka on this machine, the database roles and topics, then
 * both services as separate processes; stops everything on Ctrl-C. Data lives in PAYGUARD_DATA_DIR and
 * survives restarts.
 */
public final class LocalStack {

  private final StackSettings settings;
  private final List<AutoCloseable> started = new ArrayList<>();

  LocalStack(StackSettings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    StackSettings settings = StackSettings.fromEnvironment(System.getenv());
    LocalStack stack = new LocalStack(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.stopAll();
      stopped.countDown();
    }, "payguard-stop"));
    try {
      stack.startAll();
    } catch (RuntimeException e) {
      System.err.println("payguard local stack failed to start: " + e.getMessage());
      System.exit(1);
    }
    stopped.await();
  }

  void startAll() {
    long begin = System.nanoTime();
    Path data = settings.dataDir();
    Ports.requireFree(settings.postgresPort(), "PAYGUARD_PG_PORT");
    Ports.requireFree(settings.kafkaPort(), "PAYGUARD_KAFKA_PORT");
    Ports.requireFree(settings.kafkaControllerPort(), "PAYGUARD_KAFKA_PORT (controller uses port + 1)");
    if (settings.withServices()) {
      Ports.requireFree(settings.paymentPort(), "PAYGUARD_PAYMENT_PORT");
      Ports.requireFree(settings.riskPort(), "PAYGUARD_RISK_PORT");
    }
    Secrets secrets = Secrets.loadOrCreate(data.resolve("secrets.properties"));

    say("starting PostgreSQL on 127.0.0.1:" + settings.postgresPort());
    PostgresServer postgres = remember(new PostgresServer(data.resolve("postgres"), settings.postgresPort()).start());
    DatabaseBootstrap.apply(postgres, secrets.paymentDbPassword(), secrets.riskDbPassword());

    say("starting Kafka (KRaft) on 127.0.0.1:" + settings.kafkaPort());
    KafkaServer kafka = remember(new KafkaServer(data.resolve("kafka"), settings.kafkaPort(),
      settings.kafkaControllerPort()).start(Duration.ofSeconds(90)));
    kafka.createTopics(KafkaServer.PAYGUARD_TOPICS);

    if (!settings.withServices()) {
      banner(secrets, begin, null, null);
      return;
    }
    say("starting payment and risk services");
    ServiceProcess payment = remember(service("payment", settings.paymentPort(), DatabaseBootstrap.PAYMENT_ROLE,
      secrets.paymentDbPassword(), secrets, kafka).start());
    ServiceProcess risk = remember(service("risk", settings.riskPort(), DatabaseBootstrap.RISK_ROLE,
      secrets.riskDbPassword(), secrets, kafka).start());
    payment.awaitReady(Duration.ofSeconds(90));
    risk.awaitReady(Duration.ofSeconds(90));
    banner(secrets, begin, payment, risk);
  }

  private ServiceProcess service(String name, int port, String role, String password, Secrets secrets,
                                 KafkaServer kafka) {
    Map<String, String> env = Map.of(
      "PAYGUARD_DB_HOST", "127.0.0.1",
      "PAYGUARD_DB_PORT", String.valueOf(settings.postgresPort()),
      "PAYGUARD_DB_DATABASE", DatabaseBootstrap.DATABASE,
      "PAYGUARD_DB_USER", role,
      "PAYGUARD_DB_PASSWORD", password,
      "PAYGUARD_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
      "PAYGUARD_HTTP_PORT", String.valueOf(port),
      "PAYGUARD_API_KEY", secrets.apiKey(),
      "PAYGUARD_RULES_FILE", settings.home().resolve("conf/risk-rules.json").toString());
    return new ServiceProcess(name,
      settings.home().resolve(name + "-verticle/target/" + name + "-verticle.jar"),
      settings.home().resolve("conf/" + name + ".json"),
      port, env, List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC"),
      settings.dataDir().resolve(name + ".log"));
  }

  synchronized void stopAll() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e.getMessage());
      }
    }
    if (!started.isEmpty()) {
      say("stopped");
    }
    started.clear();
  }

  private synchronized <T extends AutoCloseable> T remember(T resource) {
    started.add(resource);
    return resource;
  }

  private void banner(Secrets secrets, long begin, ServiceProcess payment, ServiceProcess risk) {
    long seconds = (System.nanoTime() - begin) / 1_000_000_000L;
    StringBuilder out = new StringBuilder("\n=== payguard is up (" + seconds + " s) ===\n");
    out.append("PostgreSQL   127.0.0.1:").append(settings.postgresPort()).append("  database payguard\n");
    out.append("Kafka        127.0.0.1:").append(settings.kafkaPort()).append('\n');
    out.append("Data         ").append(settings.dataDir()).append("  (logs: *.log there)\n");
    if (payment != null) {
      String api = payment.baseUrl();
      out.append("Payment API  ").append(api).append("   health: ").append(api).append("/health/ready\n");
      out.append("Risk service ").append(risk.baseUrl()).append("   health: ").append(risk.baseUrl())
        .append("/health/ready\n");
      out.append("API key      ").append(secrets.apiKey())
        .append("  (send as 'Authorization: Bearer <key>' once API keys are enforced)\n");
      out.append("\nTry it (the old demo's JSON):\n").append(sampleCurl(api));
    }
    out.append("\nCtrl-C stops everything; data stays in ").append(settings.dataDir()).append('\n');
    System.out.println(out);
  }

  static String sampleCurl(String api) {
    String payer = java.util.UUID.randomUUID().toString();
    String payee = java.util.UUID.randomUUID().toString();
    String method = java.util.UUID.randomUUID().toString();
    return """
      curl -s -XPOST %1$s/users -H 'Content-Type: application/json' \\
           -d '{"user_id":"%2$s","first_name":"Ada","last_name":"Lovelace"}'
      curl -s -XPOST %1$s/users -H 'Content-Type: application/json' \\
           -d '{"user_id":"%3$s","first_name":"Alan","last_name":"Turing"}'
      curl -s -XPOST %1$s/payment_methods -H 'Content-Type: application/json' \\
           -d '{"payment_method_id":"%4$s","name":"card"}'
      curl -s -XPOST %1$s/payments -H 'Content-Type: application/json' \\
           -d '{"user_id":"%2$s","payee_id":"%3$s","payment_method_id":"%4$s","amount":"12.50","currency":"EUR"}'
      curl -s %1$s/payments
      """.formatted(api, payer, payee, method);
  }

  private static void say(String message) {
    System.out.println("[payguard] " + message);
  }
}

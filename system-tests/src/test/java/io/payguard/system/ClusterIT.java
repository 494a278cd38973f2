package io.payguard.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.events.Topics;
import io.payguard.kafka.KafkaClients;
import io.payguard.testsupport.ApiClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker/cluster.yaml on a container engine: three KRaft brokers, two payment and two risk instances behind
 * HAProxy, TLS to the clients, the database and the brokers. Checks the deployment is what it says
 * (replication, partitions, one consumer group), that plain text is refused where TLS is required, then
 * breaks it under a steady stream of payments through the load balancer: the broker leading
 * payment_request killed, a payment instance killed, the risk instances rolled. Every accepted payment is
 * assessed exactly once, and the replay of the rules in force reproduces every score, a lagging partition
 * included. Prints the counts, the HTTP p99 and the decision lag of each fault.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  // Three brokers, four service JVMs, PostgreSQL and TLS on every hop share this machine's two cores.
  private static final int RATE = 20;
  private static final int PARTITIONS = 12;
  private static final Duration RECOVERY = Duration.ofSeconds(180);
  private static final List<String> INSTANCES = List.of("payment-1", "payment-2", "risk-1", "risk-2");
  private static PrivateCa ca;
  private static ComposeStack stack;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(ComposeStack.available(), "no container engine and images (run docker/images.sh)");
    ca = PrivateCa.make();
    stack = ComposeStack.cluster(ca);
    long started = System.nanoTime();
    stack.up();
    for (String instance : INSTANCES) {
      stack.awaitHealthy(instance, RECOVERY);
    }
    stack.awaitReady(stack.paymentUrl(), RECOVERY);
    stack.awaitReady(stack.riskUrl(), RECOVERY);
    System.out.printf("cluster: compose up to every instance healthy behind the load balancer in %.1f s%n",
      (System.nanoTime() - started) / 1e9);
    api = stack.api(stack.paymentUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
    if (ca != null) {
      ca.delete();
    }
  }

  @Test
  @Order(1)
  void theClusterIsDeployedAsDescribed() throws Exception {
    RiskScenarios scenarios = new RiskScenarios(api);
    RiskScenarios.expect(scenarios.pay(scenarios.user(), scenarios.user(), scenarios.method(), "25.00"), 20,
      "APPROVED", "NEW_PAYMENT_METHOD", "NEW_PAYEE");
    assertThat(stack.api(stack.riskUrl()).get("/rules").status()).isEqualTo(200);

    try (Admin admin = admin(true)) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).extracting(Node::id)
        .containsExactlyInAnyOrder(1, 2, 3);
      for (String topic : List.of(Topics.PAYMENT_REQUEST, Topics.RISK_ASSESSMENT)) {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(topic);
        assertThat(description.partitions()).hasSize(PARTITIONS);
        assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
          .get("min.insync.replicas").value()).isEqualTo("2");
      }
      awaitGroupMembers(admin, "risk-service", 2);
    }
  }

  @Test
  @Order(2)
  void plainTextIsRefusedWhereTheClusterRequiresTls() throws Exception {
    // PostgreSQL: rejected by pg_hba before any password is looked at; the same login over TLS works.
    assertThatThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl() + "?sslmode=disable", "postgres",
      stack.postgresPassword()).close()).isInstanceOf(SQLException.class).hasMessageContaining("no encryption");
    try (var tls = stack.database(); var rs = tls.createStatement().executeQuery("SELECT ssl FROM pg_stat_ssl"
      + " WHERE pid = pg_backend_pid()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).as("the test's own connection is encrypted").isTrue();
    }
    try (var c = stack.database(); var rs = c.createStatement().executeQuery("SELECT count(*) FILTER (WHERE ssl),"
      + " count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE usename IN ('payment_svc', 'risk_svc')")) {
      rs.next();
      assertThat(rs.getLong(2)).as("the services' connections").isPositive();
      assertThat(rs.getLong(1)).as("of which encrypted").isEqualTo(rs.getLong(2));
    }

    // Kafka: a plain-text client learns nothing from a TLS listener; the same client over TLS does.
    try (Admin plain = admin(false)) {
      assertThatThrownBy(() -> plain.describeCluster().nodes().get(15, TimeUnit.SECONDS)).isNotNull();
    }
    try (Admin tls = admin(true)) {
      assertThat(tls.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
    }

    // The load balancer speaks HTTPS only: a plain HTTP request gets no HTTP reply at all.
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String plainUrl = stack.paymentUrl().replace("https://", "http://") + "/health/ready";
    assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(plainUrl)).timeout(Duration.ofSeconds(5))
      .build(), HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
  }

  @Test
  @Order(3)
  void killingTheBrokerThatLeadsPaymentRequestLosesNothing() throws Exception {
    int leader;
    try (Admin admin = admin(true)) {
      Map<Integer, Long> led = partitions(admin, Topics.PAYMENT_REQUEST).stream()
        .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
      leader = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      System.out.printf("payment_request leaders by broker: %s; killing kafka-%d%n", led, leader);
    }
    String broker = "kafka-" + leader;
    int restarts = Integer.parseInt(stack.inspect(broker, "{{.RestartCount}}"));
    underLoad("kill -9 " + broker + " (leader of payment_request)", load -> {
      long killed = System.nanoTime();
      stack.crash(broker);
      // The others take over the partitions it led while it is down; its restart policy brings it back,
      // and it has recovered once it is in sync again on every partition.
      try (Admin admin = admin(true)) {
        awaitLeadersOtherThan(admin, leader);
        awaitFullyReplicated(admin);
      }
      return Duration.ofNanos(System.nanoTime() - killed);
    });
    assertThat(Integer.parseInt(stack.inspect(broker, "{{.RestartCount}}"))).as("restarted by its policy")
      .isEqualTo(restarts + 1);
  }

  @Test
  @Order(4)
  void killingAPaymentInstanceTheLoadBalancerRoutesAroundIt() throws Exception {
    SteadyLoad load = underLoad("kill -9 payment-1", l -> {
      int restarts = Integer.parseInt(stack.inspect("payment-1", "{{.RestartCount}}"));
      long killed = System.nanoTime();
      stack.crash("payment-1");
      // Healthy again means healthy after the restart its policy makes, not the state before the kill.
      while (Integer.parseInt(stack.inspect("payment-1", "{{.RestartCount}}")) == restarts
        && System.nanoTime() - killed < RECOVERY.toNanos()) {
        Thread.sleep(200);
      }
      stack.awaitHealthy("payment-1", RECOVERY);
      return Duration.ofNanos(System.nanoTime() - killed);
    });
    // What a client could see: the requests payment-1 held when it died (502 from the load balancer, or
    // no reply). Requests sent after it died go to payment-2: the load balancer re-sends a request whose
    // connection failed (it reached no instance) and cuts the sessions of an instance it marks down. A
    // 503 with Retry-After is an instance refusing work it could not do in time, writing nothing.
    int refused = load.shed() + load.pastDeadline();
    int failed = load.noReply() + load.statuses().entrySet().stream().filter(e -> e.getKey() >= 500)
      .mapToInt(Map.Entry::getValue).sum() - refused;
    System.out.printf("kill -9 payment-1: client-visible failures %d (no reply %d), refusals with Retry-After %d,"
      + " of %d requests%n", failed, load.noReply(), refused,
      load.statuses().values().stream().mapToInt(Integer::intValue).sum() + load.noReply());
    assertThat(failed).as("failures: at most the requests in flight on the instance that died").isLessThanOrEqualTo(RATE);
    assertThat(load.unavailableWithoutRetryAfter()).as("503s without Retry-After (the load balancer's own)").isZero();
  }

  @Test
  @Order(5)
  void rollingTheRiskInstancesOneAfterTheOtherLosesNothing() throws Exception {
    underLoad("roll risk-1 then risk-2", load -> {
      long started = System.nanoTime();
      for (String instance : List.of("risk-1", "risk-2")) {
        long step = System.nanoTime();
        stack.stop(instance);
        long stopped = System.nanoTime();
        stack.start(instance);
        Duration healthy = stack.awaitHealthy(instance, RECOVERY);
        try (Admin admin = admin(true)) {
          awaitGroupMembers(admin, "risk-service", 2);
        }
        System.out.printf("rolled %s: stopped in %.1f s, healthy %.1f s after start, both in the group after %.1f s%n",
          instance, (stopped - step) / 1e9, healthy.toMillis() / 1000.0, (System.nanoTime() - step) / 1e9);
      }
      return Duration.ofNanos(System.nanoTime() - started);
    });
  }

  @Test
  @Order(6)
  void replayReproducesEveryScoreOnTheClusterWithALaggingPartition() throws Exception {
    Map<String, Object> kafka = new HashMap<>(KafkaClients.admin(ca.kafka(externalBootstrap(), true), "replay"));
    new ReplayScenario(api, stack.api(stack.riskUrl()), kafka, PARTITIONS, stack::database).runAndReplay(400);
  }

  private static String externalBootstrap() {
    return "localhost:" + stack.port("PAYGUARD_KAFKA_1_PORT") + ",localhost:" + stack.port("PAYGUARD_KAFKA_2_PORT")
      + ",localhost:" + stack.port("PAYGUARD_KAFKA_3_PORT");
  }

  /** An admin client on the brokers' external listeners, over TLS or (to see it refused) in plain text. */
  private static Admin admin(boolean tls) {
    Map<String, Object> config = new HashMap<>(KafkaClients.admin(ca.kafka(externalBootstrap(), tls), "admin"));
    config.put("request.timeout.ms", 5_000);
    config.put("default.api.timeout.ms", 15_000);
    return Admin.create(config);
  }

  private static List<TopicPartitionInfo> partitions(Admin admin, String topic) throws Exception {
    return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions();
  }

  private static void awaitLeadersOtherThan(Admin admin, int broker) throws Exception {
    awaitPartitions(admin, p -> p.leader() != null && p.leader().id() != broker, "led by a broker other than " + broker);
  }

  /** Every partition of both event topics with all three replicas in sync again. */
  private static void awaitFullyReplicated(Admin admin) throws Exception {
    awaitPartitions(admin, p -> p.isr().size() == 3, "with three replicas in sync");
  }

  private static void awaitPartitions(Admin admin, Function<TopicPartitionInfo, Boolean> condition, String what)
    throws Exception {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    long started = System.nanoTime();
    while (System.nanoTime() < deadline) {
      try {
        if (partitions(admin, Topics.PAYMENT_REQUEST).stream().allMatch(condition::apply)
          && partitions(admin, Topics.RISK_ASSESSMENT).stream().allMatch(condition::apply)) {
          System.out.printf("every partition %s after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
          return;
        }
      } catch (Exception whileElecting) {
        // metadata from a broker that is going away: ask again
      }
      Thread.sleep(500);
    }
    throw new AssertionError("partitions not all " + what + " within " + RECOVERY);
  }

  private static void awaitGroupMembers(Admin admin, String group, int members) throws Exception {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    int seen = -1;
    while (System.nanoTime() < deadline) {
      ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
        .get(30, TimeUnit.SECONDS).get(group);
      seen = description.members().size();
      if (seen == members && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(group + " has " + seen + " members with partitions, not " + members);
  }

  /** What is done to the cluster while payments stream in; returns how long it took to recover. */
  private interface Fault {
    Duration inject(SteadyLoad load) throws Exception;
  }

  /**
   * A steady stream through the load balancer, the fault three seconds in, three more seconds once it
   * recovered; then every accepted payment assessed and decided exactly once, with the HTTP p99 from the
   * fault on and the decision lag (accepted to assessed) of the whole run.
   */
  private static SteadyLoad underLoad(String name, Fault fault) throws Exception {
    try (SteadyLoad load = new SteadyLoad(List.of(stack.paymentUrl()), 32, stack.http())) {
      load.start(RATE);
      Thread.sleep(3_000);
      load.resetStatuses();
      long injected = System.nanoTime();
      Duration recovery = fault.inject(load);
      Thread.sleep(3_000);
      load.stop();
      ExactlyOnce.Counts counts = ExactlyOnce.await(stack::database, load.accepted(), RECOVERY);
      ExactlyOnce.Lag lag = ExactlyOnce.lag(stack::database, load.accepted());
      System.out.printf("cluster fault=%s accepted=%d assessed=%d decided=%d lost=%d duplicated=%d recovery_s=%.1f"
          + " all_decided_after_s=%.1f http_p99_ms=%d decision_lag_ms p50=%d p99=%d max=%d statuses=%s no_reply=%d"
        + " (503: shed %d, past deadline %d)%n",
        name, counts.accepted(), counts.assessed(), counts.decided(), counts.lost(), counts.duplicated(),
        recovery.toMillis() / 1000.0, (System.nanoTime() - injected) / 1e9, load.replyQuantileMillis(0.99),
        lag.p50Millis(), lag.p99Millis(), lag.maxMillis(), load.statuses(), load.noReply(), load.shed(),
        load.pastDeadline());
      assertThat(counts.accepted()).as("payments accepted around the fault").isGreaterThan(100);
      assertThat(counts.lost()).as("lost").isZero();
      assertThat(counts.duplicated()).as("duplicated").isZero();
      return load;
    }
  }
}

package io.payguard.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.events.PaymentRequested;
import io.payguard.events.Topics;
import io.payguard.json.Json;
import io.payguard.testsupport.ApiClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Simulating the rules in force changes nothing", for traffic that makes history arrive out of order,
 * on any deployment with two risk instances in one group (processes in ReplayIT, the cluster in ClusterIT):
 * payments held back on one partition while later ones of the same payers and payees are scored first,
 * then a burst over many connections from few payers to shared payees. A replay must read exactly the
 * history each assessment was made on (docs/RISK.md, "History").
 */
final class ReplayScenario {

  private final ApiClient payments;
  private final ApiClient risk;
  private final Map<String, Object> kafka;
  private final int partitions;
  private final Callable<Connection> database;

  /**
   * {@code kafka}: a producer's bootstrap servers and transport; {@code partitions}: payment_request's
   * partition count there; {@code database}: a connection that reads both services' schemas.
   */
  ReplayScenario(ApiClient payments, ApiClient risk, Map<String, Object> kafka, int partitions,
                 Callable<Connection> database) {
    this.payments = payments;
    this.risk = risk;
    this.kafka = Map.copyOf(kafka);
    this.partitions = partitions;
    this.database = database;
  }

  /**
   * The held-back partition, then a burst of {@code burstTotal} payments over 32 connections, then the
   * rules in force replayed over the latest 5,000 assessments stored (the simulation's bound), this scene
   * and the burst among them: no score and no decision may change.
   */
  void runAndReplay(int burstTotal) throws Exception {
    long before = scalar("SELECT count(*) FROM risk_schema.auth_request");
    int heldBack = heldBackPartitionTraffic(before);
    int burst = burst(6, 3, 32, burstTotal);
    awaitAssessments(before + heldBack + burst, Duration.ofSeconds(180));

    // The simulation replays at most the latest 5,000: this scene and the burst are among them.
    long stored = Math.min(5_000, scalar("SELECT count(*) FROM risk_schema.auth_request"));
    JsonNode rules = risk.get("/rules").json().get("document");
    ApiClient.Reply replay = risk.post("/rules/simulate", Map.of("rules", rules, "last", stored));
    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    JsonNode result = replay.json();
    System.out.printf("replay after held-back partition (%d) and burst (%d): evaluated=%s scores_changed=%s"
      + " decisions_changed=%s%n", heldBack, burst, result.get("evaluated"), result.get("scores_changed"),
      result.get("changed"));
    assertThat(result.get("evaluated").asLong()).isEqualTo(stored);
    assertThat(result.get("scores_changed").asInt()).as(replay.body()).isZero();
    assertThat(result.get("changed").asInt()).as(replay.body()).isZero();
  }

  /**
   * Payments made first but published last, all on one partition: four payers pay payee X, and payer V
   * makes five payments, each at T0 + a few ms, held back until the later payments of this scene (a
   * fifth payer of X at T0 + 50 ms, V's sixth payment) have been scored. Scored first, those later
   * payments saw none of the held-back ones; replayed naively over everything stored they would gain
   * MULE_PATTERN and VELOCITY_10M. The test checks the hazard really happened.
   */
  private int heldBackPartitionTraffic(long before) throws Exception {
    int delayed = 0;
    UUID payee = UUID.randomUUID();
    UUID method = UUID.randomUUID();
    List<UUID> heldPayers = usersOnPartition(delayed, 5);
    UUID velocityPayer = heldPayers.get(4);
    UUID lastPayer = userOnOtherPartition(delayed);
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    List<PaymentRequested> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      held.add(payment(heldPayers.get(i), payee, method, "25.00", t0.plusNanos((i + 1) * 1_000_000L)));
    }
    for (int i = 0; i < 5; i++) {
      held.add(payment(velocityPayer, UUID.randomUUID(), method, "10.00", t0.plusNanos((10 + i) * 1_000_000L)));
    }
    PaymentRequested fifthPayer = payment(lastPayer, payee, method, "25.00", t0.plusNanos(50_000_000L));
    PaymentRequested sixthPayment = payment(velocityPayer, UUID.randomUUID(), method, "10.00",
      t0.plusNanos(60_000_000L));

    publish(List.of(fifthPayer, sixthPayment));
    awaitAssessments(before + 2, Duration.ofSeconds(60));
    publish(held);
    awaitAssessments(before + 2 + held.size(), Duration.ofSeconds(60));

    assertThat(reasons(fifthPayer)).doesNotContain("MULE_PATTERN");
    assertThat(reasons(sixthPayment)).doesNotContain("VELOCITY_10M");
    // The hazard: payments made earlier than these two, to the same payee or by the same payer, were
    // stored after them; a replay over everything stored would see them.
    assertThat(scalar("SELECT count(*) FROM risk_schema.auth_request later JOIN risk_schema.auth_request"
      + " earlier ON (earlier.payee_id = later.payee_id OR earlier.user_id = later.user_id)"
      + " AND earlier.payment_created_at < later.payment_created_at AND earlier.txid > later.txid"
      + " WHERE later.auth_request_id IN ('" + fifthPayer.paymentRequestId() + "', '"
      + sixthPayment.paymentRequestId() + "')")).isEqualTo(9);
    return 2 + held.size();
  }

  /** {@code total} payments from {@code payers} payers to {@code payees} shared payees over many connections. */
  private int burst(int payers, int payees, int connections, int total) throws Exception {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < payers + payees; i++) {
      users.add(payments.post("/users", Map.of("first_name", "Burst", "last_name", "User" + i)).json()
        .get("user_id").asText());
    }
    String method = payments.post("/payment_methods", Map.of("name", "card")).json().get("payment_method_id").asText();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(connections);
    for (int c = 0; c < connections; c++) {
      Random random = new Random(c);
      senders.execute(() -> {
        ApiClient api = payments;
        while (next.incrementAndGet() <= total) {
          String payer = users.get(random.nextInt(payers));
          String payee = users.get(payers + random.nextInt(payees));
          try {
            if (postUntilAdmitted(api, Map.of("user_id", payer, "payee_id", payee, "payment_method_id", method,
              "amount", (1 + random.nextInt(900)) + ".00", "currency", "EUR")).status() == 201) {
              accepted.incrementAndGet();
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
    }
    senders.shutdown();
    assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    assertThat(accepted.get()).isEqualTo(total);
    return total;
  }

  /**
   * As a well-behaved client: a payment the load shedder refused (503 with {@code Retry-After}, nothing
   * written) is sent again after the time it names. A burst over 32 connections may be shed on a slow box.
   */
  private static ApiClient.Reply postUntilAdmitted(ApiClient api, Map<String, ?> body) throws Exception {
    for (int attempt = 1; ; attempt++) {
      ApiClient.Reply reply = api.post("/payments", body);
      var retryAfter = reply.headers().firstValue("Retry-After");
      if (reply.status() != 503 || retryAfter.isEmpty() || attempt == 10) {
        return reply;
      }
      Thread.sleep(Long.parseLong(retryAfter.get()) * 1_000);
    }
  }

  private static PaymentRequested payment(UUID payer, UUID payee, UUID method, String amount, OffsetDateTime at) {
    return new PaymentRequested(UUID.randomUUID(), payer, payee, method, amount, "EUR", at);
  }

  /** As the payment service's outbox relay publishes: keyed by payer, so a payer's partition is fixed. */
  private void publish(List<PaymentRequested> events) throws Exception {
    Map<String, Object> config = new HashMap<>(kafka);
    config.put("acks", "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
      new StringSerializer())) {
      for (PaymentRequested event : events) {
        producer.send(new ProducerRecord<>(Topics.PAYMENT_REQUEST, event.userId().toString(), Json.string(event)))
          .get();
      }
    }
  }

  /** Kafka's default partitioner for a key: murmur2 of its bytes. */
  private int partitionOf(UUID user) {
    return Utils.toPositive(Utils.murmur2(user.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private List<UUID> usersOnPartition(int partition, int count) {
    List<UUID> users = new ArrayList<>();
    while (users.size() < count) {
      UUID user = UUID.randomUUID();
      if (partitionOf(user) == partition) {
        users.add(user);
      }
    }
    return users;
  }

  private UUID userOnOtherPartition(int partition) {
    UUID user = UUID.randomUUID();
    while (partitionOf(user) == partition) {
      user = UUID.randomUUID();
    }
    return user;
  }

  private String reasons(PaymentRequested payment) throws Exception {
    try (Connection c = database.call();
         ResultSet rs = c.createStatement().executeQuery("SELECT reasons::text FROM risk_schema.auth_request"
           + " WHERE auth_request_id = '" + payment.paymentRequestId() + "'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private void awaitAssessments(long rows, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long stored = scalar("SELECT count(*) FROM risk_schema.auth_request");
    while (stored < rows && System.nanoTime() < deadline) {
      Thread.sleep(100);
      stored = scalar("SELECT count(*) FROM risk_schema.auth_request");
    }
    if (stored < rows) {
      throw new AssertionError(stored + " of " + rows + " assessments stored within " + timeout);
    }
  }

  private long scalar(String sql) throws Exception {
    try (Connection c = database.call(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

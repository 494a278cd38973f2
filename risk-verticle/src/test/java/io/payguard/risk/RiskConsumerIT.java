package io.payguard.risk;

import io.payguard.testsupport.ApiClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.PrometheusText;
import io.payguard.testsupport.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The risk service against real Kafka and PostgreSQL, fed directly on its input topic. */
class RiskConsumerIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("risk", RiskVerticle::new);
  private static final TestStack stack = TestStack.shared();

  private static String paymentRequest(UUID id, UUID user, String amount) {
    return paymentRequest(id, user, UUID.randomUUID(), amount);
  }

  private static String paymentRequest(UUID id, UUID user, UUID payee, String amount) {
    return """
      {"payment_request_id":"%s","user_id":"%s","payee_id":"%s","payment_method_id":"%s",
       "amount":"%s","currency":"EUR","created_at":"%s"}"""
      .formatted(id, user, payee, UUID.randomUUID(), amount, java.time.OffsetDateTime.now());
  }

  @Test
  void aPaymentRequestIsStoredAsAnAuthRequestWithTheSameIdAmountAndAScore() throws Exception {
    UUID id = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    stack.produce("payment_request", user.toString(), paymentRequest(id, user, "1234.500000"));

    stack.await(Duration.ofSeconds(15), () ->
      stack.count("SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id = '" + id + "'") == 1);
    assertThat(stack.queryDecimal("SELECT amount FROM risk_schema.auth_request WHERE auth_request_id = ?", id))
      .isEqualTo(new BigDecimal("1234.500000"));
    // A first payment: new payment method (10) and new payee (10).
    assertThat(stack.count("SELECT risk_score FROM risk_schema.auth_request WHERE auth_request_id = '" + id + "'"))
      .isEqualTo(20);
    assertThat(stack.count("SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id = '" + id
      + "' AND user_id = '" + user + "'")).isEqualTo(1);

    ConsumerRecord<String, String> published = stack.awaitRecord("risk_assessment",
      r -> r.value().contains(id.toString()), Duration.ofSeconds(15));
    assertThat(published.key()).isEqualTo(user.toString());
    JsonNode decision = ApiClient.parse(published.value());
    assertThat(decision.get("risk_score").asInt()).isEqualTo(20);
    assertThat(decision.get("decision").asText()).isEqualTo("APPROVE");
    assertThat(decision.get("reasons").findValuesAsText("code")).containsExactly("NEW_PAYMENT_METHOD", "NEW_PAYEE");
    assertThat(decision.get("rules_version").asText()).startsWith("rules-");
  }

  @Test
  void aLargeAmountIsHeldForReviewAndASelfPaymentDeclined() throws Exception {
    UUID review = UUID.randomUUID();
    UUID decline = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    // 40 over the limit + 20 for a first payment = 60: REVIEW. 60 self-payment + 20 = 80: DECLINE.
    stack.produce("payment_request", user.toString(), paymentRequest(review, user, "6000.00"));
    stack.produce("payment_request", user.toString(), paymentRequest(decline, user, user, "10"));
    assertThat(ApiClient.parse(stack.awaitRecord("risk_assessment", r -> r.value().contains(review.toString()),
      Duration.ofSeconds(15)).value()).get("decision").asText()).isEqualTo("REVIEW");
    assertThat(ApiClient.parse(stack.awaitRecord("risk_assessment", r -> r.value().contains(decline.toString()),
      Duration.ofSeconds(15)).value()).get("decision").asText()).isEqualTo("DECLINE");
    assertThat(stack.queryString("SELECT decision FROM risk_schema.auth_request WHERE auth_request_id = ?", decline))
      .isEqualTo("DECLINE");
  }

  @Test
  void aRedeliveredPaymentRequestChangesNothing() throws Exception {
    UUID id = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    String message = paymentRequest(id, user, "50");
    stack.produce("payment_request", user.toString(), message);
    stack.await(Duration.ofSeconds(15), () ->
      stack.count("SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id = '" + id + "'") == 1);
    String firstCreatedAt = stack.queryString(
      "SELECT created_at::text FROM risk_schema.auth_request WHERE auth_request_id = ?", id);

    // The same message again, then a marker behind it on the same partition (same key).
    UUID marker = UUID.randomUUID();
    stack.produce("payment_request", user.toString(), message);
    stack.produce("payment_request", user.toString(), paymentRequest(marker, user, "1"));
    stack.await(Duration.ofSeconds(15), () ->
      stack.count("SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id = '" + marker + "'") == 1);

    assertThat(stack.count("SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id = '" + id + "'"))
      .isEqualTo(1);
    assertThat(stack.queryString("SELECT created_at::text FROM risk_schema.auth_request WHERE auth_request_id = ?",
      id)).isEqualTo(firstCreatedAt);
    // The redelivery re-emits the first decision, identical, so a decision lost downstream is re-sent.
    List<ConsumerRecord<String, String>> decisions = stack.awaitRecords("risk_assessment",
      r -> r.value().contains(id.toString()), 2, Duration.ofSeconds(15));
    assertThat(decisions).extracting(ConsumerRecord::value).containsOnly(decisions.get(0).value());
  }

  @Test
  void aPoisonMessageGoesToTheDeadLetterTopicAndThePartitionKeepsMoving() throws Exception {
    UUID user = UUID.randomUUID();
    String poison = "{\"payment_request_id\": \"not-a-uuid\", \"poison\": " + UUID.randomUUID().toString().length() + "}"
      + UUID.randomUUID();
    stack.produce("payment_request", user.toString(), poison);
    UUID after = UUID.randomUUID();
    stack.produce("payment_request", user.toString(), paymentRequest(after, user, "10"));

    ConsumerRecord<String, String> dead = stack.awaitRecord("payment_request.dlq",
      r -> poison.equals(r.value()), Duration.ofSeconds(15));
    assertThat(dead.key()).isEqualTo(user.toString());
    assertThat(new String(dead.headers().lastHeader("payguard.error").value(), StandardCharsets.UTF_8))
      .isNotBlank();
    assertThat(new String(dead.headers().lastHeader("payguard.source.topic").value(), StandardCharsets.UTF_8))
      .isEqualTo("payment_request");
    stack.await(Duration.ofSeconds(15), () ->
      stack.count("SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id = '" + after + "'") == 1);
  }

  @Test
  void aBurstScoredManyAtATimeScoresExactlyAsOneAtATime() throws Exception {
    // Few payers and payees, so the burst is full of payments that must see each other (velocity, new
    // payee, mule, structuring). The replay (/rules/simulate) scores each payment alone against the stored
    // history before it: the batched scoring must agree with it on every score.
    List<UUID> payers = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    List<UUID> payees = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    java.time.OffsetDateTime start = java.time.OffsetDateTime.now();
    java.util.Random random = new java.util.Random(7);
    List<UUID> ids = new java.util.ArrayList<>();
    List<java.util.Map.Entry<String, String>> burst = new java.util.ArrayList<>();
    for (int i = 0; i < 150; i++) {
      UUID id = UUID.randomUUID();
      UUID payer = payers.get(random.nextInt(payers.size()));
      String amount = random.nextInt(4) == 0 ? "4700.00" : (10 + random.nextInt(900)) + ".50";
      burst.add(java.util.Map.entry(payer.toString(), """
        {"payment_request_id":"%s","user_id":"%s","payee_id":"%s","payment_method_id":"%s",
         "amount":"%s","currency":"EUR","created_at":"%s"}""".formatted(id, payer,
        payees.get(random.nextInt(payees.size())), payers.get(0), amount, start.plusNanos(i * 1000L))));
      ids.add(id);
    }
    stack.produceAll("payment_request", burst);
    String in = ids.stream().map(id -> "'" + id + "'").collect(java.util.stream.Collectors.joining(","));
    stack.await(Duration.ofSeconds(30), () ->
      stack.count("SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id IN (" + in + ")") == 150);
    assertThat(stack.count("SELECT count(DISTINCT risk_score) FROM risk_schema.auth_request WHERE auth_request_id IN ("
      + in + ")")).as("the burst exercises several rules").isGreaterThan(3);

    ApiClient api = new ApiClient(service.baseUrl());
    JsonNode active = api.get("/rules").json();
    // Only the burst (the latest rows): rows other tests stored under other rules would not replay equal.
    ApiClient.Reply replay = api.postRaw("/rules/simulate", "{\"last\": 150, \"rules\": " + active.get("document") + "}");
    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    assertThat(replay.json().get("evaluated").asInt()).isEqualTo(150);
    assertThat(replay.json().get("scores_changed").asInt()).as(replay.body()).isZero();
  }

  @Test
  void healthIsReadyWithDatabaseAndKafkaUp() throws Exception {
    ApiClient api = new ApiClient(service.baseUrl());
    ApiClient.Reply ready = api.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("status").asText()).isEqualTo("UP");
    assertThat(api.get("/nope").status()).isEqualTo(404);
  }

  @Test
  void theRequestIdThatCameWithAPaymentGoesOnWithItsDecision() throws Exception {
    UUID id = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    String requestId = "risk-trace-" + UUID.randomUUID();
    stack.produce("payment_request", user.toString(), paymentRequest(id, user, "25"),
      java.util.Map.of("payguard.payment_id", id.toString(), "payguard.request_id", requestId));
    ConsumerRecord<String, String> decision = stack.awaitRecord("risk_assessment",
      r -> r.value().contains(id.toString()), Duration.ofSeconds(15));
    assertThat(TestStack.header(decision, "payguard.payment_id")).isEqualTo(id.toString());
    assertThat(TestStack.header(decision, "payguard.request_id")).isEqualTo(requestId);
  }

  @Test
  void metricsCountDecisionsDeadLettersAndShowLagAndBacklog() throws Exception {
    ApiClient anonymous = new ApiClient(service.baseUrl()).withoutApiKey();
    PrometheusText before = new PrometheusText(anonymous.get("/metrics").body());
    double approvedBefore = before.value("payguard_decisions_total", java.util.Map.of("decision", "APPROVE")).orElse(0);
    double deadBefore = before.value("payguard_dead_letters_total",
      java.util.Map.of("topic", "payment_request.dlq")).orElse(0);

    UUID user = UUID.randomUUID();
    UUID approved = UUID.randomUUID();
    stack.produce("payment_request", user.toString(), paymentRequest(approved, user, "10"));
    stack.produce("payment_request", user.toString(), "not a payment request " + UUID.randomUUID());
    UUID after = UUID.randomUUID();
    stack.produce("payment_request", user.toString(), paymentRequest(after, user, "11"));
    stack.await(Duration.ofSeconds(15), () ->
      stack.count("SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id = '" + after + "'") == 1);

    stack.await(Duration.ofSeconds(20), () -> new PrometheusText(anonymous.get("/metrics").body())
      .value("payguard_outbox_backlog", java.util.Map.of("schema", "risk_schema")).orElse(Double.NaN) >= 0);
    PrometheusText metrics = new PrometheusText(anonymous.get("/metrics").body());
    assertThat(metrics.value("payguard_decisions_total", java.util.Map.of("decision", "APPROVE")).orElse(0))
      .as("two new payments approved").isGreaterThanOrEqualTo(approvedBefore + 2);
    assertThat(metrics.value("payguard_decisions_total", java.util.Map.of("decision", "DECLINE"))).isPresent();
    assertThat(metrics.value("payguard_dead_letters_total", java.util.Map.of("topic", "payment_request.dlq"))
      .orElse(0)).isEqualTo(deadBefore + 1);
    assertThat(metrics.value("payguard_consumer_records_lag_max", java.util.Map.of("topic", "payment_request")))
      .as("consumer lag gauge").isPresent();
    assertThat(metrics.value("payguard_outbox_published_total", java.util.Map.of("schema", "risk_schema"))
      .orElse(0)).isGreaterThanOrEqualTo(2);
    assertThat(metrics.hasSample("vertx_pool_", "pool_type=\"sql\"")).as("PG pool metrics").isTrue();
  }
}

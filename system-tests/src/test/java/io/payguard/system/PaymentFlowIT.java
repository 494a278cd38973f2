package io.payguard.system;

import io.payguard.events.Topics;
import io.payguard.payment.PaymentVerticle;
import io.payguard.risk.RiskVerticle;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.EventContract;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Both services, wired only through Kafka, with the old demo's client calls. */
class PaymentFlowIT {

  private static TestStack stack;
  private static Services.Running payment;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStack.shared();
    payment = Services.start(stack, "payment", PaymentVerticle::new);
    api = new ApiClient(payment.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    payment.close();
  }

  @Test
  void aPaymentPostedWithTheOldDemosJsonIsAssessedUnderItsOwnId() throws Exception {
    try (Services.Running risk = Services.start(stack, "risk", RiskVerticle::new)) {
      String payer = api.post("/users", Map.of("first_name", "Grace", "last_name", "Hopper"))
        .json().get("user_id").asText();
      String payee = api.post("/users", Map.of("first_name", "Edsger", "last_name", "Dijkstra"))
        .json().get("user_id").asText();
      String method = api.post("/payment_methods", Map.of("name", "sepa")).json().get("payment_method_id").asText();

      long started = System.nanoTime();
      String requestId = "flow-" + UUID.randomUUID();
      ApiClient.Reply reply = api.withHeader("X-Request-Id", requestId).postRaw("/payments", """
        {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": 0.1, "currency": "EUR"}"""
        .formatted(payer, payee, method));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      UUID id = UUID.fromString(reply.json().get("payment_request_id").asText());

      stack.await(Duration.ofSeconds(10), () -> assessments(List.of(id)) == 1);
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("POST /payments -> auth_request row in %d ms%n", millis);

      assertThat(stack.queryDecimal("SELECT amount FROM risk_schema.auth_request WHERE auth_request_id = ?", id))
        .isEqualTo(new BigDecimal("0.100000"));
      assertThat(stack.queryString("SELECT user_id::text FROM risk_schema.auth_request WHERE auth_request_id = ?",
        id)).isEqualTo(payer);
      assertThat(stack.count("SELECT risk_score FROM risk_schema.auth_request WHERE auth_request_id = '" + id + "'"))
        .isBetween(0L, 99L);

      stack.await(Duration.ofSeconds(10), () -> !"PENDING".equals(api.get("/payments/" + id).json().get("status").asText()));
      var decided = api.get("/payments/" + id).json();
      System.out.printf("POST /payments -> final status %s in %d ms%n", decided.get("status").asText(),
        (System.nanoTime() - started) / 1_000_000);
      assertThat(decided.get("status").asText()).isEqualTo("APPROVED");
      assertThat(decided.get("risk_score").asInt()).isEqualTo(20);
      assertThat(decided.get("decision_reasons").findValuesAsText("code"))
        .containsExactly("NEW_PAYMENT_METHOD", "NEW_PAYEE");
      assertThat(decided.get("rules_version").asText()).startsWith("rules-");
      assertThat(decided.get("decided_at").asText()).isNotEmpty();

      // The request id of the POST travelled with the payment through risk and back.
      var decision = stack.awaitRecord("risk_assessment", r -> r.value().contains(id.toString()), Duration.ofSeconds(15));
      assertThat(TestStack.header(decision, "payguard.request_id")).isEqualTo(requestId);
      assertThat(TestStack.header(decision, "payguard.payment_id")).isEqualTo(id.toString());
    }
  }

  @Test
  void aPayeeOnTheBlockListIsDeclinedByItsRuleAndTheDecisionKeepsItsContract() throws Exception {
    try (Services.Running risk = Services.start(stack, "risk", RiskVerticle::new)) {
      ApiClient riskApi = new ApiClient(risk.baseUrl());
      String payer = api.post("/users", Map.of("first_name", "Mallory", "last_name", "Payer")).json()
        .get("user_id").asText();
      String payee = api.post("/users", Map.of("first_name", "Mule", "last_name", "Account")).json()
        .get("user_id").asText();
      String method = api.post("/payment_methods", Map.of("name", "card")).json().get("payment_method_id").asText();
      ApiClient.Reply listed = riskApi.post("/lists/blocked_payees/entries", Map.of("values", List.of(payee),
        "note", "mule account"));
      assertThat(listed.status()).as(listed.body()).isEqualTo(200);

      ApiClient.Reply reply = api.withHeader("Prefer", "wait=10").post("/payments", Map.of("user_id", payer,
        "payee_id", payee, "payment_method_id", method, "amount", "12.00", "currency", "EUR"));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      var declined = reply.json();
      assertThat(declined.get("status").asText()).isEqualTo("DECLINED");
      var blocked = declined.get("decision_reasons").get(declined.get("decision_reasons").size() - 1);
      assertThat(blocked.get("code").asText()).isEqualTo("BLOCKED_PAYEE");
      assertThat(blocked.get("action").asText()).isEqualTo("block");
      assertThat(blocked.get("decided").asBoolean()).isTrue();
      assertThat(declined.get("risk_score").asInt()).as("the score still counts the points").isEqualTo(20);
      String id = declined.get("payment_request_id").asText();
      var record = stack.awaitRecord(Topics.RISK_ASSESSMENT, r -> r.value().contains(id), Duration.ofSeconds(15));
      assertThat(EventContract.of(Topics.RISK_ASSESSMENT).violations(record)).isEmpty();

      assertThat(riskApi.send("DELETE", "/lists/blocked_payees/entries/" + payee, null).status()).isEqualTo(204);
      ApiClient.Reply after = api.withHeader("Prefer", "wait=10").post("/payments", Map.of("user_id", payer,
        "payee_id", payee, "payment_method_id", method, "amount", "12.00", "currency", "EUR"));
      assertThat(after.json().get("status").asText()).isEqualTo("APPROVED");
    }
  }

  @Test
  void aRiskServiceStartedAfter100PaymentsAssessesEachExactlyOnce() throws Exception {
    String payer = api.post("/users", Map.of("first_name", "Late", "last_name", "Starter")).json()
      .get("user_id").asText();
    String payee = api.post("/users", Map.of("first_name", "Patient", "last_name", "Payee")).json()
      .get("user_id").asText();
    String method = api.post("/payment_methods", Map.of("name", "card")).json().get("payment_method_id").asText();

    List<UUID> accepted = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      ApiClient.Reply reply = api.post("/payments", Map.of("user_id", payer, "payee_id", payee,
        "payment_method_id", method, "amount", i + ".01", "currency", "USD"));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      accepted.add(UUID.fromString(reply.json().get("payment_request_id").asText()));
    }
    stack.await(Duration.ofSeconds(15), () -> stack.count("SELECT count(*) FROM payment_schema.outbox") == 0);
    assertThat(assessments(accepted)).as("nothing assessed while risk is down").isZero();

    try (Services.Running risk = Services.start(stack, "risk", RiskVerticle::new)) {
      stack.await(Duration.ofSeconds(30), () -> assessments(accepted) == 100);
      stack.await(Duration.ofSeconds(30), () -> stack.count("SELECT count(*) FROM payment_schema.payment_request"
        + " WHERE user_id = ? AND status <> 'PENDING'", UUID.fromString(payer)) == 100);
      // Everything the risk service was sent is stored and committed, and its decisions are published:
      // no redelivery is left to come, so the counts below are final.
      stack.await(Duration.ofSeconds(30), () -> stack.uncommitted("risk-service", Topics.PAYMENT_REQUEST) == 0
        && stack.count("SELECT count(*) FROM risk_schema.outbox") == 0);
    }
    assertThat(assessments(accepted)).isEqualTo(100);
    assertThat(stack.count("SELECT count(*) FROM (SELECT auth_request_id FROM risk_schema.auth_request"
      + " GROUP BY auth_request_id HAVING count(*) > 1) d")).isZero();
    System.out.printf("accepted=100 assessed=%d lost=%d%n", assessments(accepted), 100 - assessments(accepted));

    // The records both services published are what contracts/events says (issue 19): value, key, headers.
    for (String topic : List.of(Topics.PAYMENT_REQUEST, Topics.RISK_ASSESSMENT)) {
      EventContract contract = EventContract.of(topic);
      List<ConsumerRecord<String, String>> records = stack.awaitRecords(topic, r -> payer.equals(r.key()), 100,
        Duration.ofSeconds(30));
      assertThat(records).hasSizeGreaterThanOrEqualTo(100);
      assertThat(records.stream().flatMap(r -> contract.violations(r).stream())).as(topic).isEmpty();
    }
  }

  @Test
  void aClientThatWaitsGetsTheDecisionAndPendingWhileTheRiskServiceIsStopped() throws Exception {
    String payer = api.post("/users", Map.of("first_name", "Patient", "last_name", "Payer")).json()
      .get("user_id").asText();
    String payee = api.post("/users", Map.of("first_name", "Quick", "last_name", "Payee")).json()
      .get("user_id").asText();
    String method = api.post("/payment_methods", Map.of("name", "card")).json().get("payment_method_id").asText();
    Map<String, String> body = Map.of("user_id", payer, "payee_id", payee, "payment_method_id", method,
      "amount", "42.00", "currency", "EUR");
    ApiClient waiting = api.withHeader("Prefer", "wait=1");

    ApiClient.Reply unheard = waiting.post("/payments", body);
    assertThat(unheard.status()).isEqualTo(201);
    assertThat(unheard.json().get("status").asText()).as("no risk service: no decision").isEqualTo("PENDING");
    assertThat(unheard.header("Decision-Status")).isEqualTo("pending");

    try (Services.Running risk = Services.start(stack, "risk", RiskVerticle::new)) {
      String first = unheard.json().get("payment_request_id").asText();
      stack.await(Duration.ofSeconds(30), () -> !api.get("/payments/" + first).json().get("status").asText()
        .equals("PENDING"));
      long started = System.nanoTime();
      ApiClient.Reply decided = api.withHeader("Prefer", "wait=10").post("/payments", body);
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      assertThat(decided.status()).isEqualTo(201);
      assertThat(decided.header("Decision-Status")).isEqualTo("decided");
      assertThat(decided.json().get("status").asText()).isIn("APPROVED", "REVIEW", "DECLINED");
      assertThat(decided.json().get("risk_score").isInt()).isTrue();
      assertThat(decided.json().get("decision_reasons").isArray()).isTrue();
      assertThat(waited).isLessThan(Duration.ofSeconds(10));
      System.out.printf("decision waited for: %d ms%n", waited.toMillis());
    }
  }

  private static long assessments(List<UUID> ids) throws Exception {
    StringBuilder in = new StringBuilder();
    for (UUID id : ids) {
      in.append(in.length() == 0 ? "" : ",").append('\'').append(id).append('\'');
    }
    return stack.count("SELECT count(*) FROM risk_schema.auth_request WHERE auth_request_id IN (" + in + ")");
  }
}

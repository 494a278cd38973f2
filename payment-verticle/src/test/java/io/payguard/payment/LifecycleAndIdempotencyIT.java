package io.payguard.payment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.payguard.testsupport.RunningService;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.payguard.payment.PaymentApiIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Risk decisions flowing back onto payments (fed straight onto risk_assessment, the risk service's
 * contract), operator resolution of REVIEW payments, and Idempotency-Key replays.
 */
class LifecycleAndIdempotencyIT {

  @RegisterExtension
  static final RunningService service = RunningService.of("payment", PaymentVerticle::new);
  private static final ApiClient api = service.api();
  private static final TestStack stack = TestStack.shared();

  private static JsonNode awaitStatus(String id, String status) throws Exception {
    stack.await(Duration.ofSeconds(15), () -> status.equals(api.get("/payments/" + id).json().get("status").asText()));
    return api.get("/payments/" + id).json();
  }

  @Test
  void theReviewQueueIsOldestFirstAndEachResolutionIsRecordedWithTheKeysNameInTheHistory() throws Exception {
    var f = PaymentApiIT.Fixture.create(api);
    String first = f.pay("5000", "EUR").json().get("payment_request_id").asText();
    String second = f.pay("6000", "EUR").json().get("payment_request_id").asText();
    String pending = f.pay("7", "EUR").json().get("payment_request_id").asText();
    f.decide(second, 60, "REVIEW");
    f.decide(first, 55, "REVIEW");
    awaitStatus(first, "REVIEW");
    awaitStatus(second, "REVIEW");

    String queue = "/payments?status=REVIEW&user_id=" + f.payer();
    assertThat(api.get(queue).json().findValuesAsText("payment_request_id")).containsExactly(first, second);

    // Without an operator's name the key's name stands for both; with one, both are kept.
    Reply declined = api.post("/payments/" + first + "/decline", Map.of("reason", "card reported stolen"));
    assertThat(declined.status()).as(declined.body()).isEqualTo(200);
    assertThat(declined.json().get("resolved_by").asText()).isEqualTo("key1");
    assertThat(declined.json().get("resolved_by_key").asText()).isEqualTo("key1");
    Reply approved = api.post("/payments/" + second + "/approve", Map.of("by", "anna@ops", "reason", "called the payer"));
    assertThat(approved.json().get("resolved_by").asText()).isEqualTo("anna@ops");
    assertThat(approved.json().get("resolved_by_key").asText()).isEqualTo("key1");
    assertThat(api.get(queue).json()).isEmpty();

    JsonNode history = api.get("/payments/" + second + "/history").json();
    assertThat(history.get("status").asText()).isEqualTo("APPROVED");
    JsonNode changes = history.get("changes");
    assertThat(changes).hasSize(3);
    assertThat(changes.get(0).get("from").isNull()).isTrue();
    assertThat(changes.get(0).get("to").asText()).isEqualTo("PENDING");
    assertThat(changes.get(0).get("source").asText()).isEqualTo("created");
    assertThat(changes.get(1).get("from").asText()).isEqualTo("PENDING");
    assertThat(changes.get(1).get("to").asText()).isEqualTo("REVIEW");
    assertThat(changes.get(1).get("by").asText()).isEqualTo("risk-service");
    assertThat(changes.get(1).get("note").asText()).isEqualTo("score 60, rules test-1");
    assertThat(changes.get(2).get("from").asText()).isEqualTo("REVIEW");
    assertThat(changes.get(2).get("to").asText()).isEqualTo("APPROVED");
    assertThat(changes.get(2).get("by").asText()).isEqualTo("key1");
    assertThat(changes.get(2).get("on_behalf_of").asText()).isEqualTo("anna@ops");
    assertThat(changes.get(2).get("note").asText()).isEqualTo("called the payer");
    assertThat(changes.get(2).get("at").asText()).isEqualTo(approved.json().get("resolved_at").asText());
    assertThat(changes.get(1).get("at").asText()).isEqualTo(approved.json().get("decided_at").asText());
    assertThat(changes.get(0).get("at").asText()).isEqualTo(approved.json().get("created_at").asText());
    assertThat(api.get("/payments/" + second + "/history").body()).doesNotContain(TestStack.API_KEY);

    assertThat(api.get("/payments/" + first + "/history").json().get("changes").get(2).get("to").asText())
      .isEqualTo("DECLINED");
    assertThat(api.get("/payments/" + pending + "/history").json().get("changes")).hasSize(1);
    assertProblem(api.get("/payments/" + UUID.randomUUID() + "/history"), 404);
  }

  @Test
  void aRiskDecisionMovesAPendingPaymentOnceAndAReplayChangesNothing() throws Exception {
    var f = PaymentApiIT.Fixture.create(api);
    String id = f.pay("70.00", "EUR").json().get("payment_request_id").asText();
    assertThat(api.get("/payments/" + id).json().get("status").asText()).isEqualTo("PENDING");

    f.decide(id, 3, "APPROVE");
    JsonNode approved = awaitStatus(id, "APPROVED");
    assertThat(approved.get("risk_score").asInt()).isEqualTo(3);
    assertThat(approved.get("decision_reasons").get(0).get("code").asText()).isEqualTo("AMOUNT_BAND");
    assertThat(approved.get("rules_version").asText()).isEqualTo("test-1");
    assertThat(approved.get("decided_at").isNull()).isFalse();

    // A replayed (or contradictory late) decision does not move a payment that is no longer PENDING.
    String marker = f.pay("1.00", "EUR").json().get("payment_request_id").asText();
    f.decide(id, 90, "DECLINE");
    f.decide(marker, 0, "APPROVE");
    awaitStatus(marker, "APPROVED");
    assertThat(api.get("/payments/" + id).json()).isEqualTo(approved);
  }

  @Test
  void anOperatorResolvesAReviewPaymentOnceAndOtherTransitionsAreRefused() throws Exception {
    var f = PaymentApiIT.Fixture.create(api);
    String held = f.pay("5000", "EUR").json().get("payment_request_id").asText();
    f.decide(held, 50, "REVIEW");
    awaitStatus(held, "REVIEW");

    assertProblem(api.post("/payments/" + held + "/approve", Map.of("by", "ops@payguard")), 422);
    Reply approved = api.post("/payments/" + held + "/approve", Map.of("by", "ops@payguard", "reason", "known customer"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
    assertThat(approved.json().get("resolved_by").asText()).isEqualTo("ops@payguard");
    assertThat(approved.json().get("resolution_note").asText()).isEqualTo("known customer");
    assertThat(approved.json().get("risk_score").asInt()).isEqualTo(50);

    assertProblem(api.post("/payments/" + held + "/decline", Map.of("by", "ops", "reason", "changed my mind")), 409);
    assertProblem(api.post("/payments/" + held + "/approve", Map.of("by", "ops", "reason", "again")), 409);
    String pending = f.pay("10", "EUR").json().get("payment_request_id").asText();
    assertProblem(api.post("/payments/" + pending + "/decline", Map.of("by", "ops", "reason", "x")), 409);
    assertProblem(api.post("/payments/" + UUID.randomUUID() + "/approve", Map.of("by", "ops", "reason", "x")), 404);

    String declined = f.pay("6000", "EUR").json().get("payment_request_id").asText();
    f.decide(declined, 60, "REVIEW");
    awaitStatus(declined, "REVIEW");
    assertThat(api.post("/payments/" + declined + "/decline", Map.of("by", "ops", "reason", "mule pattern"))
      .json().get("status").asText()).isEqualTo("DECLINED");
  }

  @Test
  void aRetryWithTheSameKeyReturnsTheFirstResponseWithoutDoingTheWorkAgain() throws Exception {
    var f = PaymentApiIT.Fixture.create(api);
    String key = "retry-" + UUID.randomUUID();
    String body = """
      {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": "42.00", "currency": "EUR"}"""
      .formatted(f.payer(), f.payee(), f.method());
    long before = stack.count("SELECT count(*) FROM payment_schema.payment_request WHERE user_id = ?", f.payer());

    Reply first = post("/payments", body, key);
    Reply retry = post("/payments", body, key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json()).isEqualTo(first.json());
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(stack.count("SELECT count(*) FROM payment_schema.payment_request WHERE user_id = ?", f.payer()))
      .isEqualTo(before + 1);

    Reply other = post("/payments", body.replace("42.00", "43.00"), key);
    assertProblem(other, 422);
    assertThat(stack.count("SELECT count(*) FROM payment_schema.payment_request WHERE user_id = ?", f.payer()))
      .isEqualTo(before + 1);
  }

  @Test
  void concurrentRequestsWithOneKeyDoTheWorkOnce() throws Exception {
    var f = PaymentApiIT.Fixture.create(api);
    String key = "race-" + UUID.randomUUID();
    String body = """
      {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": "7", "currency": "USD"}"""
      .formatted(f.payer(), f.payee(), f.method());
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      replies.add(http.sendAsync(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/payments"))
        .header("Content-Type", "application/json").header("Idempotency-Key", key)
        .header("Authorization", ApiClient.authorization())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    List<String> ids = new ArrayList<>();
    for (var reply : replies) {
      HttpResponse<String> response = reply.get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      ids.add(ApiClient.parse(response.body()).get("payment_request_id").asText());
    }
    assertThat(ids).containsOnly(ids.get(0));
    assertThat(stack.count("SELECT count(*) FROM payment_schema.payment_request WHERE user_id = ?", f.payer()))
      .isEqualTo(1);
  }

  @Test
  void aFailedRequestStoresNothingSoItsKeyCanBeRetried() throws Exception {
    var f = PaymentApiIT.Fixture.create(api);
    String key = "fix-and-retry-" + UUID.randomUUID();
    UUID method = UUID.randomUUID();
    String body = """
      {"user_id": "%s", "payee_id": "%s", "payment_method_id": "%s", "amount": "7", "currency": "USD"}"""
      .formatted(f.payer(), f.payee(), method);
    assertProblem(post("/payments", body, key), 422);
    assertThat(api.post("/payment_methods", Map.of("payment_method_id", method.toString(), "name", "late"))
      .status()).isEqualTo(201);
    assertThat(post("/payments", body, key).status()).isEqualTo(201);
    assertProblem(post("/payments", body, "bad key with spaces"), 400);
  }

  private static Reply post(String path, String body, String key) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
      HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("Content-Type", "application/json")
        .header("Idempotency-Key", key).header("Authorization", ApiClient.authorization()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
      HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.headers(), response.body());
  }
}

package io.payguard.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.ApiClient.Reply;
import io.payguard.testsupport.ContractChecks;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes and backtests on the real stack: payments labelled through the API, then a candidate rule and
 * a block-list entry judged by the precision and recall of a known labelled set.
 */
class OutcomesIT {

  private static TestStack stack;
  private static Services.Running service;
  private static ApiClient api;
  private static Vertx vertx;
  private static ContractChecks contract;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStack.shared();
    service = Services.start(stack, "risk", RiskVerticle::new, Map.of("PAYGUARD_API_KEYS",
      "fraud-desk:" + TestStack.API_KEY));
    api = new ApiClient(service.baseUrl());
    vertx = Vertx.vertx();
    contract = ContractChecks.load(vertx, RiskApiVerticle.CONTRACT);
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    vertx.close();
  }

  /** One payment from a new payer (so with a new payee and method: 20 points, approved), assessed. */
  private static String assessed(UUID payee, String amount) throws Exception {
    UUID id = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    stack.produce("payment_request", user.toString(), """
      {"payment_request_id":"%s","user_id":"%s","payee_id":"%s","payment_method_id":"%s",
       "amount":"%s","currency":"EUR","created_at":"%s"}""".formatted(id, user, payee, UUID.randomUUID(), amount,
      OffsetDateTime.now()));
    stack.await(Duration.ofSeconds(20), () -> api.get("/assessments/" + id).status() == 200);
    return id.toString();
  }

  private static Reply label(String id, String label) throws Exception {
    return api.send("PUT", "/outcomes/" + id, "{\"label\": \"" + label + "\", \"source\": \"chargeback\"}");
  }

  @Test
  void labelledPaymentsGiveTheBacktestsPrecisionAndRecallForTheCandidateAndTheRulesInForce() throws Exception {
    UUID mule = UUID.randomUUID();
    List<String> fraud = new ArrayList<>();
    List<String> legitimate = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fraud.add(assessed(mule, "1500.00"));
    }
    fraud.add(assessed(UUID.randomUUID(), "20.00"));
    for (int i = 0; i < 4; i++) {
      legitimate.add(assessed(UUID.randomUUID(), "1500.00"));
      legitimate.add(assessed(UUID.randomUUID(), "20.00"));
    }
    for (String id : fraud) {
      assertThat(api.get("/assessments/" + id).json().get("decision").asText()).isEqualTo("APPROVE");
    }

    Reply first = api.send("PUT", "/outcomes/" + fraud.get(0), """
      {"label": "legitimate", "source": "manual_review", "occurred_at": "2026-12-01T10:00:00+01:00"}""");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    contract.assertDocumented("recordOutcome", first);
    Reply corrected = api.send("PUT", "/outcomes/" + fraud.get(0), """
      {"label": "fraud", "source": "chargeback", "occurred_at": "2026-12-02T09:30:00Z", "note": "reason code 10.4"}""");
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
    contract.assertDocumented("recordOutcome", corrected);
    Reply read = api.get("/outcomes/" + fraud.get(0));
    contract.assertDocumented("getOutcome", read);
    assertThat(read.json().get("label").asText()).isEqualTo("fraud");
    assertThat(read.json().get("source").asText()).isEqualTo("chargeback");
    assertThat(read.json().get("occurred_at").asText()).isEqualTo("2026-12-02T09:30:00Z");
    assertThat(read.json().get("recorded_by").asText()).isEqualTo("fraud-desk");
    for (String id : fraud.subList(1, fraud.size())) {
      assertThat(label(id, "fraud").status()).isEqualTo(201);
    }
    for (String id : legitimate) {
      assertThat(label(id, "legitimate").status()).isEqualTo(201);
    }

    JsonObject candidate = new JsonObject(Files.readString(Services.projectRoot().resolve("conf/risk-rules.json")));
    candidate.getJsonArray("custom").add(new JsonObject().put("code", "BIG_TO_NEW_PAYEE")
      .put("expression", "payment.amount > 1000 && payer.new_payee").put("action", "review")
      .put("reason", "Over 1000 to a payee this payer never paid."));
    JsonNode result = simulate(candidate);
    JsonNode outcomes = result.get("outcomes");
    assertThat(outcomes.get("labelled").asInt()).isEqualTo(12);
    assertThat(outcomes.get("fraud").asInt()).isEqualTo(4);
    assertThat(outcomes.get("legitimate").asInt()).isEqualTo(8);
    // The candidate sends every big payment to a new payee to review: 3 of 4 frauds, and 4 legitimate ones.
    JsonNode byCandidate = outcomes.get("candidate");
    assertThat(byCandidate.get("fraud_reviewed").asInt()).isEqualTo(3);
    assertThat(byCandidate.get("fraud_approved").asInt()).isEqualTo(1);
    assertThat(byCandidate.get("legitimate_reviewed").asInt()).isEqualTo(4);
    assertThat(byCandidate.get("legitimate_approved").asInt()).isEqualTo(4);
    assertThat(byCandidate.get("precision").decimalValue()).isEqualByComparingTo("0.4286");
    assertThat(byCandidate.get("recall").decimalValue()).isEqualByComparingTo("0.75");
    // The rules in force approved them all: nothing flagged, no precision to speak of, recall 0.
    assertThat(outcomes.get("active").get("fraud_approved").asInt()).isEqualTo(4);
    assertThat(outcomes.get("active").get("precision").isNull()).isTrue();
    assertThat(outcomes.get("active").get("recall").decimalValue()).isEqualByComparingTo("0");
    assertThat(result.get("rule_hits").get("candidate").get("BIG_TO_NEW_PAYEE").asInt()).isEqualTo(7);
    assertThat(result.get("rule_hits").get("as_decided").has("BIG_TO_NEW_PAYEE")).isFalse();
    assertThat(result.get("rule_hits").get("as_decided").get("NEW_PAYEE").asInt()).isEqualTo(12);
    assertThat(result.get("transitions").get("APPROVE->REVIEW").asInt()).isEqualTo(7);

    // Block the mule payee: with today's list the rules in force now decline its three payments, and
    // nothing legitimate.
    assertThat(api.post("/lists/blocked_payees/entries", Map.of("values", List.of(mule.toString()))).status())
      .isEqualTo(200);
    JsonNode afterBlock = simulate(candidate).get("outcomes");
    JsonNode inForce = afterBlock.get("active");
    assertThat(inForce.get("fraud_declined").asInt()).isEqualTo(3);
    assertThat(inForce.get("legitimate_declined").asInt() + inForce.get("legitimate_reviewed").asInt()).isZero();
    assertThat(inForce.get("precision").decimalValue()).isEqualByComparingTo("1");
    assertThat(inForce.get("recall").decimalValue()).isEqualByComparingTo("0.75");
    assertThat(afterBlock.get("candidate").get("fraud_declined").asInt()).as("block wins over review").isEqualTo(3);
    assertThat(afterBlock.get("candidate").get("precision").decimalValue()).isEqualByComparingTo("0.4286");
    assertThat(api.send("DELETE", "/lists/blocked_payees/entries/" + mule, null).status()).isEqualTo(204);
  }

  private static JsonNode simulate(JsonObject candidate) throws Exception {
    Reply reply = api.postRaw("/rules/simulate", new JsonObject().put("rules", candidate).put("last", 12).encode());
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    contract.assertDocumented("simulateRules", reply);
    return reply.json();
  }

  @Test
  void badLabelsGetAProblemAndWriteNothing() throws Exception {
    String id = assessed(UUID.randomUUID(), "10.00");
    List<Reply> refused = List.of(
      api.send("PUT", "/outcomes/" + UUID.randomUUID(), "{\"label\": \"fraud\", \"source\": \"chargeback\"}"),
      api.send("PUT", "/outcomes/not-a-uuid", "{\"label\": \"fraud\", \"source\": \"chargeback\"}"),
      api.send("PUT", "/outcomes/" + id, "{\"label\": \"suspicious\", \"source\": \"chargeback\"}"),
      api.send("PUT", "/outcomes/" + id, "{\"label\": \"fraud\", \"source\": \"Charge Back!\"}"),
      api.send("PUT", "/outcomes/" + id, "{\"label\": \"fraud\"}"),
      api.send("PUT", "/outcomes/" + id, "{\"label\": \"fraud\", \"source\": \"chargeback\", \"occurred_at\": \"yesterday\"}"),
      api.send("PUT", "/outcomes/" + id, "[1, 2]"));
    assertThat(refused.stream().map(Reply::status).toList()).containsExactly(404, 404, 422, 422, 422, 422, 400);
    for (Reply reply : refused) {
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(api.get("/outcomes/" + id).status()).isEqualTo(404);
  }
}

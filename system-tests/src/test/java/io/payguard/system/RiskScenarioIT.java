package io.payguard.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.payment.PaymentVerticle;
import io.payguard.risk.RiskVerticle;
import io.payguard.testsupport.ApiClient;
import io.payguard.testsupport.Services;
import io.payguard.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoring scenarios of docs/RISK.md, end to end through the public payment API, with the committed
 * conf/risk-rules.json: each payment ends with the documented score, status and reasons.
 */
class RiskScenarioIT {

  private static TestStack stack;
  private static Services.Running payment;
  private static Services.Running risk;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStack.shared();
    payment = Services.start(stack, "payment", PaymentVerticle::new);
    risk = Services.start(stack, "risk", RiskVerticle::new);
    api = new ApiClient(payment.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    risk.close();
    payment.close();
  }

  private static UUID user() throws Exception {
    UUID id = UUID.randomUUID();
    assertThat(api.post("/users", Map.of("user_id", id.toString(), "first_name", "Scenario", "last_name", "User"))
      .status()).isEqualTo(201);
    return id;
  }

  private static UUID method() throws Exception {
    UUID id = UUID.randomUUID();
    assertThat(api.post("/payment_methods", Map.of("payment_method_id", id.toString(), "name", "card")).status())
      .isEqualTo(201);
    return id;
  }

  /** Pays and waits for the final status; returns the decided payment. */
  private static JsonNode pay(UUID payer, UUID payee, UUID method, String amount) throws Exception {
    ApiClient.Reply reply = api.post("/payments", Map.of("user_id", payer.toString(), "payee_id", payee.toString(),
      "payment_method_id", method.toString(), "amount", amount, "currency", "EUR"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String id = reply.json().get("payment_request_id").asText();
    stack.await(Duration.ofSeconds(15), () -> !"PENDING".equals(api.get("/payments/" + id).json().get("status").asText()));
    return api.get("/payments/" + id).json();
  }

  private static void expect(JsonNode payment, int score, String status, String... codes) {
    assertThat(payment.get("risk_score").asInt()).as(payment.toString()).isEqualTo(score);
    assertThat(payment.get("status").asText()).as(payment.toString()).isEqualTo(status);
    assertThat(payment.get("decision_reasons").findValuesAsText("code")).containsExactly(codes);
  }

  @Test
  void aNewUsersNormalPaymentIsApprovedWithTwoSmallFlags() throws Exception {
    expect(pay(user(), user(), method(), "25.00"), 20, "APPROVED", "NEW_PAYMENT_METHOD", "NEW_PAYEE");
  }

  @Test
  void aRegularPaymentScoresZero() throws Exception {
    UUID payer = user();
    UUID payee = user();
    UUID card = method();
    pay(payer, payee, card, "25.00");
    expect(pay(payer, payee, card, "30.00"), 0, "APPROVED");
  }

  @Test
  void theSixthPaymentOfABurstTripsTheTenMinuteVelocity() throws Exception {
    UUID payer = user();
    UUID payee = user();
    UUID card = method();
    for (int i = 0; i < 5; i++) {
      pay(payer, payee, card, "10.00");
    }
    expect(pay(payer, payee, card, "10.00"), 25, "APPROVED", "VELOCITY_10M");
  }

  @Test
  void aFirstPaymentToANewPayeeIsFlagged() throws Exception {
    UUID payer = user();
    UUID card = method();
    pay(payer, user(), card, "40.00");
    expect(pay(payer, user(), card, "40.00"), 10, "APPROVED", "NEW_PAYEE");
  }

  @Test
  void aLargeAmountFromANewUserIsHeldForReview() throws Exception {
    expect(pay(user(), user(), method(), "6000.00"), 60, "REVIEW", "AMOUNT_OVER_LIMIT", "NEW_PAYMENT_METHOD",
      "NEW_PAYEE");
  }

  @Test
  void aSelfPaymentIsDeclined() throws Exception {
    UUID payer = user();
    expect(pay(payer, payer, method(), "15.00"), 80, "DECLINED", "NEW_PAYMENT_METHOD", "NEW_PAYEE", "SELF_PAYMENT");
  }

  @Test
  void theFifthDifferentPayerOfOnePayeeWithinAnHourIsAMulePattern() throws Exception {
    UUID mule = user();
    UUID card = method();
    List<UUID> payers = List.of(user(), user(), user(), user(), user());
    for (int i = 0; i < 4; i++) {
      expect(pay(payers.get(i), mule, card, "90.00"), 20, "APPROVED", "NEW_PAYMENT_METHOD", "NEW_PAYEE");
    }
    expect(pay(payers.get(4), mule, card, "90.00"), 55, "REVIEW", "NEW_PAYMENT_METHOD", "NEW_PAYEE", "MULE_PATTERN");
  }

  @Test
  void replayingTheStoredHistoryWithTheRulesInForceReproducesEveryDecision() throws Exception {
    UUID payer = user();
    UUID payee = user();
    UUID card = method();
    for (int i = 0; i < 7; i++) {
      pay(payer, payee, card, (1000 + i * 700) + ".00");
    }
    pay(payer, payer, card, "5.00");
    ApiClient riskApi = new ApiClient(risk.baseUrl());
    JsonNode active = riskApi.get("/rules").json();
    ApiClient.Reply replay = riskApi.postRaw("/rules/simulate",
      "{\"last\": 5000, \"rules\": " + active.get("document") + "}");
    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    assertThat(replay.json().get("evaluated").asInt()).isGreaterThanOrEqualTo(8);
    assertThat(replay.json().get("changed").asInt()).as(replay.body()).isZero();
    assertThat(replay.json().get("scores_changed").asInt()).as(replay.body()).isZero();
    assertThat(replay.json().get("candidate_version").asText()).isEqualTo(active.get("version").asText());
  }

  @Test
  void repeatedPaymentsJustBelowTheLimitAreStructuring() throws Exception {
    UUID payer = user();
    UUID payee = user();
    UUID card = method();
    pay(payer, payee, card, "4800.00");
    pay(payer, payee, card, "4900.00");
    // The third just below 5000 within a day: structuring (30); and 14,650 within 10 minutes (25) and
    // within the hour (15): velocity.
    expect(pay(payer, payee, card, "4950.00"), 70, "REVIEW", "VELOCITY_10M", "VELOCITY_60M", "STRUCTURING");
  }
}

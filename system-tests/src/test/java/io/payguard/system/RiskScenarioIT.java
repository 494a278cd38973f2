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
  private static RiskScenarios scenarios;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStack.shared();
    payment = Services.start(stack, "payment", PaymentVerticle::new);
    risk = Services.start(stack, "risk", RiskVerticle::new);
    scenarios = new RiskScenarios(new ApiClient(payment.baseUrl()));
  }

  @AfterAll
  static void stop() throws Exception {
    risk.close();
    payment.close();
  }

  @Test
  void aNewUsersNormalPaymentIsApprovedWithTwoSmallFlags() throws Exception {
    scenarios.aNewUsersNormalPayment();
  }

  @Test
  void aRegularPaymentScoresZero() throws Exception {
    scenarios.aRegularPayment();
  }

  @Test
  void theSixthPaymentOfABurstTripsTheTenMinuteVelocity() throws Exception {
    scenarios.theSixthPaymentOfABurst();
  }

  @Test
  void aFirstPaymentToANewPayeeIsFlagged() throws Exception {
    scenarios.aFirstPaymentToANewPayee();
  }

  @Test
  void aLargeAmountFromANewUserIsHeldForReview() throws Exception {
    scenarios.aLargeAmountFromANewUser();
  }

  @Test
  void aSelfPaymentIsDeclined() throws Exception {
    scenarios.aSelfPayment();
  }

  @Test
  void theFifthDifferentPayerOfOnePayeeWithinAnHourIsAMulePattern() throws Exception {
    scenarios.theFifthDifferentPayerOfOnePayee();
  }

  @Test
  void repeatedPaymentsJustBelowTheLimitAreStructuring() throws Exception {
    scenarios.paymentsJustBelowTheLimit();
  }

  @Test
  void replayingTheStoredHistoryWithTheRulesInForceReproducesEveryDecision() throws Exception {
    UUID payer = scenarios.user();
    UUID payee = scenarios.user();
    UUID card = scenarios.method();
    for (int i = 0; i < 7; i++) {
      scenarios.pay(payer, payee, card, (1000 + i * 700) + ".00");
    }
    scenarios.pay(payer, payer, card, "5.00");
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
}

package io.payguard.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.payguard.testsupport.ApiClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoring scenarios of docs/RISK.md through the public payment API of any running deployment (the
 * embedded services, the containers): each payment ends with the documented score, status and reasons.
 * Every scenario uses users and cards of its own, so they run in any order and next to other traffic.
 */
final class RiskScenarios {

  private static final long DECISION_TIMEOUT_MS = 30_000;

  private final ApiClient api;

  RiskScenarios(ApiClient api) {
    this.api = api;
  }

  /** Every scenario, one after the other. */
  void all() throws Exception {
    aNewUsersNormalPayment();
    aRegularPayment();
    theSixthPaymentOfABurst();
    aFirstPaymentToANewPayee();
    aLargeAmountFromANewUser();
    aSelfPayment();
    theFifthDifferentPayerOfOnePayee();
    paymentsJustBelowTheLimit();
  }

  void aNewUsersNormalPayment() throws Exception {
    expect(pay(user(), user(), method(), "25.00"), 20, "APPROVED", "NEW_PAYMENT_METHOD", "NEW_PAYEE");
  }

  void aRegularPayment() throws Exception {
    UUID payer = user();
    UUID payee = user();
    UUID card = method();
    pay(payer, payee, card, "25.00");
    expect(pay(payer, payee, card, "30.00"), 0, "APPROVED");
  }

  void theSixthPaymentOfABurst() throws Exception {
    UUID payer = user();
    UUID payee = user();
    UUID card = method();
    for (int i = 0; i < 5; i++) {
      pay(payer, payee, card, "10.00");
    }
    expect(pay(payer, payee, card, "10.00"), 25, "APPROVED", "VELOCITY_10M");
  }

  void aFirstPaymentToANewPayee() throws Exception {
    UUID payer = user();
    UUID card = method();
    pay(payer, user(), card, "40.00");
    expect(pay(payer, user(), card, "40.00"), 10, "APPROVED", "NEW_PAYEE");
  }

  void aLargeAmountFromANewUser() throws Exception {
    expect(pay(user(), user(), method(), "6000.00"), 60, "REVIEW", "AMOUNT_OVER_LIMIT", "NEW_PAYMENT_METHOD",
      "NEW_PAYEE");
  }

  void aSelfPayment() throws Exception {
    UUID payer = user();
    expect(pay(payer, payer, method(), "15.00"), 80, "DECLINED", "NEW_PAYMENT_METHOD", "NEW_PAYEE", "SELF_PAYMENT");
  }

  void theFifthDifferentPayerOfOnePayee() throws Exception {
    UUID mule = user();
    UUID card = method();
    List<UUID> payers = List.of(user(), user(), user(), user(), user());
    for (int i = 0; i < 4; i++) {
      expect(pay(payers.get(i), mule, card, "90.00"), 20, "APPROVED", "NEW_PAYMENT_METHOD", "NEW_PAYEE");
    }
    expect(pay(payers.get(4), mule, card, "90.00"), 55, "REVIEW", "NEW_PAYMENT_METHOD", "NEW_PAYEE", "MULE_PATTERN");
  }

  void paymentsJustBelowTheLimit() throws Exception {
    UUID payer = user();
    UUID payee = user();
    UUID card = method();
    pay(payer, payee, card, "4800.00");
    pay(payer, payee, card, "4900.00");
    // The third just below 5000 within a day: structuring (30); and 14,650 within 10 minutes (25) and
    // within the hour (15): velocity.
    expect(pay(payer, payee, card, "4950.00"), 70, "REVIEW", "VELOCITY_10M", "VELOCITY_60M", "STRUCTURING");
  }

  UUID user() throws Exception {
    UUID id = UUID.randomUUID();
    assertThat(api.post("/users", Map.of("user_id", id.toString(), "first_name", "Scenario", "last_name", "User"))
      .status()).isEqualTo(201);
    return id;
  }

  UUID method() throws Exception {
    UUID id = UUID.randomUUID();
    assertThat(api.post("/payment_methods", Map.of("payment_method_id", id.toString(), "name", "card")).status())
      .isEqualTo(201);
    return id;
  }

  /** Pays and waits for the final status; returns the decided payment. */
  JsonNode pay(UUID payer, UUID payee, UUID method, String amount) throws Exception {
    ApiClient.Reply reply = api.post("/payments", Map.of("user_id", payer.toString(), "payee_id", payee.toString(),
      "payment_method_id", method.toString(), "amount", amount, "currency", "EUR"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return decided(reply.json().get("payment_request_id").asText());
  }

  /** The payment once it has left PENDING (or as it is after the timeout). */
  JsonNode decided(String id) throws Exception {
    long deadline = System.currentTimeMillis() + DECISION_TIMEOUT_MS;
    JsonNode payment = api.get("/payments/" + id).json();
    while ("PENDING".equals(payment.get("status").asText()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      payment = api.get("/payments/" + id).json();
    }
    return payment;
  }

  static void expect(JsonNode payment, int score, String status, String... codes) {
    assertThat(payment.get("status").asText()).as(payment.toString()).isEqualTo(status);
    assertThat(payment.get("risk_score").asInt()).as(payment.toString()).isEqualTo(score);
    assertThat(payment.get("decision_reasons").findValuesAsText("code")).containsExactly(codes);
  }
}

package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Decision;
import io.payguard.events.RiskAssessed.Reason;
import io.payguard.risk.assessment.Assessment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every rule of the committed conf/risk-rules.json, on hand-made histories. */
class RuleSetTest {

  private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneOffset.UTC);
  private static final UUID USER = UUID.randomUUID();
  private static final UUID PAYEE = UUID.randomUUID();

  private final RuleSet rules = committedRules();

  static RuleSet committedRules() {
    try {
      return RuleSet.parse(Files.readAllBytes(Path.of("..", "conf", "risk-rules.json")));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static PaymentRequested payment(String amount, String currency, UUID payee) {
    return new PaymentRequested(UUID.randomUUID(), USER, payee, UUID.randomUUID(), amount, currency, NOW);
  }

  /** A regular: has paid before with this method, to this payee, in this currency. */
  private static History regular(List<History.PastPayment> recent, Set<UUID> payersOfPayee) {
    return new History(recent, true, true, true, true, payersOfPayee);
  }

  private static List<String> codes(Assessment a) {
    return a.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void aRegularPaymentScoresZeroAndIsApproved() {
    Assessment a = rules.assess(payment("120.00", "EUR", PAYEE), regular(List.of(), Set.of()));
    assertThat(a.riskScore()).isZero();
    assertThat(a.decision()).isEqualTo(Decision.APPROVE);
    assertThat(a.reasons()).isEmpty();
    assertThat(a.rulesVersion()).isEqualTo(rules.version()).startsWith("rules-");
  }

  @Test
  void aNewUsersFirstPaymentIsFlaggedForNewMethodAndPayeeButNotCurrency() {
    Assessment a = rules.assess(payment("25.00", "EUR", PAYEE), History.none());
    assertThat(codes(a)).containsExactly("NEW_PAYMENT_METHOD", "NEW_PAYEE");
    assertThat(a.riskScore()).isEqualTo(20);
    assertThat(a.decision()).isEqualTo(Decision.APPROVE);
  }

  @Test
  void anAmountAboveItsCurrencysLimitAddsForty() {
    assertThat(codes(rules.assess(payment("5000.00", "EUR", PAYEE), regular(List.of(), Set.of())))).isEmpty();
    Assessment over = rules.assess(payment("5000.01", "EUR", PAYEE), regular(List.of(), Set.of()));
    assertThat(codes(over)).containsExactly("AMOUNT_OVER_LIMIT");
    assertThat(over.riskScore()).isEqualTo(40);
    assertThat(codes(rules.assess(payment("4000.01", "GBP", PAYEE), regular(List.of(), Set.of()))))
      .containsExactly("AMOUNT_OVER_LIMIT");
    assertThat(codes(rules.assess(payment("700000", "JPY", PAYEE), regular(List.of(), Set.of())))).isEmpty();
    assertThat(codes(rules.assess(payment("5000.01", "SEK", PAYEE), regular(List.of(), Set.of()))))
      .as("default limit").containsExactly("AMOUNT_OVER_LIMIT");
  }

  @Test
  void velocityCountsThisUsersPaymentsInEachSlidingWindow() {
    List<History.PastPayment> five = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      five.add(new History.PastPayment(new BigDecimal("10"), "EUR", NOW.minusMinutes(i)));
    }
    Assessment sixth = rules.assess(payment("10", "EUR", PAYEE), regular(five, Set.of()));
    assertThat(codes(sixth)).containsExactly("VELOCITY_10M");
    assertThat(sixth.riskScore()).isEqualTo(25);

    List<History.PastPayment> old = List.of(new History.PastPayment(new BigDecimal("10"), "EUR", NOW.minusMinutes(11)));
    assertThat(codes(rules.assess(payment("10", "EUR", PAYEE), regular(old, Set.of())))).isEmpty();
  }

  @Test
  void velocitySumsOnlyTheSameCurrency() {
    List<History.PastPayment> big = List.of(new History.PastPayment(new BigDecimal("2900"), "EUR", NOW.minusMinutes(1)));
    assertThat(codes(rules.assess(payment("200", "EUR", PAYEE), regular(big, Set.of())))).containsExactly("VELOCITY_10M");
    assertThat(codes(rules.assess(payment("200", "USD", PAYEE), regular(big, Set.of())))).isEmpty();
  }

  @Test
  void aSelfPaymentAddsSixty() {
    Assessment a = rules.assess(payment("10", "EUR", USER), regular(List.of(), Set.of()));
    assertThat(codes(a)).containsExactly("SELF_PAYMENT");
    assertThat(a.decision()).isEqualTo(Decision.REVIEW);
  }

  @Test
  void manyDifferentPayersOfOnePayeeIsAMulePattern() {
    Set<UUID> four = Set.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    Assessment fifth = rules.assess(payment("10", "EUR", PAYEE), regular(List.of(), four));
    assertThat(codes(fifth)).containsExactly("MULE_PATTERN");
    assertThat(fifth.riskScore()).isEqualTo(35);
    Set<UUID> threeAndMe = Set.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), USER);
    assertThat(codes(rules.assess(payment("10", "EUR", PAYEE), regular(List.of(), threeAndMe)))).isEmpty();
  }

  @Test
  void aCurrencyNewToAUserWithHistoryAddsFifteen() {
    History neverUsd = new History(List.of(), true, true, true, false, Set.of());
    assertThat(codes(rules.assess(payment("10", "USD", PAYEE), neverUsd))).containsExactly("NEW_CURRENCY");
  }

  @Test
  void repeatedAmountsJustBelowTheLimitAreStructuring() {
    List<History.PastPayment> twoJustBelow = List.of(
      new History.PastPayment(new BigDecimal("4900"), "EUR", NOW.minusHours(5)),
      new History.PastPayment(new BigDecimal("4600"), "EUR", NOW.minusHours(3)));
    Assessment third = rules.assess(payment("4950", "EUR", PAYEE), regular(twoJustBelow, Set.of()));
    assertThat(codes(third)).contains("STRUCTURING");
    assertThat(codes(rules.assess(payment("3000", "EUR", PAYEE), regular(twoJustBelow, Set.of()))))
      .doesNotContain("STRUCTURING");
  }

  @Test
  void theScoreIsCappedAt99AndThresholdsGiveTheDecision() {
    Set<UUID> mules = Set.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    Assessment worst = rules.assess(payment("9000", "EUR", USER), new History(List.of(), false, false, false, false,
      mules));
    assertThat(worst.reasons().stream().mapToInt(Reason::points).sum()).isGreaterThan(99);
    assertThat(worst.riskScore()).isEqualTo(99);
    assertThat(worst.decision()).isEqualTo(Decision.DECLINE);
    assertThat(rules.decide(49)).isEqualTo(Decision.APPROVE);
    assertThat(rules.decide(50)).isEqualTo(Decision.REVIEW);
    assertThat(rules.decide(80)).isEqualTo(Decision.DECLINE);
  }

  @Test
  void theSamePaymentAndHistoryAlwaysGiveTheSameAssessment() {
    PaymentRequested p = payment("4990", "EUR", PAYEE);
    History h = regular(List.of(new History.PastPayment(new BigDecimal("4800"), "EUR", NOW.minusMinutes(3))), Set.of());
    assertThat(rules.assess(p, h)).isEqualTo(rules.assess(p, h));
    assertThat(committedRules().version()).isEqualTo(rules.version());
  }

  @Test
  void switchedOffRulesDoNotScore() throws Exception {
    String document = Files.readString(Path.of("..", "conf", "risk-rules.json"))
      .replace("\"self_payment\":       { \"enabled\": true", "\"self_payment\":       { \"enabled\": false");
    RuleSet withoutSelfPayment = RuleSet.parse(document.getBytes());
    assertThat(codes(withoutSelfPayment.assess(payment("10", "EUR", USER), regular(List.of(), Set.of())))).isEmpty();
    assertThat(withoutSelfPayment.version()).isNotEqualTo(rules.version());
  }

  @Test
  void anInvalidDocumentIsRefusedWithEveryProblem() {
    assertThatThrownBy(() -> RuleSet.parse(("{\"thresholds\":{\"review_at\":90,\"decline_at\":50},\"rules\":{"
      + "\"amount_limit\":{\"enabled\":true,\"points\":150,\"default_limit\":\"-1\"}}}").getBytes()))
      .isInstanceOfSatisfying(RuleSet.InvalidRules.class, e -> assertThat(e.problems()).hasSize(3));
    assertThatThrownBy(() -> RuleSet.parse("not json".getBytes())).isInstanceOf(RuleSet.InvalidRules.class);
    assertThatThrownBy(() -> RuleSet.parse(new byte[0])).isInstanceOf(RuleSet.InvalidRules.class);
  }
}

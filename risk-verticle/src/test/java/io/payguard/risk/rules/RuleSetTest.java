package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Decision;
import io.payguard.events.RiskAssessed.Reason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every rule of the committed conf/risk-rules.json, on hand-made histories. */
class RuleSetTest {

  private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 24, 12, 0, 0, 0, ZoneOffset.UTC);
  private static final UUID USER = UUID.randomUUID();
  private static final UUID PAYEE = UUID.randomUUID();

  private final RuleSet rules = CommittedRules.ruleSet();

  private static PaymentRequested payment(String amount, String currency, UUID payee) {
    return new PaymentRequested(UUID.randomUUID(), USER, payee, UUID.randomUUID(), amount, currency, NOW);
  }

  /** A regular: has paid before with this method, to this payee, in this currency. */
  private static History regular(Map<Integer, History.WindowTotals> windows, long otherPayersOfPayee) {
    return new History(windows, 0, true, true, true, true, otherPayersOfPayee);
  }

  private static Map<Integer, History.WindowTotals> within(int minutes, long count, String sum) {
    return Map.of(minutes, new History.WindowTotals(count, new BigDecimal(sum), false));
  }

  private static List<String> codes(Assessment a) {
    return a.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void aRegularPaymentScoresZeroAndIsApproved() {
    Assessment a = rules.assess(payment("120.00", "EUR", PAYEE), regular(Map.of(), 0));
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
    assertThat(codes(rules.assess(payment("5000.00", "EUR", PAYEE), regular(Map.of(), 0)))).isEmpty();
    Assessment over = rules.assess(payment("5000.01", "EUR", PAYEE), regular(Map.of(), 0));
    assertThat(codes(over)).containsExactly("AMOUNT_OVER_LIMIT");
    assertThat(over.riskScore()).isEqualTo(40);
    assertThat(codes(rules.assess(payment("4000.01", "GBP", PAYEE), regular(Map.of(), 0))))
      .containsExactly("AMOUNT_OVER_LIMIT");
    assertThat(codes(rules.assess(payment("700000", "JPY", PAYEE), regular(Map.of(), 0)))).isEmpty();
    assertThat(codes(rules.assess(payment("5000.01", "SEK", PAYEE), regular(Map.of(), 0))))
      .as("default limit").containsExactly("AMOUNT_OVER_LIMIT");
  }

  @Test
  void velocityCountsThisUsersPaymentsInEachSlidingWindow() {
    Map<Integer, History.WindowTotals> fiveEarlier = Map.of(
      10, new History.WindowTotals(5, new BigDecimal("50"), false),
      60, new History.WindowTotals(5, new BigDecimal("50"), false),
      1440, new History.WindowTotals(5, new BigDecimal("50"), false));
    Assessment sixth = rules.assess(payment("10", "EUR", PAYEE), regular(fiveEarlier, 0));
    assertThat(codes(sixth)).containsExactly("VELOCITY_10M");
    assertThat(sixth.riskScore()).isEqualTo(25);
    assertThat(sixth.reasons().get(0).message()).contains("6 payments", "60 EUR", "10 minutes");

    assertThat(codes(rules.assess(payment("10", "EUR", PAYEE), regular(within(10, 4, "40"), 0)))).isEmpty();
    Map<Integer, History.WindowTotals> busy = Map.of(10, new History.WindowTotals(5, new BigDecimal("5"), true));
    Assessment capped = rules.assess(payment("1", "EUR", PAYEE), regular(busy, 0));
    assertThat(codes(capped)).containsExactly("VELOCITY_10M");
    assertThat(capped.reasons().get(0).message()).startsWith("More than 5 payments within 10 minutes");
    Map<Integer, History.WindowTotals> sixteenInAnHour = Map.of(60, new History.WindowTotals(15, new BigDecimal("150"), false));
    assertThat(codes(rules.assess(payment("10", "EUR", PAYEE), regular(sixteenInAnHour, 0))))
      .containsExactly("VELOCITY_60M");
  }

  @Test
  void velocityAddsUpSeveralPaymentsButNotOneAlone() {
    assertThat(codes(rules.assess(payment("200", "EUR", PAYEE), regular(within(10, 1, "2900"), 0))))
      .containsExactly("VELOCITY_10M");
    assertThat(codes(rules.assess(payment("200", "USD", PAYEE), regular(within(10, 1, "0"), 0))))
      .as("the other currency's amounts are not summed").isEmpty();
    assertThat(codes(rules.assess(payment("4000", "EUR", PAYEE), regular(Map.of(), 0))))
      .as("a single payment is the amount rule's business").isEmpty();
  }

  @Test
  void aSelfPaymentAddsSixty() {
    Assessment a = rules.assess(payment("10", "EUR", USER), regular(Map.of(), 0));
    assertThat(codes(a)).containsExactly("SELF_PAYMENT");
    assertThat(a.decision()).isEqualTo(Decision.REVIEW);
  }

  @Test
  void manyDifferentPayersOfOnePayeeIsAMulePattern() {
    Assessment fifth = rules.assess(payment("10", "EUR", PAYEE), regular(Map.of(), 4));
    assertThat(codes(fifth)).containsExactly("MULE_PATTERN");
    assertThat(fifth.riskScore()).isEqualTo(35);
    assertThat(codes(rules.assess(payment("10", "EUR", PAYEE), regular(Map.of(), 3)))).isEmpty();
  }

  @Test
  void aCurrencyNewToAUserWithHistoryAddsFifteen() {
    History neverUsd = new History(Map.of(), 0, true, true, true, false, 0);
    assertThat(codes(rules.assess(payment("10", "USD", PAYEE), neverUsd))).containsExactly("NEW_CURRENCY");
  }

  @Test
  void repeatedAmountsJustBelowTheLimitAreStructuring() {
    History twoJustBelow = new History(Map.of(), 2, true, true, true, true, 0);
    Assessment third = rules.assess(payment("4950", "EUR", PAYEE), twoJustBelow);
    assertThat(codes(third)).containsExactly("STRUCTURING");
    assertThat(codes(rules.assess(payment("4500", "EUR", PAYEE), twoJustBelow))).as("band starts at 4500")
      .containsExactly("STRUCTURING");
    assertThat(codes(rules.assess(payment("4499.99", "EUR", PAYEE), twoJustBelow))).isEmpty();
    assertThat(codes(rules.assess(payment("4950", "EUR", PAYEE), new History(Map.of(), 1, true, true, true, true,
      0)))).as("only the second").isEmpty();
  }

  @Test
  void theScoreIsCappedAt99AndThresholdsGiveTheDecision() {
    Assessment worst = rules.assess(payment("9000", "EUR", USER), new History(Map.of(), 0, false, false, false, false, 4));
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
    History h = new History(within(10, 1, "4800"), 1, true, true, true, true, 0);
    assertThat(rules.assess(p, h)).isEqualTo(rules.assess(p, h));
    assertThat(CommittedRules.ruleSet().version()).isEqualTo(rules.version());
  }

  @Test
  void switchedOffRulesDoNotScore() throws Exception {
    String document = Files.readString(CommittedRules.file())
      .replace("\"self_payment\":       { \"enabled\": true", "\"self_payment\":       { \"enabled\": false");
    RuleSet withoutSelfPayment = RuleSet.parse(document.getBytes(), CommittedRules.LISTS);
    assertThat(codes(withoutSelfPayment.assess(payment("10", "EUR", USER), regular(Map.of(), 0)))).isEmpty();
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

  @Test
  void theMuleRuleLooksAtEnoughOfThePayeesLatestPaymentsToFindItsPayers() throws Exception {
    String tooFew = """
      {"thresholds": {"review_at": 50, "decline_at": 80},
       "rules": {"mule_pattern": {"enabled": true, "minutes": 60, "distinct_payers": 5, "recent_payments": 4,
                                  "points": 35}}}""";
    assertThatThrownBy(() -> RuleSet.parse(tooFew.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
      .isInstanceOfSatisfying(RuleSet.InvalidRules.class, invalid ->
        assertThat(invalid.problems()).anyMatch(p -> p.contains("mule_pattern.recent_payments")));
    String unsaid = tooFew.replace("\"recent_payments\": 4,", "");
    assertThat(RuleSet.parse(unsaid.getBytes(java.nio.charset.StandardCharsets.UTF_8)).payeeRecentPayments())
      .isEqualTo(RulesDocument.MulePattern.DEFAULT_RECENT_PAYMENTS);
    assertThat(rules.payeeRecentPayments()).as("the committed rules say it").isEqualTo(50);
  }

  /** Found by RiskHostileInputIT: a null velocity window was a NullPointerException (a 500). */
  @Test
  void aNullVelocityWindowIsAProblemNotACrash() {
    String document = """
      {"thresholds": {"review_at": 50, "decline_at": 80},
       "rules": {"velocity": {"enabled": true, "windows": [null]}}}""";
    assertThatThrownBy(() -> RuleSet.parse(document.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
      .isInstanceOfSatisfying(RuleSet.InvalidRules.class, invalid ->
        assertThat(invalid.problems()).anyMatch(p -> p.contains("velocity.windows")));
  }

  /** Found by RiskHostileInputIT: Jackson's message named our classes, and went back to the client. */
  @Test
  void aWrongTypeIsReportedByItsPlaceInTheDocumentWithoutClassNames() {
    String document = """
      {"thresholds": {"review_at": 50, "decline_at": 80},
       "rules": {"velocity": {"enabled": true, "windows": [{"minutes": [], "max_count": 1}]}}}""";
    assertThatThrownBy(() -> RuleSet.parse(document.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
      .isInstanceOfSatisfying(RuleSet.InvalidRules.class, invalid -> {
        assertThat(invalid.problems()).containsExactly(
          "not a rules document: wrong type or value at rules.velocity.windows[0].minutes");
        assertThat(String.join(" ", invalid.problems())).doesNotContain("io.payguard", "java.", "`");
      });
  }
}

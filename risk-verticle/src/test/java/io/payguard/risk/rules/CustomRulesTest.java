package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Decision;
import io.payguard.events.RiskAssessed.Reason;
import io.payguard.json.Json;
import io.payguard.risk.lists.ListSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Custom rules: expressions checked when the document loads (errors with the rule's code and position),
 * their cost bounded, exact decimals, each variable, list membership, and the precedence of actions.
 */
class CustomRulesTest {

  private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 12, 0, 0, 0, ZoneOffset.UTC);
  private static final UUID USER = UUID.fromString("5d2a5f7e-0c61-4a8e-9a43-3f7f1d0c1a01");
  private static final UUID PAYEE = UUID.fromString("9b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
  private static final Set<String> LISTS = Set.of("blocked_payees", "trusted_users", "watched_currencies");

  /** The committed document with {@code custom} as its custom rules. */
  private static RuleSet with(JsonObject... custom) throws Exception {
    JsonObject document = new JsonObject(Files.readString(CommittedRules.file()));
    document.put("custom", new JsonArray(List.of((Object[]) custom)));
    return RuleSet.parse(document.toBuffer().getBytes(), LISTS);
  }

  private static JsonObject points(String code, String expression, int points) {
    return new JsonObject().put("code", code).put("expression", expression).put("points", points)
      .put("reason", code + " fired");
  }

  private static JsonObject action(String code, String expression, String action) {
    return new JsonObject().put("code", code).put("expression", expression).put("action", action)
      .put("reason", code + " fired");
  }

  private static PaymentRequested payment(String amount) {
    return new PaymentRequested(UUID.randomUUID(), USER, PAYEE, UUID.randomUUID(), amount, "EUR", NOW);
  }

  /** A regular payer (nothing new), with {@code count} payments worth {@code sum} in the last 10 minutes. */
  private static History regular(long count, String sum, long payeePayers) {
    History.WindowTotals totals = new History.WindowTotals(count, new BigDecimal(sum), false);
    return new History(Map.of(), 0, true, true, true, true, 0,
      new History.Recent(Map.of(10, totals, 60, totals, 1440, totals), payeePayers));
  }

  private static ListSnapshot lists(String list, String... values) {
    Map<String, Set<String>> all = new java.util.HashMap<>();
    LISTS.forEach(name -> all.put(name, Set.of()));
    all.put(list, Set.of(values));
    return new ListSnapshot(2, all);
  }

  private static List<String> codes(Assessment a) {
    return a.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void aPointsRuleAddsItsPointsWhenItsExpressionHolds() throws Exception {
    RuleSet rules = with(points("BIG_AND_BUSY", "payment.amount > 1000 && payer.count_10m >= 3", 30));
    Assessment fired = rules.assess(payment("1000.01"), regular(3, "50"));
    assertThat(codes(fired)).containsExactly("BIG_AND_BUSY");
    assertThat(fired.riskScore()).isEqualTo(30);
    assertThat(fired.reasons().get(0).message()).isEqualTo("BIG_AND_BUSY fired");
    assertThat(fired.reasons().get(0).action()).isNull();
    assertThat(codes(rules.assess(payment("1000"), regular(3, "50")))).isEmpty();
    assertThat(codes(rules.assess(payment("5000"), regular(2, "50")))).isEmpty();
  }

  private static History regular(long count, String sum) {
    return regular(count, sum, 0);
  }

  @Test
  void amountsAreExactDecimalsAndADoubleIsRefused() throws Exception {
    RuleSet exact = with(points("CENT_OVER", "payment.amount >= decimal('999.99') && payment.amount == decimal('999.990')", 5),
      points("SUMS", "payer.sum_1h + payment.amount == decimal('0.3') && payment.amount * 3 == decimal('0.3')", 7));
    assertThat(codes(exact.assess(payment("999.99"), regular(0, "0")))).containsExactly("CENT_OVER");
    assertThat(codes(exact.assess(payment("999.98"), regular(0, "0")))).isEmpty();
    // 0.2 + 0.1 == 0.3 and 0.1 * 3 == 0.3 in decimal; both are false in binary floating point.
    assertThat(codes(exact.assess(payment("0.1"), regular(1, "0.2")))).containsExactly("SUMS");

    assertThatThrownBy(() -> with(points("FLOAT", "payment.amount > 999.99", 5)))
      .isInstanceOf(RuleSet.InvalidRules.class)
      .hasMessageContaining("custom[0] FLOAT.expression at 1:16: found no matching overload for '_>_' applied to '(decimal, double)'");
  }

  @Test
  void everyDocumentedVariableCanBeRead() throws Exception {
    String method = UUID.randomUUID().toString();
    RuleSet rules = with(points("ALL", String.join(" && ",
      "payment.id.size() == 36", "payment.user_id == '" + USER + "'", "payment.payee_id == '" + PAYEE + "'",
      "payment.payment_method_id.size() == 36", "payment.currency == 'EUR'", "payment.amount == 12",
      "payer.count_10m == 2", "payer.count_1h == 2", "payer.count_24h == 2", "payer.sum_10m == decimal('30.5')",
      "payer.sum_1h == decimal('30.50')", "payer.sum_24h < 31", "payer.has_history", "!payer.new_payee",
      "!payer.new_method", "!payer.new_currency", "payee.payers_1h == 4", "!(payment.currency in lists.watched_currencies)"), 1));
    assertThat(codes(rules.assess(payment("12.00"), regular(2, "30.50", 3), lists("blocked_payees")))).containsExactly("ALL");
    assertThat(rules.readsPayerTotals()).isTrue();
    assertThat(rules.readsPayeePayers()).isTrue();
    assertThat(with(points("ONLY_AMOUNT", "payment.amount > 5", 1)).readsPayerTotals()).isFalse();
  }

  @Test
  void anInvalidExpressionRefusesTheWholeDocumentWithTheRulesCodePositionAndMessage() {
    assertThatThrownBy(() -> with(points("OK_RULE", "payment.amount > 1", 1),
      points("TYPO", "payment.amout > 1", 1),
      points("SYNTAX", "payment.amount >", 1),
      points("NOT_BOOL", "payer.count_1h", 1),
      points("NO_LIST", "payment.payee_id in lists.nonexistent", 1)))
      .isInstanceOfSatisfying(RuleSet.InvalidRules.class, e -> assertThat(e.problems()).containsExactly(
        "custom[1] TYPO.expression at 1:1: undeclared reference to 'payment' (in container ''); the variables"
          + " are listed in docs/RISK.md, and a list must exist before a rule names it",
        "custom[2] SYNTAX.expression at 1:17: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!',"
          + " 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}",
        "custom[3] NOT_BOOL.expression at 1:6: expected type 'bool' but found 'int'",
        "custom[4] NO_LIST.expression at 1:21: undeclared reference to 'lists' (in container ''); the variables"
          + " are listed in docs/RISK.md, and a list must exist before a rule names it"));
  }

  @Test
  void aRuleNeedsAFreeCodeAndEitherPointsOrAnAction() {
    JsonObject both = points("BOTH", "true", 5).put("action", "block");
    assertThatThrownBy(() -> with(points("NEW_PAYEE", "true", 5), points("lower", "true", 5), both,
      points("TWICE", "true", 1), points("TWICE", "true", 1), points("VELOCITY_10M", "true", 1),
      new JsonObject().put("code", "NOTHING").put("expression", "true").put("reason", "r"),
      points("LOUD", "true", 100), points("SILENT", "true", 1).put("reason", "")))
      .isInstanceOfSatisfying(RuleSet.InvalidRules.class, e -> assertThat(e.problems()).containsExactly(
        "custom[0] NEW_PAYEE: the code of a built-in rule",
        "custom[1].code must be 2 to 64 of A-Z, 0-9 and _, starting with a letter",
        "custom[2] BOTH needs either points or an action (block, review or allow), not both",
        "custom[4] TWICE: the code of another custom rule",
        "custom[5] VELOCITY_10M: the code of a built-in rule",
        "custom[6] NOTHING needs either points or an action (block, review or allow), not both",
        "custom[7] LOUD.points must be from 0 to 99",
        "custom[8] SILENT.reason must be a sentence of 1 to 300 characters"));
  }

  @Test
  void anExpressionsCostIsBoundedWhenLoadedAndWhenEvaluated() throws Exception {
    String tooLong = "payment.amount > 1 && " + "true && ".repeat(300) + "true";
    assertThatThrownBy(() -> with(points("LONG", tooLong, 1))).isInstanceOf(RuleSet.InvalidRules.class)
      .hasMessageContaining("custom[0] LONG.expression at").hasMessageContaining("2000");
    String deep = "(".repeat(60) + "true" + ")".repeat(60);
    assertThatThrownBy(() -> with(points("DEEP", deep, 1))).isInstanceOf(RuleSet.InvalidRules.class)
      .hasMessageContaining("custom[0] DEEP.expression at");

    // 40 x 40 x 40 iterations: over the budget of 1,000 per evaluation, so it stops and says so.
    String range = "[" + String.join(",", java.util.Collections.nCopies(40, "1")) + "]";
    RuleSet nested = with(points("NESTED", range + ".all(a, " + range + ".all(b, " + range + ".all(c, a + b + c > 0)))", 1),
      points("STILL_RUNS", "payment.amount > 10", 5));
    PaymentRequested p = payment("20");
    Assessment a = nested.assess(p, regular(0, "0"));
    assertThat(codes(a)).containsExactly("RULE_ERROR", "STILL_RUNS");
    assertThat(a.reasons().get(0).message()).startsWith("NESTED could not be evaluated: ")
      .contains("Iteration budget exceeded: 1000");
    assertThat(a.riskScore()).isEqualTo(5);
    assertThat(nested.assess(p, regular(0, "0"))).isEqualTo(a);
  }

  @Test
  void aMalformedDecimalIsAnErrorOfThatRuleOnly() throws Exception {
    RuleSet rules = with(points("BAD_LITERAL", "payment.amount > decimal('1e3')", 10));
    Assessment a = rules.assess(payment("2000"), regular(0, "0"));
    assertThat(codes(a)).containsExactly("RULE_ERROR");
    assertThat(a.reasons().get(0).message()).contains("BAD_LITERAL could not be evaluated");
    assertThat(a.decision()).isEqualTo(Decision.APPROVE);

    // A block rule that cannot run fails closed: the payment goes to review, never through.
    RuleSet blocking = with(action("BLOCK_BAD_LITERAL", "payment.amount > decimal('x')", "block"));
    Assessment held = blocking.assess(payment("2000"), regular(0, "0"));
    assertThat(held.decision()).isEqualTo(Decision.REVIEW);
    assertThat(held.reasons()).hasSize(1);
    assertThat(held.reasons().get(0).code()).isEqualTo("RULE_ERROR");
    assertThat(held.reasons().get(0).action()).isEqualTo("review");
    assertThat(held.reasons().get(0).decided()).isTrue();
  }

  @Test
  void blockWinsOverAllowWhichWinsOverReviewAndPoints() throws Exception {
    RuleSet rules = with(
      action("WATCH_BIG", "payment.amount > 100", "review"),
      action("TRUSTED", "payment.user_id in lists.trusted_users", "allow"),
      action("BLOCKED", "payment.payee_id in lists.blocked_payees", "block"),
      points("HUGE", "payment.amount > 10000", 90));

    Assessment reviewOnly = rules.assess(payment("500"), regular(0, "0"), lists("trusted_users"));
    assertThat(reviewOnly.decision()).isEqualTo(Decision.REVIEW);
    assertThat(reviewOnly.riskScore()).isZero();
    assertThat(reviewOnly.reasons()).containsExactly(new Reason("WATCH_BIG", 0, "WATCH_BIG fired", "review", true));

    Assessment trusted = rules.assess(payment("20000"), regular(0, "0"), lists("trusted_users", USER.toString()));
    assertThat(trusted.decision()).as("an allow-listed payer is never declined by points alone").isEqualTo(Decision.APPROVE);
    assertThat(trusted.riskScore()).isEqualTo(99);
    assertThat(trusted.reasons()).contains(new Reason("TRUSTED", 0, "TRUSTED fired", "allow", true),
      new Reason("WATCH_BIG", 0, "WATCH_BIG fired", "review", false));

    Map<String, Set<String>> both = new java.util.HashMap<>(lists("trusted_users", USER.toString()).values());
    both.put("blocked_payees", Set.of(PAYEE.toString()));
    Assessment blocked = rules.assess(payment("5"), regular(0, "0"), new ListSnapshot(3, both));
    assertThat(blocked.decision()).isEqualTo(Decision.DECLINE);
    assertThat(blocked.reasons()).containsExactly(new Reason("TRUSTED", 0, "TRUSTED fired", "allow", false),
      new Reason("BLOCKED", 0, "BLOCKED fired", "block", true));

    Assessment declinedByPoints = rules.assess(payment("20000"), regular(0, "0"), lists("trusted_users"));
    assertThat(declinedByPoints.decision()).as("a review action does not lower a decline").isEqualTo(Decision.DECLINE);
    assertThat(declinedByPoints.reasons()).contains(new Reason("WATCH_BIG", 0, "WATCH_BIG fired", "review", false));
  }

  @Test
  void aDisabledRuleDoesNotFireAndTheVersionCoversCustomRules() throws Exception {
    RuleSet on = with(points("ANY", "true", 5));
    RuleSet off = with(points("ANY", "true", 5).put("enabled", false));
    assertThat(codes(on.assess(payment("1"), regular(0, "0")))).containsExactly("ANY");
    assertThat(codes(off.assess(payment("1"), regular(0, "0")))).isEmpty();
    assertThat(on.version()).isNotEqualTo(off.version()).isNotEqualTo(CommittedRules.ruleSet().version());
  }

  @Test
  void theCommittedListRulesBlockAndAllowByTheirLists() throws Exception {
    RuleSet committed = CommittedRules.ruleSet();
    assertThat(committed.listsUsed()).isEqualTo(CommittedRules.LISTS);
    Map<String, Set<String>> values = new java.util.HashMap<>();
    CommittedRules.LISTS.forEach(list -> values.put(list, Set.of()));
    values.put("blocked_payees", Set.of(PAYEE.toString()));
    Assessment a = committed.assess(payment("10"), regular(0, "0"), new ListSnapshot(5, values));
    assertThat(a.decision()).isEqualTo(Decision.DECLINE);
    assertThat(Json.string(a.reasons())).isEqualTo("[{\"code\":\"BLOCKED_PAYEE\",\"points\":0,"
      + "\"message\":\"The payee is on the blocked_payees list.\",\"action\":\"block\",\"decided\":true}]");
    assertThat(Json.string(new Reason("NEW_PAYEE", 10, "m"))).isEqualTo("{\"code\":\"NEW_PAYEE\",\"points\":10,\"message\":\"m\"}");
  }
}

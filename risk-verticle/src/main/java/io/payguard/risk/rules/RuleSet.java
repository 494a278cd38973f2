package io.payguard.risk.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Decision;
import io.payguard.events.RiskAssessed.Reason;
import io.payguard.json.Json;
import io.payguard.risk.expressions.RuleExpressions;
import io.payguard.risk.expressions.Variables;
import io.payguard.risk.lists.ListSnapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A validated rules document, ready to score: each enabled rule adds its points with a reason, the
 * score is min(99, sum), thresholds give the decision. Pure: the same payment and history always give
 * the same assessment. The version is a hash of the document, recorded with every assessment.
 */
public final class RuleSet {

  public static final int MAX_SCORE = 99;

  private final RulesDocument document;
  private final List<Rule> rules;
  private final List<ExpressionRule> custom;
  private final String version;
  private final Duration payeeLookBack;

  private RuleSet(RulesDocument document, List<ExpressionRule> custom) {
    this.document = document;
    this.rules = build(document.rules());
    this.custom = custom;
    this.version = versionOf(document);
    this.payeeLookBack = Duration.ofMinutes(enabled(document.rules().mulePattern())
      ? document.rules().mulePattern().minutes() : 0);
  }

  /** A document whose custom rules name no list. */
  public static RuleSet of(RulesDocument document) throws InvalidRules {
    return of(document, Set.of());
  }

  /**
   * {@code document} checked, its custom rules' expressions compiled where {@code lists.<name>} exists
   * for each of {@code listNames}.
   *
   * @throws InvalidRules listing every problem of the document
   */
  public static RuleSet of(RulesDocument document, Set<String> listNames) throws InvalidRules {
    if (document == null) {
      throw new InvalidRules(List.of("the rules document is empty"));
    }
    List<String> problems = new ArrayList<>(document.problems());
    List<ExpressionRule> custom = new ArrayList<>();
    if (problems.isEmpty() && !document.customRules().isEmpty()) {
      RuleExpressions language = new RuleExpressions(listNames);
      List<RulesDocument.CustomRule> written = document.customRules();
      for (int i = 0; i < written.size(); i++) {
        RulesDocument.CustomRule rule = written.get(i);
        try {
          custom.add(new ExpressionRule(rule, language.compile(rule.expression())));
        } catch (RuleExpressions.InvalidExpression e) {
          problems.add("custom[" + i + "] " + rule.code() + ".expression at " + e.getMessage());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRules(problems);
    }
    return new RuleSet(document, List.copyOf(custom));
  }

  public static RuleSet parse(byte[] json) throws InvalidRules {
    return parse(json, Set.of());
  }

  /** The document in {@code json}, compiled with these lists ({@link #of(RulesDocument, Set)}). */
  public static RuleSet parse(byte[] json, Set<String> listNames) throws InvalidRules {
    try {
      return of(Json.read(json, RulesDocument.class), listNames);
    } catch (JsonMappingException e) {
      // Jackson's own message names our classes ("io.payguard.risk.rules.RulesDocument$Rules"): say where
      // in the document, not what it maps to.
      throw new InvalidRules(List.of("not a rules document: wrong type or value at " + where(e)));
    } catch (java.io.IOException e) {
      throw new InvalidRules(List.of("not a rules document: not valid JSON"));
    }
  }

  /** A mapping error's location as {@code rules.velocity.windows[0].minutes}. */
  private static String where(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top level" : path.toString();
  }

  /** A payment scored with every list the rules name empty. */
  public Assessment assess(PaymentRequested payment, History history) {
    java.util.Map<String, Set<String>> empty = new java.util.HashMap<>();
    listsUsed().forEach(list -> empty.put(list, Set.of()));
    return assess(payment, history, new ListSnapshot(0, empty));
  }

  /**
   * The built-in rules add their points; then each custom rule is evaluated in the document's order. The
   * score is min(99, all points); the decision is the thresholds' unless an action decides (precedence in
   * {@link RuleAction}), and the reason of the rule that decided says so ({@code decided}).
   */
  public Assessment assess(PaymentRequested payment, History history, ListSnapshot lists) {
    List<Reason> reasons = new ArrayList<>();
    for (Rule rule : rules) {
      reasons.addAll(rule.evaluate(payment, history));
    }
    if (!custom.isEmpty()) {
      PaymentFacts facts = new PaymentFacts(payment, history, lists);
      for (ExpressionRule rule : custom) {
        Reason fired = rule.evaluate(facts);
        if (fired != null) {
          reasons.add(fired);
        }
      }
    }
    int score = Math.min(MAX_SCORE, reasons.stream().mapToInt(Reason::points).sum());
    Decision byScore = decide(score);
    int decider = decider(reasons, byScore);
    if (decider < 0) {
      return new Assessment(payment, score, byScore, List.copyOf(reasons), version);
    }
    Reason decisive = reasons.get(decider);
    reasons.set(decider, new Reason(decisive.code(), 0, decisive.message(), decisive.action(), true));
    return new Assessment(payment, score, ACTED.get(RuleAction.of(decisive.action())), List.copyOf(reasons), version);
  }

  private static final java.util.Map<RuleAction, Decision> ACTED = java.util.Map.of(RuleAction.BLOCK,
    Decision.DECLINE, RuleAction.ALLOW, Decision.APPROVE, RuleAction.REVIEW, Decision.REVIEW);

  /** The reason whose action decides: the first block, else the first allow, else the first review if the score approves. */
  private static int decider(List<Reason> reasons, Decision byScore) {
    for (RuleAction action : RuleAction.values()) {
      if (action == RuleAction.REVIEW && byScore != Decision.APPROVE) {
        continue;
      }
      for (int i = 0; i < reasons.size(); i++) {
        if (action.json().equals(reasons.get(i).action())) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The lists the custom rules name (a list in use cannot be deleted). */
  public Set<String> listsUsed() {
    Set<String> used = new TreeSet<>();
    custom.forEach(rule -> rule.expression().variables().stream().filter(v -> v.startsWith(Variables.LISTS))
      .forEach(v -> used.add(v.substring(Variables.LISTS.length()))));
    return used;
  }

  /** Whether some custom rule reads the payer's windowed totals (payer.count_*, payer.sum_*). */
  public boolean readsPayerTotals() {
    return custom.stream().anyMatch(rule -> Variables.readsPayerTotals(rule.expression().variables()));
  }

  /** Whether some custom rule reads the payee's recent payers. */
  public boolean readsPayeePayers() {
    return custom.stream().anyMatch(rule -> Variables.readsPayeePayers(rule.expression().variables()));
  }

  public Decision decide(int score) {
    var t = document.thresholds();
    return score >= t.declineAt() ? Decision.DECLINE : score >= t.reviewAt() ? Decision.REVIEW : Decision.APPROVE;
  }

  public String version() {
    return version;
  }

  public RulesDocument document() {
    return document;
  }

  /** The velocity windows whose totals the history must carry. */
  public List<RulesDocument.Window> velocityWindows() {
    var velocity = document.rules().velocity();
    return velocity == null || !velocity.enabled() ? List.of() : velocity.windows();
  }

  /** The structuring rule's parameters, or null when it is off. */
  public RulesDocument.Structuring structuring() {
    var structuring = document.rules().structuring();
    return structuring == null || !structuring.enabled() ? null : structuring;
  }

  /** The band of amounts "just below" the limit of {@code currency}: [from, to]. */
  public java.math.BigDecimal[] structuringBand(String currency) {
    var limit = document.rules().amountLimit().limitFor(currency);
    return new java.math.BigDecimal[] {limit.multiply(structuring().fromRatio()), limit};
  }

  /** How many of the payee's latest payments in the mule window are looked at (1 when the rule is off). */
  public int payeeRecentPayments() {
    var mule = document.rules().mulePattern();
    return mule == null || !mule.enabled() ? 1 : mule.recentPaymentsOrDefault();
  }

  /** How far back the payee's payers matter (the mule window), zero when no rule needs them. */
  public Duration payeeLookBack() {
    return payeeLookBack;
  }

  private static List<Rule> build(RulesDocument.Rules r) {
    List<Rule> rules = new ArrayList<>();
    if (enabled(r.amountLimit())) {
      rules.add(new AmountLimitRule(r.amountLimit()));
    }
    if (r.velocity() != null && r.velocity().enabled()) {
      rules.add(new VelocityRule(r.velocity()));
    }
    if (r.newPaymentMethod() != null && r.newPaymentMethod().enabled()) {
      rules.add(FirstUseRules.newPaymentMethod(r.newPaymentMethod()));
    }
    if (r.newPayee() != null && r.newPayee().enabled()) {
      rules.add(FirstUseRules.newPayee(r.newPayee()));
    }
    if (r.selfPayment() != null && r.selfPayment().enabled()) {
      rules.add(FirstUseRules.selfPayment(r.selfPayment()));
    }
    if (enabled(r.mulePattern())) {
      rules.add(new MulePatternRule(r.mulePattern()));
    }
    if (r.newCurrency() != null && r.newCurrency().enabled()) {
      rules.add(FirstUseRules.newCurrency(r.newCurrency()));
    }
    if (r.structuring() != null && r.structuring().enabled()) {
      rules.add(new StructuringRule(r.structuring(), r.amountLimit()));
    }
    return List.copyOf(rules);
  }

  private static boolean enabled(RulesDocument.AmountLimit rule) {
    return rule != null && rule.enabled();
  }

  private static boolean enabled(RulesDocument.MulePattern rule) {
    return rule != null && rule.enabled();
  }


  private static String versionOf(RulesDocument document) {
    try {
      byte[] canonical = Json.mapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .writeValueAsBytes(document);
      return "rules-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical), 0, 6);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A rules document that cannot be used, with every reason. */
  public static final class InvalidRules extends Exception {

    private final List<String> problems;

    public InvalidRules(List<String> problems) {
      super(String.join("; ", problems), null, false, false);
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}

package io.payguard.risk.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Decision;
import io.payguard.events.RiskAssessed.Reason;
import io.payguard.json.Json;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A validated rules document, ready to score: each enabled rule adds its points with a reason, the
 * score is min(99, sum), thresholds give the decision. Pure: the same payment and history always give
 * the same assessment. The version is a hash of the document, recorded with every assessment.
 */
public final class RuleSet {

  public static final int MAX_SCORE = 99;

  private final RulesDocument document;
  private final List<Rule> rules;
  private final String version;
  private final Duration payeeLookBack;

  private RuleSet(RulesDocument document) {
    this.document = document;
    this.rules = build(document.rules());
    this.version = versionOf(document);
    this.payeeLookBack = Duration.ofMinutes(enabled(document.rules().mulePattern())
      ? document.rules().mulePattern().minutes() : 0);
  }

  /** @throws InvalidRules listing every problem of the document */
  public static RuleSet of(RulesDocument document) throws InvalidRules {
    if (document == null) {
      throw new InvalidRules(List.of("the rules document is empty"));
    }
    List<String> problems = document.problems();
    if (!problems.isEmpty()) {
      throw new InvalidRules(problems);
    }
    return new RuleSet(document);
  }

  public static RuleSet parse(byte[] json) throws InvalidRules {
    try {
      return of(Json.read(json, RulesDocument.class));
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

  public Assessment assess(PaymentRequested payment, History history) {
    List<Reason> reasons = new ArrayList<>();
    for (Rule rule : rules) {
      reasons.addAll(rule.evaluate(payment, history));
    }
    int score = Math.min(MAX_SCORE, reasons.stream().mapToInt(Reason::points).sum());
    return new Assessment(payment, score, decide(score), List.copyOf(reasons), version);
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

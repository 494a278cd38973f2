package io.payguard.risk.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules file ({@code conf/risk-rules.json}) as data: thresholds and every rule's parameters. The
 * same document is what {@code POST /rules/simulate} takes. Field names are snake_case in JSON.
 */
public record RulesDocument(Thresholds thresholds, Rules rules,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CustomRule> custom) {

  /** At most this many custom rules in one document. */
  public static final int MAX_CUSTOM_RULES = 100;
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
  /** The built-in rules' reason codes (velocity's are VELOCITY_&lt;minutes&gt;M): a custom rule takes none of them. */
  private static final Set<String> BUILT_IN_CODES = Set.of("AMOUNT_OVER_LIMIT", "NEW_PAYMENT_METHOD", "NEW_PAYEE",
    "SELF_PAYMENT", "MULE_PATTERN", "NEW_CURRENCY", "STRUCTURING", "RULE_ERROR");

  public RulesDocument(Thresholds thresholds, Rules rules) {
    this(thresholds, rules, null);
  }

  /** The custom rules, none when the document has no {@code custom} list. */
  public List<CustomRule> customRules() {
    return custom == null ? List.of() : custom;
  }

  /**
   * A rule written as an expression ({@code conf/risk-rules.json}, "custom"): when {@code expression}
   * holds, either {@code points} are added to the score or {@code action} decides (block, review, allow);
   * {@code reason} is the sentence its reason carries. Off when {@code enabled} is false.
   */
  public record CustomRule(String code, String expression, Integer points, RuleAction action, String reason,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Boolean enabled) {

    public boolean on() {
      return enabled == null || enabled;
    }
  }

  /** Score to decision: below {@code reviewAt} approve, from {@code declineAt} decline. */
  public record Thresholds(int reviewAt, int declineAt) {
  }

  /** Every rule; a rule left out of the document is off. */
  public record Rules(AmountLimit amountLimit, Velocity velocity, Points newPaymentMethod, Points newPayee,
                      Points selfPayment, MulePattern mulePattern, Points newCurrency, Structuring structuring) {
  }

  /** A rule whose only parameter is its points. */
  public record Points(boolean enabled, int points) {
  }

  /** Amount above the payment currency's limit ({@code default_limit} for a currency not listed). */
  public record AmountLimit(boolean enabled, int points, Map<String, BigDecimal> limits, BigDecimal defaultLimit) {

    public BigDecimal limitFor(String currency) {
      return limits == null ? defaultLimit : limits.getOrDefault(currency, defaultLimit);
    }
  }

  /** Count and sum of one user's payments in sliding windows, each window with its own limits and points. */
  public record Velocity(boolean enabled, List<Window> windows) {
  }

  /** More than {@code maxCount} payments, or more than {@code maxSum} in the payment's currency. */
  public record Window(int minutes, int maxCount, BigDecimal maxSum, int points) {
  }

  /**
   * At least {@code distinctPayers} different users paid this payee within {@code minutes}, among the
   * payee's last {@code recentPayments} payments of that window (default {@link #DEFAULT_RECENT_PAYMENTS}):
   * the bound keeps the read short for a payee that is paid thousands of times an hour, whose last
   * payments show its payers anyway.
   */
  public record MulePattern(boolean enabled, int minutes, int distinctPayers, Integer recentPayments, int points) {

    public static final int DEFAULT_RECENT_PAYMENTS = 50;
    public static final int MAX_RECENT_PAYMENTS = 10_000;

    public int recentPaymentsOrDefault() {
      return recentPayments == null ? DEFAULT_RECENT_PAYMENTS : recentPayments;
    }
  }

  /**
   * At least {@code minCount} of a user's payments within {@code minutes} (this one included) fell just
   * below the currency's amount limit: from {@code fromRatio} of it up to the limit.
   */
  public record Structuring(boolean enabled, int minutes, BigDecimal fromRatio, int minCount, int points) {
  }

  /** Every problem with the document, so an analyst fixes them all at once; empty when it is valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (thresholds == null) {
      problems.add("thresholds are missing");
    } else if (thresholds.reviewAt() < 0 || thresholds.reviewAt() > thresholds.declineAt()
      || thresholds.declineAt() > 100) {
      problems.add("thresholds must satisfy 0 <= review_at <= decline_at <= 100");
    }
    if (rules == null) {
      problems.add("rules are missing");
      return problems;
    }
    if (rules.amountLimit() != null && rules.amountLimit().enabled()) {
      points(problems, "amount_limit", rules.amountLimit().points());
      if (rules.amountLimit().defaultLimit() == null || rules.amountLimit().defaultLimit().signum() <= 0) {
        problems.add("amount_limit.default_limit must be a positive amount");
      }
      if (rules.amountLimit().limits() != null) {
        rules.amountLimit().limits().forEach((currency, limit) -> {
          if (limit == null || limit.signum() <= 0) {
            problems.add("amount_limit.limits." + currency + " must be a positive amount");
          }
        });
      }
    }
    if (rules.velocity() != null && rules.velocity().enabled()) {
      if (rules.velocity().windows() == null || rules.velocity().windows().isEmpty()) {
        problems.add("velocity.windows must list at least one window");
      } else {
        for (Window w : rules.velocity().windows()) {
          if (w == null) {
            problems.add("velocity.windows[] must be objects, not null");
            continue;
          }
          minutes(problems, "velocity.windows[].minutes", w.minutes());
          points(problems, "velocity.windows[]", w.points());
          if (w.maxCount() < 1 || w.maxSum() == null || w.maxSum().signum() <= 0) {
            problems.add("velocity.windows[] needs max_count >= 1 and a positive max_sum");
          }
        }
      }
    }
    for (var toggle : Map.of("new_payment_method", optional(rules.newPaymentMethod()), "new_payee",
      optional(rules.newPayee()), "self_payment", optional(rules.selfPayment()), "new_currency",
      optional(rules.newCurrency())).entrySet()) {
      if (toggle.getValue().enabled()) {
        points(problems, toggle.getKey(), toggle.getValue().points());
      }
    }
    if (rules.mulePattern() != null && rules.mulePattern().enabled()) {
      minutes(problems, "mule_pattern.minutes", rules.mulePattern().minutes());
      points(problems, "mule_pattern", rules.mulePattern().points());
      if (rules.mulePattern().distinctPayers() < 2) {
        problems.add("mule_pattern.distinct_payers must be at least 2");
      }
      int recent = rules.mulePattern().recentPaymentsOrDefault();
      if (recent < rules.mulePattern().distinctPayers() || recent > MulePattern.MAX_RECENT_PAYMENTS) {
        problems.add("mule_pattern.recent_payments must be from distinct_payers to " + MulePattern.MAX_RECENT_PAYMENTS);
      }
    }
    if (rules.structuring() != null && rules.structuring().enabled()) {
      minutes(problems, "structuring.minutes", rules.structuring().minutes());
      points(problems, "structuring", rules.structuring().points());
      if (rules.amountLimit() == null) {
        problems.add("structuring needs amount_limit (its limits define 'just below')");
      }
      BigDecimal ratio = rules.structuring().fromRatio();
      if (ratio == null || ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) >= 0) {
        problems.add("structuring.from_ratio must be between 0 and 1");
      }
      if (rules.structuring().minCount() < 2) {
        problems.add("structuring.min_count must be at least 2");
      }
    }
    customProblems(problems);
    return problems;
  }

  /** The custom rules' own fields; their expressions are checked when the document is compiled. */
  private void customProblems(List<String> problems) {
    if (custom == null) {
      return;
    }
    if (custom.size() > MAX_CUSTOM_RULES) {
      problems.add("custom: at most " + MAX_CUSTOM_RULES + " rules");
      return;
    }
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < custom.size(); i++) {
      CustomRule rule = custom.get(i);
      String at = "custom[" + i + "]";
      if (rule == null) {
        problems.add(at + " must be an object, not null");
        continue;
      }
      if (rule.code() == null || !CODE.matcher(rule.code()).matches()) {
        problems.add(at + ".code must be 2 to 64 of A-Z, 0-9 and _, starting with a letter");
      } else {
        at = "custom[" + i + "] " + rule.code();
        if (BUILT_IN_CODES.contains(rule.code()) || rule.code().matches("VELOCITY_[0-9]+M")) {
          problems.add(at + ": the code of a built-in rule");
        } else if (!codes.add(rule.code())) {
          problems.add(at + ": the code of another custom rule");
        }
      }
      if (rule.expression() == null || rule.expression().isBlank()) {
        problems.add(at + ".expression is missing");
      }
      if ((rule.points() == null) == (rule.action() == null)) {
        problems.add(at + " needs either points or an action (block, review or allow), not both");
      } else if (rule.points() != null) {
        points(problems, at, rule.points());
      }
      if (rule.reason() == null || rule.reason().isBlank() || rule.reason().length() > 300) {
        problems.add(at + ".reason must be a sentence of 1 to 300 characters");
      }
    }
  }

  private static Points optional(Points points) {
    return points == null ? new Points(false, 0) : points;
  }

  private static void points(List<String> problems, String rule, int points) {
    if (points < 0 || points > 99) {
      problems.add(rule + ".points must be from 0 to 99");
    }
  }

  private static void minutes(List<String> problems, String field, int minutes) {
    if (minutes < 1 || minutes > 31 * 24 * 60) {
      problems.add(field + " must be from 1 to 44640 (31 days)");
    }
  }
}

package io.payguard.risk.rules;

import io.payguard.events.RiskAssessed.Reason;
import io.payguard.risk.expressions.RuleExpressions;

/**
 * A custom rule, compiled: its reason when the expression holds, none when it does not. An expression
 * that cannot be evaluated for a payment (its iteration budget spent, a malformed decimal('...')) adds a
 * RULE_ERROR reason of no points naming the rule, the same every time that payment is scored: the
 * payment is still decided, by the other rules, and the error is visible in its reasons and metrics. A
 * block rule fails closed: its error sends the payment to review (a RULE_ERROR with action review), so
 * a blocked party never gets through because its rule could not run.
 */
record ExpressionRule(RulesDocument.CustomRule rule, RuleExpressions.Expression expression) {

  /** The reason this rule gives {@code facts}, or null. */
  Reason evaluate(PaymentFacts facts) {
    if (!rule.on()) {
      return null;
    }
    boolean fired;
    try {
      fired = expression.test(facts);
    } catch (RuleExpressions.Unevaluable e) {
      String message = rule.code() + " could not be evaluated: " + e.getMessage();
      return rule.action() == RuleAction.BLOCK ? new Reason("RULE_ERROR", 0, message, RuleAction.REVIEW.json(), false)
        : new Reason("RULE_ERROR", 0, message);
    }
    if (!fired) {
      return null;
    }
    return rule.action() == null ? new Reason(rule.code(), rule.points(), rule.reason())
      : new Reason(rule.code(), 0, rule.reason(), rule.action().json(), false);
  }
}

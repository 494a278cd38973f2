package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Reason;

import java.math.BigDecimal;
import java.util.List;

/**
 * STRUCTURING: the user keeps paying just below the amount limit (from from_ratio of it up to it),
 * min_count times or more within the window, this payment included: a limit being dodged.
 */
record StructuringRule(RulesDocument.Structuring config, RulesDocument.AmountLimit limits) implements Rule {

  @Override
  public List<Reason> evaluate(PaymentRequested payment, History history) {
    BigDecimal limit = limits.limitFor(payment.currency());
    if (!justBelow(payment.amountValue(), limit)) {
      return List.of();
    }
    var from = payment.createdAt().minusMinutes(config.minutes());
    long count = 1 + history.recent().stream()
      .filter(p -> p.createdAt().isAfter(from) && p.currency().equals(payment.currency()))
      .filter(p -> justBelow(p.amount(), limit))
      .count();
    if (count < config.minCount()) {
      return List.of();
    }
    return List.of(new Reason("STRUCTURING", config.points(), count + " payments just below the limit of "
      + limit.toPlainString() + " " + payment.currency() + " within " + config.minutes() + " minutes."));
  }

  private boolean justBelow(BigDecimal amount, BigDecimal limit) {
    return amount.compareTo(limit) <= 0 && amount.compareTo(limit.multiply(config.fromRatio())) >= 0;
  }
}

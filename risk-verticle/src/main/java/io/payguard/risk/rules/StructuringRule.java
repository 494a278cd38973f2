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
    BigDecimal amount = payment.amountValue();
    if (amount.compareTo(limit) > 0 || amount.compareTo(bandStart(limit)) < 0) {
      return List.of();
    }
    long count = history.justBelowLimit() + 1;
    if (count < config.minCount()) {
      return List.of();
    }
    return List.of(new Reason("STRUCTURING", config.points(), count + " payments just below the limit of "
      + limit.toPlainString() + " " + payment.currency() + " within " + config.minutes() + " minutes."));
  }

  /** The lowest amount that counts as "just below" {@code limit}. */
  BigDecimal bandStart(BigDecimal limit) {
    return limit.multiply(config.fromRatio());
  }
}

package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Reason;

import java.util.List;

/** AMOUNT_OVER_LIMIT: the amount is above the per-currency limit. */
record AmountLimitRule(RulesDocument.AmountLimit config) implements Rule {

  @Override
  public List<Reason> evaluate(PaymentRequested payment, History history) {
    var limit = config.limitFor(payment.currency());
    if (payment.amountValue().compareTo(limit) <= 0) {
      return List.of();
    }
    return List.of(new Reason("AMOUNT_OVER_LIMIT", config.points(),
      "Amount " + payment.amount() + " " + payment.currency() + " is above the limit of "
        + limit.toPlainString() + "."));
  }
}

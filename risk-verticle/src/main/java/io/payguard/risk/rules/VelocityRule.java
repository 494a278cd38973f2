package io.payguard.risk.rules;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Reason;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * VELOCITY_&lt;n&gt;M: within each window ending at this payment, the user made more than max_count
 * payments, or two or more that add up to more than max_sum in this payment's currency (this payment
 * included).
 */
record VelocityRule(RulesDocument.Velocity config) implements Rule {

  @Override
  public List<Reason> evaluate(PaymentRequested payment, History history) {
    List<Reason> reasons = new ArrayList<>();
    for (RulesDocument.Window window : config.windows()) {
      History.WindowTotals earlier = history.window(window.minutes());
      long count = earlier.count() + 1;
      BigDecimal sum = earlier.sameCurrencySum().add(payment.amountValue());
      // One large payment alone is the amount rule's business; velocity is about several.
      if (count > window.maxCount() || (count > 1 && sum.compareTo(window.maxSum()) > 0)) {
        String what = earlier.atLeast() ? "More than " + window.maxCount() + " payments"
          : count + " payments totalling " + sum.stripTrailingZeros().toPlainString() + " " + payment.currency();
        reasons.add(new Reason("VELOCITY_" + window.minutes() + "M", window.points(), what + " within "
          + window.minutes() + " minutes (limits: " + window.maxCount() + " payments, "
          + window.maxSum().toPlainString() + ")."));
      }
    }
    return reasons;
  }
}

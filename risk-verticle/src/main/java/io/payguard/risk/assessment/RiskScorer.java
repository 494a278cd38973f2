package io.payguard.risk.assessment;

import io.payguard.events.PaymentRequested;

import java.math.BigDecimal;

/**
 * The provisional score until the rules engine lands: deterministic and explainable, never random.
 * One point per started 100 units of the amount, capped at 99: below 100 scores 0, 250.00 scores 2,
 * 9,900 or more scores 99. The same payment always gets the same score.
 */
public final class RiskScorer {

  static final BigDecimal POINT = BigDecimal.valueOf(100);
  static final int MAX_SCORE = 99;

  public int score(PaymentRequested payment) {
    BigDecimal points = payment.amountValue().divideToIntegralValue(POINT);
    return points.compareTo(BigDecimal.valueOf(MAX_SCORE)) >= 0 ? MAX_SCORE : points.intValueExact();
  }
}

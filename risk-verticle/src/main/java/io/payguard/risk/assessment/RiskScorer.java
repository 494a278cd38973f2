package io.payguard.risk.assessment;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Reason;

import java.math.BigDecimal;
import java.util.List;

/**
 * The provisional score until the rules engine lands: deterministic and explainable, never random.
 * One point per started 100 units of the amount, capped at 99: below 100 scores 0, 250.00 scores 2,
 * 9,900 or more scores 99. The same payment always gets the same score.
 */
public final class RiskScorer {

  public static final String VERSION = "provisional-1";
  static final BigDecimal POINT = BigDecimal.valueOf(100);
  static final int MAX_SCORE = 99;

  private final DecisionThresholds thresholds;

  public RiskScorer(DecisionThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public Assessment assess(PaymentRequested payment) {
    int score = score(payment);
    List<Reason> reasons = score == 0 ? List.of() : List.of(new Reason("AMOUNT_BAND", score,
      "Amount " + payment.amount() + " " + payment.currency() + " adds one point per started 100."));
    return new Assessment(payment, score, thresholds.decide(score), reasons, VERSION);
  }

  int score(PaymentRequested payment) {
    BigDecimal points = payment.amountValue().divideToIntegralValue(POINT);
    return points.compareTo(BigDecimal.valueOf(MAX_SCORE)) >= 0 ? MAX_SCORE : points.intValueExact();
  }
}

package io.payguard.risk.assessment;

import io.payguard.events.PaymentRequested;
import io.payguard.events.RiskAssessed.Decision;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RiskScorerTest {

  private final RiskScorer scorer = new RiskScorer(new DecisionThresholds(50, 80));

  private static PaymentRequested payment(String amount) {
    return new PaymentRequested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
      amount, "EUR", OffsetDateTime.now());
  }

  @Test
  void onePointPerStartedHundredCappedAt99() {
    assertThat(scorer.score(payment("0.01"))).isZero();
    assertThat(scorer.score(payment("99.999999"))).isZero();
    assertThat(scorer.score(payment("100"))).isEqualTo(1);
    assertThat(scorer.score(payment("250.00"))).isEqualTo(2);
    assertThat(scorer.score(payment("9899.99"))).isEqualTo(98);
    assertThat(scorer.score(payment("9900"))).isEqualTo(99);
    assertThat(scorer.score(payment("99999999999999.999999"))).isEqualTo(99);
  }

  @Test
  void theScoreMapsToADecisionWithItsReason() {
    Assessment small = scorer.assess(payment("10"));
    assertThat(small.decision()).isEqualTo(Decision.APPROVE);
    assertThat(small.reasons()).isEmpty();

    Assessment review = scorer.assess(payment("5000"));
    assertThat(review.riskScore()).isEqualTo(50);
    assertThat(review.decision()).isEqualTo(Decision.REVIEW);
    assertThat(review.reasons()).singleElement().satisfies(r -> {
      assertThat(r.code()).isEqualTo("AMOUNT_BAND");
      assertThat(r.points()).isEqualTo(50);
    });
    assertThat(scorer.assess(payment("7999.99")).decision()).isEqualTo(Decision.REVIEW);
    assertThat(scorer.assess(payment("8000")).decision()).isEqualTo(Decision.DECLINE);
    assertThat(review.rulesVersion()).isEqualTo(RiskScorer.VERSION);
  }

  @Test
  void theSamePaymentAlwaysGetsTheSameAssessment() {
    PaymentRequested p = payment("1234.56");
    assertThat(scorer.assess(p)).isEqualTo(scorer.assess(p));
    assertThat(scorer.score(p)).isEqualTo(12);
  }
}

package io.payguard.risk.assessment;

import io.payguard.events.PaymentRequested;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RiskScorerTest {

  private final RiskScorer scorer = new RiskScorer();

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
  void theSamePaymentAlwaysGetsTheSameScore() {
    PaymentRequested p = payment("1234.56");
    assertThat(scorer.score(p)).isEqualTo(scorer.score(p)).isEqualTo(12);
  }
}

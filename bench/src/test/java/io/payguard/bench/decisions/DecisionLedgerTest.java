package io.payguard.bench.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DecisionLedgerTest {

  private static final long MS = 1_000_000;

  @Test
  void everyAcceptedPaymentIsEitherAssessedOrMissingAndEndToEndRunsFromTheIntendedTime() {
    DecisionLedger ledger = new DecisionLedger();
    ledger.accepted("a", 0, true);
    ledger.accepted("b", 10 * MS, true);
    ledger.accepted("c", 20 * MS, true);
    ledger.decided("a", 100 * MS);
    ledger.decided("b", 310 * MS);

    DecisionLedger.Summary s = ledger.summary();
    assertThat(s.accepted()).isEqualTo(3);
    assertThat(s.assessed()).isEqualTo(2);
    assertThat(s.missing()).isEqualTo(1);
    assertThat(ledger.missing()).isEqualTo(1);
    assertThat(s.latency().max()).isCloseTo(300.0, within(0.5));
    assertThat(s.latency().count()).isEqualTo(2);
  }

  @Test
  void aDecisionSeenBeforeItsReplyWasProcessedStillCounts() {
    DecisionLedger ledger = new DecisionLedger();
    ledger.decided("early", 5 * MS);
    ledger.accepted("early", 0, true);
    assertThat(ledger.summary().missing()).isZero();
    assertThat(ledger.summary().foreign()).isZero();
  }

  @Test
  void repeatsAndOtherClientsDecisionsAreCountedApartAndWarmupIsNotInTheLatency() {
    DecisionLedger ledger = new DecisionLedger();
    ledger.accepted("warm", 0, false);
    ledger.accepted("x", 0, true);
    ledger.decided("warm", 900 * MS);
    ledger.decided("x", 2 * MS);
    ledger.decided("x", 3 * MS);
    ledger.decided("someone-else", 1 * MS);
    ledger.unreadable();

    DecisionLedger.Summary s = ledger.summary();
    assertThat(s.assessed()).isEqualTo(2);
    assertThat(s.repeated()).isEqualTo(1);
    assertThat(s.foreign()).isEqualTo(1);
    assertThat(s.unreadable()).isEqualTo(1);
    assertThat(s.latency().max()).isCloseTo(2.0, within(0.01)); // the first sighting, warm-up excluded
  }

  @Test
  void thePaymentIdIsReadFromTheDecisionMessage() {
    assertThat(KafkaDecisions.paymentId("{\"payment_request_id\":\"p1\",\"assessed_at\":\"2026-11-25T08:00:00Z\"}")).isEqualTo("p1");
    assertThat(KafkaDecisions.paymentId("not json")).isNull();
    assertThat(KafkaDecisions.paymentId("{}")).isNull();
  }
}

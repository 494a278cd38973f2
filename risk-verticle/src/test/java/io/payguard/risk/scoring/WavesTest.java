package io.payguard.risk.scoring;

import io.payguard.events.PaymentRequested;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WavesTest {

  private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 25, 8, 0, 0, 0, ZoneOffset.UTC);
  private final UUID a = UUID.randomUUID();
  private final UUID b = UUID.randomUUID();
  private final UUID c = UUID.randomUUID();
  private final UUID d = UUID.randomUUID();

  private static PaymentRequested pay(UUID payer, UUID payee) {
    return new PaymentRequested(UUID.randomUUID(), payer, payee, UUID.randomUUID(), "10.00", "EUR", NOW);
  }

  @Test
  void paymentsOfDifferentPayersToDifferentPayeesGoTogether() {
    List<PaymentRequested> batch = List.of(pay(a, b), pay(c, d));
    assertThat(Waves.of(batch)).containsExactly(batch);
  }

  @Test
  void aPayersSecondPaymentWaitsForItsFirst() {
    PaymentRequested first = pay(a, b);
    PaymentRequested second = pay(a, c);
    PaymentRequested other = pay(d, UUID.randomUUID());
    assertThat(Waves.of(List.of(first, second, other))).containsExactly(List.of(first, other), List.of(second));
  }

  @Test
  void aPayeesSecondPayerWaitsForItsFirst() {
    PaymentRequested first = pay(a, b);
    PaymentRequested second = pay(c, b);
    assertThat(Waves.of(List.of(first, second))).containsExactly(List.of(first), List.of(second));
  }

  @Test
  void payingSomeoneDoesNotClashWithBeingPaidBySomeoneElse() {
    // a pays b, b pays c: b is a payee in one and a payer in the other, which no rule links.
    List<PaymentRequested> batch = List.of(pay(a, b), pay(b, c));
    assertThat(Waves.of(batch)).containsExactly(batch);
  }

  @Test
  void dependentPaymentsKeepTheirBatchOrderAndNothingIsLostOrRepeated() {
    Random random = new Random(42);
    List<UUID> people = List.of(a, b, c, d, UUID.randomUUID(), UUID.randomUUID());
    List<PaymentRequested> batch = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      batch.add(pay(people.get(random.nextInt(people.size())), people.get(random.nextInt(people.size()))));
    }
    List<List<PaymentRequested>> waves = Waves.of(batch);
    List<PaymentRequested> flattened = waves.stream().flatMap(List::stream).toList();
    assertThat(flattened).containsExactlyInAnyOrderElementsOf(batch);
    for (int i = 0; i < batch.size(); i++) {
      for (int j = i + 1; j < batch.size(); j++) {
        PaymentRequested earlier = batch.get(i);
        PaymentRequested later = batch.get(j);
        if (earlier.userId().equals(later.userId()) || earlier.payeeId().equals(later.payeeId())) {
          assertThat(waveOf(waves, earlier)).as("payment %d before %d", i, j).isLessThan(waveOf(waves, later));
        }
      }
    }
  }

  private static int waveOf(List<List<PaymentRequested>> waves, PaymentRequested payment) {
    for (int w = 0; w < waves.size(); w++) {
      if (waves.get(w).contains(payment)) {
        return w;
      }
    }
    throw new AssertionError("not in any wave");
  }
}

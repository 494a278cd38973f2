package io.payguard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateScheduleTest {

  @Test
  void requestsAreSpacedByTheRateFromTheStartNotFromEachOther() {
    RateSchedule schedule = new RateSchedule(1_000, 500);
    assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
    assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 2_000_000);
    // No drift: the millionth request is exactly 2000 s after the start, not the sum of rounded gaps.
    assertThat(schedule.intendedNanos(1_000_000)).isEqualTo(1_000 + 2_000_000_000_000L);
  }

  @Test
  void dueByAgreesWithIntendedTimesAtEveryEdgeEvenForAwkwardRates() {
    for (double rate : new double[] {7, 333.3, 1000, 2000, 12_345.678}) {
      RateSchedule schedule = new RateSchedule(5_000_000_123L, rate);
      for (long i = 0; i < 20_000; i++) {
        long t = schedule.intendedNanos(i);
        assertThat(schedule.dueBy(t)).as("rate %s, index %d at its own time", rate, i).isEqualTo(i + 1);
        assertThat(schedule.dueBy(t - 1)).as("rate %s, one ns before index %d", rate, i)
          .isEqualTo(i == 0 ? 0 : (schedule.intendedNanos(i - 1) <= t - 1 ? i : i - 1));
      }
    }
  }

  @Test
  void aLateTickReleasesEverythingThatBecameDueInTheMeantime() {
    RateSchedule schedule = new RateSchedule(0, 1000);
    assertThat(schedule.dueBy(-1)).isZero();
    assertThat(schedule.dueBy(0)).isEqualTo(1);
    assertThat(schedule.dueBy(250_000_000)).isEqualTo(251); // a 250 ms stall: 250 requests owed, not 1
  }

  @Test
  void countBeforeGivesTheSizeOfWarmupAndRun() {
    RateSchedule schedule = new RateSchedule(0, 250);
    assertThat(schedule.countBefore(5_000_000_000L)).isEqualTo(1_250);
    assertThat(schedule.countBefore(25_000_000_000L) - schedule.countBefore(5_000_000_000L)).isEqualTo(5_000);
  }

  @Test
  void aRateMustBePositive() {
    assertThatThrownBy(() -> new RateSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateSchedule(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}

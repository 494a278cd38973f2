package io.payguard.overload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One key's bucket on one instance: its share of the rate, one second of burst, its share of the concurrency. */
class RateLimiterBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstOfOneSecondThenTheRateAndARetryAfterThatSaysWhen() {
    RateLimiter.Bucket bucket = new RateLimiter.Bucket();
    long now = 0;
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.take(5, 100, now).outcome()).isEqualTo(RateLimiter.Bucket.Outcome.ADMITTED);
      bucket.release();
    }
    RateLimiter.Bucket.Verdict over = bucket.take(5, 100, now);
    assertThat(over.outcome()).isEqualTo(RateLimiter.Bucket.Outcome.RATE);
    assertThat(over.retryAfterSeconds()).isEqualTo(1);
    assertThat(bucket.take(5, 100, now + SECOND / 5).outcome()).as("one token refilled after 200 ms")
      .isEqualTo(RateLimiter.Bucket.Outcome.ADMITTED);
    assertThat(bucket.take(5, 100, now + SECOND / 5).outcome()).isEqualTo(RateLimiter.Bucket.Outcome.RATE);
  }

  @Test
  void requestsInProgressAreCappedAndFreedWhenTheyEnd() {
    RateLimiter.Bucket bucket = new RateLimiter.Bucket();
    assertThat(bucket.take(100, 2, 0).outcome()).isEqualTo(RateLimiter.Bucket.Outcome.ADMITTED);
    assertThat(bucket.take(100, 2, 0).outcome()).isEqualTo(RateLimiter.Bucket.Outcome.ADMITTED);
    assertThat(bucket.take(100, 2, 0).outcome()).isEqualTo(RateLimiter.Bucket.Outcome.CONCURRENCY);
    bucket.release();
    assertThat(bucket.take(100, 2, 0).outcome()).isEqualTo(RateLimiter.Bucket.Outcome.ADMITTED);
  }

  @Test
  void aShareBelowOneRequestPerSecondStillAdmitsOneAtATime() {
    RateLimiter.Bucket bucket = new RateLimiter.Bucket();
    assertThat(bucket.take(0.5, 1, 0).outcome()).isEqualTo(RateLimiter.Bucket.Outcome.ADMITTED);
    bucket.release();
    RateLimiter.Bucket.Verdict next = bucket.take(0.5, 1, 0);
    assertThat(next.outcome()).isEqualTo(RateLimiter.Bucket.Outcome.RATE);
    assertThat(next.retryAfterSeconds()).isEqualTo(2);
  }
}

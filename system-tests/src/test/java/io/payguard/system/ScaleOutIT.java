package io.payguard.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of each service on one PostgreSQL and one Kafka (topics of six partitions): the outbox
 * relays share the work under their advisory lock, the risk consumers split the partitions, and a
 * graceful stop (SIGTERM) of an instance of each, under load, hands its work over without losing or
 * repeating any of it.
 */
@Tag("fault")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ScaleOutIT {

  private static ChaosStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new ChaosStack(2, 2);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void twoInstancesOfEachServiceAssessEveryPaymentExactlyOnceThroughGracefulRestarts() throws Exception {
    try (SteadyLoad load = new SteadyLoad(stack.paymentUrls())) {
      load.start(40);
      Thread.sleep(4_000);
      stack.risk(1).stop();
      Thread.sleep(3_000);
      stack.restart(stack.risk(1));
      stack.payment(1).stop();
      Thread.sleep(3_000);
      stack.restart(stack.payment(1));
      Thread.sleep(3_000);
      load.stop();

      ExactlyOnce.Counts counts = stack.verify(load.accepted(), Duration.ofSeconds(90));
      System.out.printf("fault=scale-out-2x2-sigterm accepted=%d assessed=%d decided=%d lost=%d duplicated=%d"
          + " statuses=%s shed=%d past_deadline=%d no_reply=%d%n", counts.accepted(), counts.assessed(), counts.decided(),
        counts.lost(), counts.duplicated(), load.statuses(), load.shed(), load.pastDeadline(), load.noReply());
      assertThat(counts.accepted()).isGreaterThan(300);
      assertThat(counts.lost()).isZero();
      assertThat(counts.duplicated()).isZero();
      // A refusal with Retry-After (shed, or at the 2 s deadline during a restart's stall) wrote nothing.
      assertThat(load.serverErrorsBesidesRefusals()).as("a graceful stop answers what it accepted").isEmpty();
      assertThat(load.unavailableWithoutRetryAfter()).isZero();
      assertThat(stack.scalar("SELECT count(*) FROM payment_schema.outbox")
        + stack.scalar("SELECT count(*) FROM risk_schema.outbox")).as("outboxes drained").isZero();
    }
  }
}

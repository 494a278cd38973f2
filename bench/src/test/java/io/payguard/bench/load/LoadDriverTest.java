package io.payguard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The driver against a fake in-process endpoint: no network, about two seconds. */
@ExtendWith(VertxExtension.class)
class LoadDriverTest {

  @Test
  void openModelKeepsSendingOnScheduleWhileOneReplyStallsAndChargesTheStall(Vertx vertx, VertxTestContext test) {
    Map<Long, Long> intended = new ConcurrentHashMap<>();
    AtomicBoolean twentyAnswered = new AtomicBoolean();
    AtomicBoolean twentyOneSentWhileTwentyStalled = new AtomicBoolean();
    Shot shot = (index, intendedNanos, measured) -> {
      intended.put(index, intendedNanos);
      if (index == 21) {
        twentyOneSentWhileTwentyStalled.set(!twentyAnswered.get());
      }
      Promise<Integer> reply = Promise.promise();
      // Request 20 stalls for 400 ms; a closed loop would stop sending meanwhile, this must not.
      vertx.setTimer(index == 20 ? 400 : 1, t -> {
        if (index == 20) {
          twentyAnswered.set(true);
        }
        reply.complete(201);
      });
      return reply.future();
    };
    LoadRecorder recorder = new LoadRecorder();
    LoadPlan plan = new LoadPlan(LoadPlan.Model.OPEN, 100, 16, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5));

    LoadDriver.run(vertx, plan, shot, recorder).onComplete(test.succeeding(done -> test.verify(() -> {
      assertThat(intended).hasSize(100); // exactly rate x duration, each index once
      assertThat(intended.get(21L) - intended.get(20L)).isEqualTo(10_000_000L);
      assertThat(twentyOneSentWhileTwentyStalled).isTrue();
      LoadRecorder.Snapshot s = recorder.snapshot(plan.duration().toNanos());
      assertThat(s.accepted()).isEqualTo(100);
      assertThat(s.latency().max()).isGreaterThanOrEqualTo(400.0);
      test.completeNow();
    })));
  }

  @Test
  void warmupRequestsAreSentButLeftOutOfTheMeasurement(Vertx vertx, VertxTestContext test) {
    Shot shot = (index, intendedNanos, measured) -> Future.succeededFuture(201);
    LoadRecorder recorder = new LoadRecorder();
    LoadPlan plan = new LoadPlan(LoadPlan.Model.OPEN, 200, 16, Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(5));

    LoadDriver.run(vertx, plan, shot, recorder).onComplete(test.succeeding(done -> test.verify(() -> {
      LoadRecorder.Snapshot s = recorder.snapshot(plan.duration().toNanos());
      assertThat(s.sent()).isEqualTo(200);
      assertThat(s.measured()).isEqualTo(100);
      test.completeNow();
    })));
  }

  @Test
  void closedModelKeepsExactlyItsConnectionsBusy(Vertx vertx, VertxTestContext test) {
    int[] inFlight = {0};
    int[] maxInFlight = {0};
    Shot shot = (index, intendedNanos, measured) -> {
      maxInFlight[0] = Math.max(maxInFlight[0], ++inFlight[0]);
      Promise<Integer> reply = Promise.promise();
      vertx.setTimer(5, t -> {
        inFlight[0]--;
        reply.complete(index % 10 == 0 ? 503 : 201);
      });
      return reply.future();
    };
    LoadRecorder recorder = new LoadRecorder();
    LoadPlan plan = new LoadPlan(LoadPlan.Model.CLOSED, 0, 4, Duration.ZERO, Duration.ofMillis(600), Duration.ofSeconds(5));

    LoadDriver.run(vertx, plan, shot, recorder).onComplete(test.succeeding(done -> test.verify(() -> {
      assertThat(maxInFlight[0]).isEqualTo(4);
      LoadRecorder.Snapshot s = recorder.snapshot(plan.duration().toNanos());
      assertThat(s.measured()).isGreaterThan(40);
      assertThat(s.errors()).containsKey("503");
      test.completeNow();
    })));
  }
}

package io.payguard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver against a fake in-process endpoint: no network, about two seconds. */
class LoadDriverTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void openModelKeepsSendingOnScheduleWhileOneReplyStallsAndChargesTheStall() throws Exception {
    Map<Long, Long> fired = new ConcurrentHashMap<>();
    Map<Long, Long> intended = new ConcurrentHashMap<>();
    Shot shot = (index, intendedNanos, measured) -> {
      fired.put(index, System.nanoTime());
      intended.put(index, intendedNanos);
      Promise<Integer> reply = Promise.promise();
      // Request 20 stalls for 400 ms; a closed loop would stop sending meanwhile, this must not.
      vertx.setTimer(index == 20 ? 400 : 1, t -> reply.complete(201));
      return reply.future();
    };
    LoadRecorder recorder = new LoadRecorder();
    LoadPlan plan = new LoadPlan(LoadPlan.Model.OPEN, 100, 16, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(5));

    await(LoadDriver.run(vertx, plan, shot, recorder));

    assertThat(fired).hasSize(100); // exactly rate x duration, each index once
    assertThat(intended.get(21L) - intended.get(20L)).isEqualTo(10_000_000L);
    // Request 21 left about on time although 20 had not been answered.
    assertThat(fired.get(21L) - intended.get(21L)).isLessThan(200_000_000L);
    LoadRecorder.Snapshot s = recorder.snapshot(plan.duration().toNanos());
    assertThat(s.accepted()).isEqualTo(100);
    assertThat(s.latency().max()).isGreaterThanOrEqualTo(400.0);
  }

  @Test
  void warmupRequestsAreSentButLeftOutOfTheMeasurement() throws Exception {
    Shot shot = (index, intendedNanos, measured) -> Future.succeededFuture(201);
    LoadRecorder recorder = new LoadRecorder();
    LoadPlan plan = new LoadPlan(LoadPlan.Model.OPEN, 200, 16, Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(5));

    await(LoadDriver.run(vertx, plan, shot, recorder));

    LoadRecorder.Snapshot s = recorder.snapshot(plan.duration().toNanos());
    assertThat(s.sent()).isEqualTo(200);
    assertThat(s.measured()).isEqualTo(100);
  }

  @Test
  void closedModelKeepsExactlyItsConnectionsBusy() throws Exception {
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

    await(LoadDriver.run(vertx, plan, shot, recorder));

    assertThat(maxInFlight[0]).isEqualTo(4);
    LoadRecorder.Snapshot s = recorder.snapshot(plan.duration().toNanos());
    assertThat(s.measured()).isGreaterThan(40);
    assertThat(s.errors()).containsKey("503");
  }

  private static void await(Future<?> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

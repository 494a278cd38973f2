package io.payguard.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class LoadRecorderTest {

  private static final long MS = 1_000_000;

  @Test
  void latencyRunsFromTheIntendedSendTimeNotFromTheActualOne() {
    LoadRecorder recorder = new LoadRecorder();
    // Meant for t=0, sent 40 ms late (the sender or the pool was stuck), answered at 50 ms: that is 50 ms.
    recorder.sent(true, 0, 40 * MS);
    recorder.replied(true, 0, 50 * MS, 201);
    LoadRecorder.Snapshot s = recorder.snapshot(1_000 * MS);
    assertThat(s.latency().max()).isCloseTo(50.0, within(0.1));
    assertThat(s.senderLag().max()).isCloseTo(40.0, within(0.1));
  }

  @Test
  void warmupRepliesAreSentButNotCounted() {
    LoadRecorder recorder = new LoadRecorder();
    recorder.sent(false, 0, 0);
    recorder.replied(false, 0, 900 * MS, 201);
    recorder.sent(true, 10 * MS, 10 * MS);
    recorder.replied(true, 10 * MS, 12 * MS, 201);
    LoadRecorder.Snapshot s = recorder.snapshot(1_000 * MS);
    assertThat(s.sent()).isEqualTo(2);
    assertThat(s.measured()).isEqualTo(1);
    assertThat(s.latency().max()).isCloseTo(2.0, within(0.01));
  }

  @Test
  void errorsAreCountedByStatusAndFailureKindAndKeptOutOfTheLatency() {
    LoadRecorder recorder = new LoadRecorder();
    recorder.replied(true, 0, 1 * MS, 201);
    recorder.replied(true, 0, 2 * MS, 422);
    recorder.replied(true, 0, 3 * MS, 503);
    recorder.replied(true, 0, 3 * MS, 503);
    recorder.failed(true, 0, 10_000 * MS, new TimeoutException("10 s"));
    recorder.failed(true, 0, 5 * MS, new IOException(new ConnectException("refused")));
    LoadRecorder.Snapshot s = recorder.snapshot(1_000 * MS);
    assertThat(s.accepted()).isEqualTo(1);
    assertThat(s.errors()).containsEntry("422", 1L).containsEntry("503", 2L).containsEntry(Outcomes.TIMEOUT, 1L)
      .containsEntry("connection: IOException", 1L);
    assertThat(s.errorCount()).isEqualTo(5);
    assertThat(s.latency().count()).isEqualTo(1);
  }

  @Test
  void throughputIsOverTheTimeTheRepliesReallyTookWhenTheServerFellBehind() {
    LoadRecorder recorder = new LoadRecorder();
    // 100 requests meant for a 1 s window, the last answered at 4 s: 25/s, not the offered 100/s.
    for (int i = 0; i < 100; i++) {
      recorder.replied(true, i * 10 * MS, 4_000 * MS, 201);
    }
    assertThat(recorder.acceptedPerSecond(1_000 * MS)).isCloseTo(25.0, within(0.01));
  }
}

package io.payguard.bench.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.payguard.bench.load.LoadRecorder;
import io.payguard.bench.load.LoadResults;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFileTest {

  private static final long MS = 1_000_000;

  @TempDir
  Path dir;

  @Test
  void aRunIsWrittenUnderItsTimestampAndScenarioAndReadsBackWithMachineParametersAndResults() {
    LoadRecorder recorder = new LoadRecorder();
    for (int i = 1; i <= 1000; i++) {
      recorder.sent(true, 0, 0);
      recorder.replied(true, 0, i * MS, 201); // latencies 1..1000 ms
    }
    recorder.replied(true, 0, 3 * MS, 422);
    Instant started = Instant.parse("2026-11-25T08:30:12.345Z");
    JsonObject doc = ResultFile.document("payments-open-500", "smoke", "b1", started, MachineFacts.collect(),
      new JsonObject().put("offered_rate_per_s", 500.0), LoadResults.toJson(recorder.snapshot(10_000 * MS)),
      List.of("a note"));

    Path file = ResultFile.write(dir, doc);

    assertThat(file.getFileName()).hasToString("20261125-083012-payments-open-500.json");
    assertThat(dir.resolve(file.getFileName() + ".tmp")).doesNotExist();
    JsonObject back = ResultFile.read(file);
    assertThat(back.getInteger("format")).isEqualTo(ResultFile.FORMAT);
    assertThat(back.getJsonObject("machine").getInteger("cores")).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(back.getJsonObject("machine").getString("jvm")).contains(System.getProperty("java.runtime.version"));
    assertThat(back.getJsonObject("parameters").getDouble("offered_rate_per_s")).isEqualTo(500.0);
    JsonObject results = back.getJsonObject("results");
    assertThat(results.getLong("accepted")).isEqualTo(1000);
    assertThat(results.getJsonObject("errors").getLong("422")).isEqualTo(1);
    JsonObject latency = results.getJsonObject("latency_ms");
    // HdrHistogram with 3 significant digits: within 0.1 % of the exact order statistics.
    assertThat(latency.getDouble("p50")).isBetween(499.5, 500.6);
    assertThat(latency.getDouble("p99")).isBetween(989.0, 991.0);
    assertThat(latency.getDouble("max")).isBetween(999.0, 1001.0);
    assertThat(back.getJsonArray("notes").getString(0)).isEqualTo("a note");
  }

  @Test
  void theCeilingRatioUsesTheBestClientCount() {
    JsonObject ceiling = new JsonObject().put("results", new JsonObject().put("ceiling", new io.vertx.core.json.JsonArray()
      .add(new JsonObject().put("clients", 1).put("inserts_per_s", 200.0))
      .add(new JsonObject().put("clients", 16).put("inserts_per_s", 2000.0))));
    JsonObject ratio = CeilingRatio.of(ceiling, 500);
    assertThat(ratio.getInteger("ceiling_clients")).isEqualTo(16);
    assertThat(ratio.getDouble("ratio")).isEqualTo(0.25);
  }

  @Test
  void unsafeCharactersInAScenarioNameDoNotLeaveTheResultsDirectory() {
    assertThat(ResultFile.fileName(Instant.EPOCH, "../x y")).isEqualTo("19700101-000000-.._x_y.json");
    assertThat(Files.exists(dir)).isTrue();
  }
}

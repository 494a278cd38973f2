package io.payguard.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

  @TempDir
  Path dir;

  private static JsonObject run(double rate, double p50, double p99) {
    return new JsonObject().put("tool", "payguard-bench").put("scenario", "payments-open-" + (long) rate)
      .put("label", "smoke").put("batch", "b1").put("started_at", "2026-11-25T08:00:00Z")
      .put("machine", new JsonObject().put("cores", 2))
      .put("parameters", new JsonObject().put("offered_rate_per_s", rate))
      .put("results", new JsonObject().put("accepted", 100L).put("accepted_per_s", rate).put("error_count", 0L)
        .put("latency_ms", new JsonObject().put("count", 100).put("p50", p50).put("p90", p50 * 2).put("p99", p99)
          .put("p99_9", p99 * 2).put("max", p99 * 3))
        .put("ceiling_ratio", new JsonObject().put("ratio", 0.125))
        .put("end_to_end", new JsonObject().put("enabled", true).put("source", "kafka").put("assessed", 99L)
          .put("missing", 1L).put("latency_ms", new JsonObject().put("p50", 20.0).put("p99", 80.0))));
  }

  @Test
  void eachRunBecomesARowWithItsRatesPercentilesAndAssessedCheck() {
    String table = ReportRows.markdown(List.of(run(250, 3.5, 40)));
    assertThat(table).contains("| b1 | smoke | payments-open-250 | 250 | 250.0 | 0.125 | 3.50 | 7.00 | 40.00 | 80.00 | 120.00 | 0 | 20.0 / 80.0 (kafka) | 99 / 1 |");
  }

  @Test
  void aRunWithCpuFiguresGetsARowInTheCpuTable() {
    JsonObject doc = run(500, 3.5, 40);
    doc.getJsonObject("results").put("cpu", new JsonObject().put("decided", 10_000L).put("servers_ms_per_decided_payment", 3.25)
      .put("servers_cores_busy", 1.5).put("ms_per_decided_payment", new JsonObject().put("payment", 1.0).put("risk", 0.5)
        .put("postgres:payment_svc", 0.75).put("postgres:risk_svc", 0.5).put("postgres:server", 0.25).put("kafka", 0.25)
        .put("generator", 0.4))
      .put("memory", new JsonObject().put("payment", new JsonObject().put("peak_rss_mb", 151.4))
        .put("risk", new JsonObject().put("peak_rss_mb", 149.6))));
    assertThat(ReportRows.markdown(List.of(doc)))
      .contains("| b1 | smoke | 500 | 10000 | 1.000 | 0.500 | 0.750 | 0.500 | 0.250 | 0.250 | **3.250** | 1.500 | 0.400 | 151 / 150 |");
    assertThat(ReportRows.markdown(List.of(run(500, 3.5, 40)))).doesNotContain("CPU per decided payment");
  }

  @Test
  void ceilingRunsGetTheirOwnTable() {
    JsonObject ceiling = new JsonObject().put("tool", "payguard-bench").put("scenario", "ceiling").put("label", "smoke")
      .put("batch", "b1").put("results", new JsonObject().put("server_settings", new JsonObject().put("fsync", "on")
          .put("synchronous_commit", "on"))
        .put("ceiling", new JsonArray().add(new JsonObject().put("clients", 16).put("inserts_per_s", 1234.5)
          .put("latency_ms", new JsonObject().put("p50", 1.0).put("p99", 9.0)))));
    assertThat(ReportRows.markdown(List.of(ceiling))).contains("| b1 | smoke | 16 | 1234.5 | 1.00 | 9.00 | on / on |")
      .doesNotContain("offered");
  }

  @Test
  void theGeneratedSectionIsReplacedAndTheProseAroundItKept() {
    String page = "# Benchmarks\nintro\n" + BenchReport.START + "\nold rows\n" + BenchReport.END + "\noutro\n";
    String updated = BenchReport.withSection(page, "new rows\n");
    assertThat(updated).contains("intro", "new rows", "outro").doesNotContain("old rows");
    assertThat(BenchReport.withSection(updated, "new rows\n")).isEqualTo(updated);
    assertThat(BenchReport.withSection("# Benchmarks\n", "rows\n")).contains(BenchReport.START + "\nrows\n" + BenchReport.END);
  }

  @Test
  void theLatencyPlotIsAPngOfOpenModelRunsOnly() throws Exception {
    JsonObject closed = run(0, 1, 2).put("scenario", "payments-closed-c16");
    closed.getJsonObject("parameters").remove("offered_rate_per_s");
    List<JsonObject> docs = List.of(run(500, 5, 60), run(250, 3, 30), closed);
    assertThat(LatencyPlot.points(docs)).extracting(LatencyPlot.Point::rate).containsExactly(250.0, 500.0);

    Path png = dir.resolve("plot.png");
    assertThat(LatencyPlot.write(docs, "test", png)).isTrue();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(LatencyPlot.WIDTH);
    assertThat(image.getHeight()).isEqualTo(LatencyPlot.HEIGHT);
    assertThat(LatencyPlot.write(List.of(closed), "nothing to draw", dir.resolve("none.png"))).isFalse();
  }
}
